package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.Engine;
import dev.glassbox.Progress;
import dev.glassbox.Result;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Interactive containers on the sim kernel, typed through a scripted console as a person would. */
class InteractiveSessionTest {
    private static final String CTRL_P_Q = "\u0010\u0011";
    private final Engine engine = Engine.sim();

    @AfterEach
    void close() {
        engine.close();
    }

    private Result run(String line, ScriptedConsole console) {
        return engine.run(line, Progress.NONE, console);
    }

    private boolean eventsRecorded() {
        try {
            engine.api().events(0, Long.MAX_VALUE);
            return true;
        } catch (dev.glassbox.api.DockerException e) {
            return false;
        }
    }

    private Result run(String line) {
        return engine.run(line);
    }

    @Test
    void runItGivesAShellAtThePromptAndEndsWithItsExit() {
        ScriptedConsole console = new ScriptedConsole().type("/ # ", "echo hi\r").type("/ # ", "exit\r");
        Result r = run("docker run -it alpine sh", console);
        String screen = console.output();
        assertTrue(screen.startsWith("Unable to find image 'alpine:latest' locally\n"), "the pull shows before the shell:\n" + screen);
        assertTrue(screen.contains("/ # echo hi\r\nhi\r\n/ # "), screen);
        assertEquals(0, r.exitStatus(), r.err());
        assertEquals("", r.err());
        assertEquals("raw", console.modes.get(0));
        List<String> requests = engine.lastTrace().events().stream().filter(e -> e.action().equals("request"))
                .map(e -> e.object().replaceAll("/v[0-9.]+/", "/").replaceAll("[0-9a-f]{64}", "ID").replaceAll("\\?.*", "")).toList();
        assertEquals(List.of("POST /containers/create", "POST /images/create", "POST /containers/create", "POST /containers/ID/attach",
                "POST /containers/ID/start", "POST /containers/ID/resize", "POST /containers/ID/wait"), requests,
                "the trace shows docker's requests, one wait for the whole session, not one per key");
        assertEquals("Exited (0)", run("docker ps -a --format '{{.Status}}'").out().substring(0, 10));
    }

    @Test
    void theShellsExitStatusIsRunsExitStatus() {
        Result r = run("docker run -it alpine sh", new ScriptedConsole().type("/ # ", "exit 3\r"));
        assertEquals(3, r.exitStatus());
    }

    /** With --rm the container is gone when the client looks: its status comes from its "die" event (needs GET /events). */
    @Test
    void removedOnExitStillGivesTheShellsStatus() {
        assumeTrue(eventsRecorded(), "this daemon records no events yet");
        Result r = run("docker run -it --rm alpine sh", new ScriptedConsole().type("/ # ", "exit 3\r"));
        assertEquals(3, r.exitStatus(), r.err());
        assertEquals("", run("docker ps -aq").out());
    }

    @Test
    void ctrlPCtrlQDetachesAndAttachComesBack() {
        Result r = run("docker run -it --name box alpine sh", new ScriptedConsole().type("/ # ", CTRL_P_Q));
        assertEquals(0, r.exitStatus());
        assertEquals("", r.err() + r.out(), "docker run prints nothing when the user detaches");
        assertEquals("box\n", run("docker ps --format '{{.Names}}'").out(), "it runs on");
        ScriptedConsole again = new ScriptedConsole().type("", "echo back\r").type("back", "exit 5\r");
        Result attach = run("docker attach box", again);
        assertTrue(again.output().contains("back"), again.output());
        assertEquals(5, attach.exitStatus(), attach.err());
        assertEquals("", run("docker ps -q").out());
    }

    @Test
    void detachingFromAttachSaysSoAndFails() {
        run("docker run -dit --name box alpine sh");
        Result r = run("docker attach box", new ScriptedConsole().type("", CTRL_P_Q));
        assertEquals("read escape sequence\n", r.err());
        assertEquals(1, r.exitStatus());
        assertEquals("box\n", run("docker ps --format '{{.Names}}'").out());
    }

