package dev.glassbox.repl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real launcher in tmux: an interactive container gets the terminal, and gives it back. */
class InteractiveReplTest {
    @TempDir
    Path dir;

    @Test
    void runItGivesAShellTheWindowSizeAndThePromptBack() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux is not installed");
        String session = "glassbox-it-" + ProcessHandle.current().pid();
        String java = ProcessHandle.current().info().command().orElse("java");
        String cmd = "GLASSBOX_HOME=" + dir + " " + java + " -cp " + System.getProperty("java.class.path") + " dev.glassbox.repl.Main";
        run("tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", cmd);
        try {
            waitFor(session, "glassbox$ ", 1);
            keys(session, "docker run -it --rm alpine sh", "Enter");
            waitFor(session, "/ # ", 1);
            keys(session, "hostname", "Enter");
            String screen = waitFor(session, "/ # ", 2);
            String afterHostname = screen.substring(screen.indexOf("/ # hostname"));
            assertTrue(afterHostname.split("\n")[1].strip().matches("[0-9a-f]{12}"), "the container's id as its hostname:\n" + screen);
            keys(session, "exit", "Enter");
            screen = waitFor(session, "glassbox$ ", 2);
            assertTrue(screen.strip().endsWith("glassbox$"), "the prompt is back on a line of its own:\n" + screen);
            keys(session, "docker run -it --name box alpine sh", "Enter");
            waitFor(session, "/ # ", 3);
            keys(session, "stty size", "Enter");
            waitFor(session, "40 120", 1);
            run("tmux", "resize-window", "-t", session, "-x", "100", "-y", "30");
            keys(session, "stty size", "Enter");
            waitFor(session, "30 100", 1);
            keys(session, "C-p", "C-q");
            waitFor(session, "glassbox$ ", 3);
            keys(session, "docker ps --format '{{.Names}} {{.Status}}'", "Enter");
            waitFor(session, "box Up", 1);
            keys(session, "docker attach box", "Enter");
            keys(session, "echo again", "Enter");
            waitFor(session, "again", 2);
            keys(session, "exit", "Enter");
            screen = waitFor(session, "glassbox$ ", 5);
            assertTrue(screen.strip().endsWith("glassbox$"), screen);
            keys(session, "exit", "Enter");
        } finally {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void keys(String session, String... keys) throws Exception {
        String[] cmd = new String[4 + keys.length];
        cmd[0] = "tmux";
        cmd[1] = "send-keys";
        cmd[2] = "-t";
        cmd[3] = session;
        System.arraycopy(keys, 0, cmd, 4, keys.length);
        run(cmd);
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd));
        return out;
    }

    /** The screen once {@code text} shows on it {@code times} times. */
    static String waitFor(String session, String text, int times) throws Exception {
        String screen = "";
        for (int i = 0; i < 300; i++) {
            screen = run("tmux", "capture-pane", "-p", "-J", "-S", "-200", "-t", session);
            if (screen.split(java.util.regex.Pattern.quote(text), -1).length - 1 >= times) {
                return screen;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed '" + text + "' " + times + " times:\n" + screen);
    }
}
