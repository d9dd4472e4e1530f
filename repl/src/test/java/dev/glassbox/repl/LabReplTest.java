package dev.glassbox.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.lab.Lessons;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labs at the REPL's prompt, typed through a dumb terminal, and `glassbox lab` from the launcher. */
class LabReplTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private String type(String keys) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Kernels kernels = new Kernels(Kernels.SIM, dir.resolve("state"));
                Terminal t = new DumbTerminal("test", "xterm", new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen,
                        StandardCharsets.UTF_8)) {
            t.setSize(new Size(200, 50));
            LabCommands labs = new LabCommands(Lessons::builtIn, dir.resolve("lab-progress.json"), kernels);
            new Repl(t, dir.resolve("history"), kernels, new PrintWriter(err, true), labs).run();
        }
        return screen.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[?0-9;]*[a-zA-Z]|\u001B[=>]|\r", "");
    }

    @Test
    void aLessonAtThePromptChecksEachCommandAndTheStepShowsInThePrompt() throws IOException {
        String screen = type("lab start run-flow\ncheck\nhint\nhint\nsolution\ndocker ps -a\n"
                + "docker run -d -p 8080:80 --name web nginx\ncheck\nlab reset\ndocker ps -a\nexit\n");
        assertTrue(screen.contains("glassbox$ lab start run-flow"), screen);
        assertTrue(screen.contains("Step 1/4: a container named web runs nginx with port 8080 published"), screen);
        assertTrue(screen.contains("glassbox[run-flow 1/4]$ check\n✗ a container named web runs nginx, and it is running: no container is named web;"), screen);
        assertTrue(screen.contains("hint 1/3: ") && screen.contains("hint 2/3: "), screen);
        assertTrue(screen.contains("(shown, not run;"), screen);
        assertTrue(screen.contains("glassbox[run-flow 1/4]$ docker ps -a\nCONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n"),
                "solution ran nothing: " + screen);
        assertTrue(screen.contains("✓ step 1: a container named web runs nginx with port 8080 published\n"), screen);
        assertTrue(screen.contains("glassbox[run-flow 2/4]$ check\n✗ a command sent GET /containers/web/json to the daemon: no command of this step has traced a step in the api layer like that yet"), screen);
        assertTrue(screen.contains("glassbox: back to the start state of run-flow"), screen);
        String afterReset = screen.substring(screen.lastIndexOf("glassbox[run-flow 1/4]$ docker ps -a"));
        assertFalse(afterReset.contains("web"), afterReset);
        assertTrue(Files.readString(dir.resolve("lab-progress.json")).contains("\"done\" : [ 1 ]"));
        assertEquals("", err.toString());
    }

    @Test
    void progressSurvivesTheRepl() throws IOException {
        type("lab start 1\ndocker run -d -p 8080:80 --name web nginx\ndocker inspect web\nexit\n");
        String second = type("lab\nlab start run-flow\ndocker ps --format '{{.Names}}'\nexit\n");
        assertTrue(second.contains("…  1  run-flow"), second);
        assertTrue(second.contains("(at step 3/4)"), second);
        assertTrue(second.contains("glassbox: back at step 3; the solutions of the steps before it were replayed"), second);
        assertTrue(second.contains("glassbox[run-flow 3/4]$ docker ps --format '{{.Names}}'\nweb\n"), second);
        type("lab start 1\nlab step 4\nanswer 2\nexit\n");
        String third = type("lab\nexit\n");
        assertTrue(third.contains("✓  1  run-flow"), third);
        assertTrue(third.contains("1 of 1 finished") || third.matches("(?s).*1 of \\d+ finished.*"), third);
    }

    @Test
    void aCommandThatFailsLeavesTheLessonWhereItWas() throws IOException {
        String screen = type("lab start 1\ndocker run --bogus\ndocker rm nope\nanswer 2\ncheck web\nkernel\n"
                + "docker run -d -p 8080:80 --name web nginx\nexit\n");
        assertTrue(err.toString().contains("unknown flag: --bogus"), err.toString());
        assertTrue(err.toString().contains("No such container: nope"), err.toString());
        assertTrue(err.toString().contains("glassbox: step 1 asks no question"), err.toString());
        assertTrue(err.toString().contains("usage: check (no arguments)"), err.toString());
        assertTrue(screen.contains("✓ step 1:"), screen);
    }

    private int main(List<String> args, StringWriter out) throws IOException {
        return new Main(new PrintWriter(out, true), new PrintWriter(err, true)).run(args);
    }

    @Test
    void labVerifyNamesTheMalformedFileAndItsLineAndChecksTheOthers() throws IOException {
        Path lessons = Files.createDirectories(dir.resolve("lessons"));
        String good = """
                id: tiny
                title: A tiny lesson
                steps:
                  - title: a container named web runs
                    goals:
                      - goal: container
                        name: web
                        state: running
                    hints: [docker run -d --name web nginx]
                    solution: [docker run -d --name web nginx]
                """;
        Files.writeString(lessons.resolve("01-tiny.yaml"), good);
        Files.writeString(lessons.resolve("02-broken.yaml"), good.replace("id: tiny", "id: broken").replace("        name: web", "        nme: web"));
        StringWriter out = new StringWriter();
        assertEquals(1, main(List.of("lab", "verify", "--dir", lessons.toString()), out));
        assertTrue(out.toString().contains("✓ tiny: its solution meets every goal\n"), out.toString());
        assertTrue(out.toString().contains("1 of 2 lessons hold"), out.toString());
        assertTrue(err.toString().contains("02-broken.yaml:6: a 'container' goal needs the container's name"), err.toString());

        Files.writeString(lessons.resolve("02-broken.yaml"), good.replace("id: tiny", "id: wrong").replace("solution: [docker run -d --name web nginx]",
                "solution: [docker create --name web nginx]"));
        StringWriter again = new StringWriter();
        assertEquals(1, main(List.of("lab", "verify", "--dir", lessons.toString()), again));
        assertTrue(err.toString().contains("✗ wrong step 1 (a container named web runs): its solution leaves ✗ a container named web is running: web is created, not running"),
                err.toString());
    }

    @Test
    void labListsTheCurriculumAndRefusesWhatItDoesNotKnow() throws IOException {
        StringWriter out = new StringWriter();
        assertEquals(0, main(List.of("lab", "--dir", dir.toString()), out));
        assertTrue(out.toString().contains("no lessons"), out.toString());
        assertEquals(2, main(List.of("lab", "frob"), new StringWriter()));
        assertTrue(err.toString().contains("glassbox: unknown lab command 'frob'"), err.toString());
        assertEquals(1, main(List.of("lab", "--dir", dir.resolve("nope").toString()), new StringWriter()));
        assertTrue(err.toString().contains("no such folder of lessons"), err.toString());
    }

    /** The real launcher's main class in tmux, as a student at a terminal: the prompt, the step, a hint. */
    @Test
    void tmuxShowsTheLessonsPromptAndAHint() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed");
        String session = "glassbox-lab-" + ProcessHandle.current().pid();
        String java = ProcessHandle.current().info().command().orElse("java");
        String cmd = "GLASSBOX_HOME=" + dir + " " + java + " -cp " + System.getProperty("java.class.path") + " dev.glassbox.repl.Main lab start 1";
        run("tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "50", cmd);
        try {
            String screen = waitFor(session, "glassbox[run-flow 1/4]$ ");
            assertTrue(screen.contains("Step 1/4: a container named web runs nginx with port 8080 published"), screen);
            run("tmux", "send-keys", "-t", session, "hint", "Enter");
            screen = waitFor(session, "hint 1/3: ");
            run("tmux", "send-keys", "-t", session, "docker run -d -p 8080:80 --name web nginx", "Enter");
            screen = waitFor(session, "glassbox[run-flow 2/4]$ ");
            assertTrue(screen.contains("✓ step 1: a container named web runs nginx with port 8080 published"), screen);
            run("tmux", "send-keys", "-t", session, "exit", "Enter");
        } finally {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd));
        return out;
    }

    private static String waitFor(String session, String text) throws Exception {
        String screen = "";
        for (int i = 0; i < 300; i++) {
            screen = run("tmux", "capture-pane", "-p", "-J", "-S", "-100", "-t", session);
            if (screen.contains(text)) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed '" + text + "':\n" + screen);
    }
}