    @Test
    void execItRunsAShellBesideTheMainProcess() {
        run("docker run -d --name web nginx");
        ScriptedConsole console = new ScriptedConsole().type("/ # ", "hostname\r").type("/ # ", "exit 2\r");
        Result r = run("docker exec -it web sh", console);
        String id = run("docker inspect -f '{{.Id}}' web").out().substring(0, 12);
        assertTrue(console.output().contains("hostname\r\n" + id + "\r\n"), console.output());
        assertEquals(2, r.exitStatus(), r.err());
        assertEquals("web\n", run("docker ps --format '{{.Names}}'").out(), "the container runs on");
    }

    @Test
    void execWithItsOwnDetachKeysLeavesTheShellRunning() {
        run("docker run -d --name web nginx");
        Result r = run("docker exec -it --detach-keys ctrl-x,x web sh", new ScriptedConsole().type("/ # ", "\u0018x"));
        assertEquals("read escape sequence\n", r.err());
        assertEquals(1, r.exitStatus());
        assertTrue(run("docker top web").out().contains(" sh\n"), "the exec's shell runs on");
    }

    @Test
    void execIReadsLinesUntilEndOfInput() {
        run("docker run -d --name web nginx");
        ScriptedConsole console = new ScriptedConsole().type("", "echo from exec\n").eof("from exec\n");
        Result r = run("docker exec -i web sh", console);
        assertTrue(console.output().contains("from exec\n"), console.output());
        assertEquals(0, r.exitStatus(), r.err());
    }

    @Test
    void startAiAttachesToACreatedShell() {
        run("docker create -it --name job alpine sh");
        Result r = run("docker start -ai job", new ScriptedConsole().type("/ # ", "exit 4\r"));
        assertEquals(4, r.exitStatus(), r.err());
    }

    @Test
    void interactiveWithoutATtyReadsLinesUntilEndOfInput() {
        ScriptedConsole console = new ScriptedConsole().type("", "echo hi\n").eof("hi\n");
        Result r = run("docker run -i --rm alpine sh", console);
        assertTrue(console.output().contains("hi\n"), console.output());
        assertEquals("line", console.modes.get(0));
        assertEquals(0, r.exitStatus(), r.err());
        assertEquals("", run("docker ps -aq").out(), "--rm removed it");
    }

    @Test
    void withoutAConsoleInteractiveInputIsEmptyAndATtyIsRefused() {
        Result i = run("docker run -i --rm alpine cat");
        assertEquals(0, i.exitStatus(), "cat reads end of file at once: " + i.err());
        run("docker run -d --name web nginx");
        Result exec = run("docker exec -it web sh");
        assertEquals("the input device is not a TTY\n", exec.err());
        assertEquals(1, exec.exitStatus());
        Result missing = run("docker exec -it nosuch sh");
        assertEquals("Error response from daemon: No such container: nosuch\n", missing.err());
        Result attach = run("docker attach web");
        assertEquals(0, run("docker run -dit --name box alpine sh").exitStatus());
        assertEquals("the input device is not a TTY\n", run("docker attach box").err());
        assertTrue(attach.exitStatus() == 0 || attach.err().contains("still running"), attach.err());
    }

    @Test
    void attachFollowsAServerUntilCtrlC() {
        run("docker run -d --name web nginx");
        ScriptedConsole console = new ScriptedConsole();
        console.interrupt();
        Result r = run("docker attach web", console);
        assertEquals(130, r.exitStatus(), "the CLI ends on Ctrl-C, as docker 28's does");
        assertEquals(List.of("line", "closed"), console.modes);
    }

    @Test
    void attachToAStoppedContainerIsRefused() {
        run("docker create --name job alpine true");
        Result r = run("docker attach job");
        assertEquals("You cannot attach to a stopped container, start it first\n", r.err());
        assertEquals(1, r.exitStatus());
    }
}
