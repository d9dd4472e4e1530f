package dev.glassbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.api.Api;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import dev.glassbox.api.HostConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Interactive containers through the Api, as docker run -it, docker attach and docker exec -it use it. */
class InteractiveTest {
    private static ContainerConfig config(String image, boolean tty, List<String> cmd) {
        return new ContainerConfig(image, cmd, null, null, null, null, null, null, null, tty, true, null, null, true);
    }

    /** What a client types, then a little virtual time, then what its screen got. */
    private static String type(Engine e, Api.Attachment a, String keys) {
        a.write(keys.getBytes(StandardCharsets.UTF_8));
        e.advance(10);
        return screen(a);
    }

    private static String screen(Api.Attachment a) {
        StringBuilder sb = new StringBuilder();
        for (Api.LogLine l : a.drain()) {
            sb.append(l.text());
        }
        return sb.toString();
    }

    private static Api.Attachment runIt(Engine e, String name, String image, List<String> cmd) {
        e.run("docker pull " + image);
        e.api().create(name, config(image, true, cmd), HostConfig.defaults());
        Api.Attachment a = e.api().attach(name, new Api.AttachOptions(true, true, true, false, ""));
        e.api().start(name);
        e.advance(10);
        return a;
    }

    private static String state(Engine e, String name, String field) {
        return e.run("docker inspect -f '{{.State." + field + "}}' " + name).out().trim();
    }

    @Test
    void aShellOnATerminalEchoesRunsAndPromptsAgain() {
        try (Engine e = Engine.sim()) {
            Api.Attachment a = runIt(e, "box", "alpine", List.of("sh"));
            assertTrue(a.tty());
            assertEquals("/ # ", screen(a), "busybox ash's prompt for root in /");
            assertEquals("echo hi\r\nhi\r\n/ # ", type(e, a, "echo hi\r"), "the typed line is echoed, then the output with CR LF, then the prompt");
            assertEquals("cd /tmp\r\n/tmp # ", type(e, a, "cd /tmp\r"), "the prompt follows the working directory");
            assertEquals("tty\r\n/dev/pts/0\r\n/tmp # ", type(e, a, "tty\r"));
            assertEquals("ls /dev/pts\r\n0\r\n/tmp # ", type(e, a, "ls /dev/pts\r"), "the terminal's device node");
            assertEquals("true; echo $?\r\n0\r\n/tmp # ", type(e, a, "true; echo $?\r"));
            assertEquals("cd /nope\r\nsh: cd: can't cd to /nope: No such file or directory\r\n/tmp # ", type(e, a, "cd /nope\r"),
                    "an interactive ash names no line");
            assertEquals("nope\r\nsh: nope: not found\r\n/tmp # ", type(e, a, "nope\r"));
        }
    }

    @Test
    void lineEditingErasesAndKillsBeforeTheShellSeesTheLine() {
        try (Engine e = Engine.sim()) {
            Api.Attachment a = runIt(e, "box", "alpine", List.of("sh"));
            screen(a);
            String shown = type(e, a, "echo abx\u007fc\r");
            assertEquals("echo abx\b \bc\r\nabc\r\n/ # ", shown, "DEL rubs out the x on the screen and in the line");
            shown = type(e, a, "rm -rf /bin\u0015echo kept\r");
            assertTrue(shown.endsWith("echo kept\r\nkept\r\n/ # "), shown);
            assertTrue(e.run("docker exec box ls /bin").out().contains("busybox"), "^U killed the line before the shell read it");
        }
    }

    @Test
    void anOpenConstructAsksForMoreWithPs2() {
        try (Engine e = Engine.sim()) {
            Api.Attachment a = runIt(e, "box", "alpine", List.of("sh"));
            screen(a);
            assertEquals("for i in 1 2\r\n> ", type(e, a, "for i in 1 2\r"));
            assertEquals("do echo $i; done\r\n1\r\n2\r\n/ # ", type(e, a, "do echo $i; done\r"));
            assertEquals("if true\r\n> ", type(e, a, "if true\r"));
            assertEquals("^C\r\n/ # ", type(e, a, "\u0003"), "^C drops the unfinished command");
            assertEquals("fi\r\nsh: syntax error: unexpected \"fi\"\r\n/ # ", type(e, a, "fi\r"), "a syntax error ends no interactive shell");
        }
    }

    @Test
    void ctrlCKillsTheForegroundCommandAndTheShellGoesOn() {
        try (Engine e = Engine.sim()) {
            Api.Attachment a = runIt(e, "box", "alpine", List.of("sh"));
            screen(a);
            assertEquals("sleep 100; echo after\r\n", type(e, a, "sleep 100; echo after\r"));
            e.advance(1000);
            assertTrue(e.run("docker top box").out().contains("sleep 100"));
            assertEquals("^C\r\n/ # ", type(e, a, "\u0003"), "sleep dies, the rest of the line is dropped, a fresh prompt");
            assertEquals("echo $?\r\n130\r\n/ # ", type(e, a, "echo $?\r"));
            assertFalse(e.run("docker top box").out().contains("sleep 100"));
            assertEquals("^C\r\n/ # ", type(e, a, "\u0003"), "at the prompt: a new prompt on a new line");
            assertEquals("true", state(e, "box", "Running"), "the shell, PID 1, has a handler: ^C does not end it");
        }
    }

    @Test
    void ctrlDAtTheStartOfALineEndsTheShellAndTheContainer() {
        try (Engine e = Engine.sim()) {
            Api.Attachment a = runIt(e, "box", "alpine", List.of("sh"));
            screen(a);
            type(e, a, "false\r");
            assertEquals("\r\n", type(e, a, "\u0004"), "ash leaves the prompt's line");
            assertEquals("false", state(e, "box", "Running"));
            assertEquals("1", state(e, "box", "ExitCode"), "the last command's status");
        }
    }

    @Test
    void exitWithAStatusEndsTheContainerWithIt() {
        try (Engine e = Engine.sim()) {
            Api.Attachment a = runIt(e, "box", "alpine", List.of("sh"));
            type(e, a, "exit 7\r");
            assertEquals("false", state(e, "box", "Running"));
            assertEquals("7", state(e, "box", "ExitCode"));
        }
    }

    @Test
    void childrenReadTheTerminal() {
        try (Engine e = Engine.sim()) {
            Api.Attachment a = runIt(e, "box", "alpine", List.of("sh"));
            screen(a);
            assertEquals("cat\r\n", type(e, a, "cat\r"));
            assertEquals("one\r\none\r\n", type(e, a, "one\r"), "the terminal echoes, cat copies the line as it comes");
            assertEquals("/ # ", type(e, a, "\u0004"), "^D ends cat's input, not the shell");
            assertEquals("read x; echo got $x\r\n", type(e, a, "read x; echo got $x\r"));
            assertEquals("hello\r\ngot hello\r\n/ # ", type(e, a, "hello\r"));
            type(e, a, "sh\r");
            assertEquals("exit 4\r\n/ # ", type(e, a, "exit 4\r"), "a nested shell is interactive too, and its exit returns to the outer one");
            assertEquals("echo $?\r\n4\r\n/ # ", type(e, a, "echo $?\r"));
        }
    }

    @Test
    void detachKeysLeaveTheContainerRunningAndASecondAttachTypesOn() {
        try (Engine e = Engine.sim()) {
            Api.Attachment a = runIt(e, "box", "alpine", List.of("sh"));
            screen(a);
            type(e, a, "\u0010\u0010x");
            assertFalse(a.detached(), "ctrl-p followed by another key is passed on");
            type(e, a, "\u0015"); // clear the line
            type(e, a, "\u0010\u0011");
            assertTrue(a.detached());
            assertEquals("true", state(e, "box", "Running"));
            a.write("echo lost\r".getBytes(StandardCharsets.UTF_8));
            Api.Attachment b = e.api().attach("box", new Api.AttachOptions(true, true, true, false, ""));
            assertEquals("\r\n/ # ", type(e, b, "\r"), "the keys reached nothing: Enter on an empty line gives a prompt");
            assertEquals("echo back\r\nback\r\n/ # ", type(e, b, "echo back\r"));
        }
    }

    @Test
    void customDetachKeysAndDockersErrorForUnknownOnes() {
        try (Engine e = Engine.sim()) {
            runIt(e, "box", "alpine", List.of("sh"));
            Api.Attachment a = e.api().attach("box", new Api.AttachOptions(true, true, true, false, "ctrl-x,q"));
            type(e, a, "\u0018q");
            assertTrue(a.detached());
            DockerException bad = assertThrows(DockerException.class,
                    () -> e.api().attach("box", new Api.AttachOptions(true, true, true, false, "ctrl-pq")));
            assertEquals(ErrorKind.INVALID, bad.kind());
            assertEquals("Invalid detach keys (ctrl-pq) provided", bad.getMessage());
        }
    }

    @Test
    void openStdinWithoutATerminalRunsPipedCommandsUntilEndOfFile() {
        try (Engine e = Engine.sim()) {
            e.run("docker pull alpine");
            e.api().create("piped", config("alpine", false, List.of("sh")), HostConfig.defaults());
            Api.Attachment a = e.api().attach("piped", new Api.AttachOptions(true, true, true, false, ""));
            e.api().start("piped");
            assertFalse(a.tty());
            assertEquals("a\n", type(e, a, "echo a\n"), "no prompt, no echo; each command runs as its line arrives");
            a.write("cat\nline for cat\n".getBytes(StandardCharsets.UTF_8));
            a.write("exit 3\n".getBytes(StandardCharsets.UTF_8));
            a.closeStdin();
            e.advance(10);
            List<Api.LogLine> out = a.drain();
            assertEquals("line for cat\nexit 3\n", out.stream().map(Api.LogLine::text).reduce("", String::concat),
                    "cat, a child, reads the same stdin to its end: exit 3 is its text");
            assertEquals("false", state(e, "piped", "Running"));
            assertEquals("0", state(e, "piped", "ExitCode"), "StdinOnce: the client's end of input is the shell's end of file");
        }
    }

    @Test
    void pipedScriptExitsWithItsStatus() {
        try (Engine e = Engine.sim()) {
            e.run("docker pull alpine");
            e.api().create("piped", config("alpine", false, List.of("sh")), HostConfig.defaults());
            Api.Attachment a = e.api().attach("piped", new Api.AttachOptions(true, true, true, false, ""));
            a.write("echo a; exit 3\n".getBytes(StandardCharsets.UTF_8)); // typed before start: held for the process
            a.closeStdin();
            e.api().start("piped");
            e.advance(10);
            assertEquals("a\n", screen(a));
            assertEquals("3", state(e, "piped", "ExitCode"));
        }
    }

    @Test
    void resizeReachesTheTerminalAndNeedsARunningContainer() {
        try (Engine e = Engine.sim()) {
            Api.Attachment a = runIt(e, "box", "alpine", List.of("sh"));
            screen(a);
            assertEquals("stty size\r\n24 80\r\n/ # ", type(e, a, "stty size\r"));
            e.api().resize("box", 40, 120);
            assertEquals("stty size\r\n40 120\r\n/ # ", type(e, a, "stty size\r"));
            type(e, a, "exit\r");
            DockerException stopped = assertThrows(DockerException.class, () -> e.api().resize("box", 10, 10));
            assertEquals(ErrorKind.CONFLICT, stopped.kind());
            assertTrue(stopped.getMessage().matches("container [0-9a-f]{64} is not running"), stopped.getMessage());
        }
    }

    @Test
    void withoutATerminalTtyAndSttySaySo() {
        try (Engine e = Engine.sim()) {
            Result r = e.run("docker run --rm alpine tty");
            assertEquals("not a tty\n", r.out());
            assertEquals(1, r.exitStatus());
        }
    }

    @Test
    void execItIntoARunningNginxGivesAShell() {
        try (Engine e = Engine.sim()) {
            e.run("docker run -d --name web nginx");
            String exec = e.api().execCreate("web", new Api.ExecConfig(List.of("bash"), List.of(), "", "", true, true));
            Api.Attachment a = e.api().execAttach(exec);
            e.advance(10);
            String host = e.run("docker inspect -f '{{.Config.Hostname}}' web").out().trim();
            assertEquals("root@" + host + ":/# ", screen(a), "Debian's bash.bashrc prompt");
            assertTrue(e.api().execInspect(exec).running());
            assertEquals("tty\r\n/dev/pts/0\r\nroot@" + host + ":/# ", type(e, a, "tty\r"), "the exec's own terminal");
            e.api().execResize(exec, 50, 132);
            assertTrue(type(e, a, "stty size\r").contains("\r\n50 132\r\n"));
            assertTrue(type(e, a, "ls /etc/nginx\r").contains("nginx.conf"), "it runs beside nginx, in its filesystem");
            assertEquals("exit 2\r\nexit\r\n", type(e, a, "exit 2\r"), "interactive bash says exit");
            assertFalse(e.api().execInspect(exec).running());
            assertEquals(Integer.valueOf(2), e.api().execInspect(exec).exitCode());
            DockerException again = assertThrows(DockerException.class, () -> e.api().execAttach(exec));
            assertEquals("Error: Exec command " + exec + " has already run", again.getMessage());
            assertEquals("true", state(e, "web", "Running"), "the exec's end leaves the container running");
        }
    }

    @Test
    void dockerRunDitStartsAShellOnATerminalAndTheTraceShowsThePty() {
        try (Engine e = Engine.sim()) {
            Result r = e.run("docker run -dit --name bg alpine sh");
            assertEquals(0, r.exitStatus(), r.text());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals("open pty")
                    && ev.sentence().startsWith("/dev/pts/0 is opened as the container's terminal")), "the kernel records the pty");
            e.advance(1000);
            assertEquals("true", state(e, "bg", "Running"), "an interactive shell waits at its prompt");
            Api.Attachment a = e.api().attach("bg", new Api.AttachOptions(true, true, true, true, ""));
            assertEquals("/ # ", screen(a), "logs=1 replays what the terminal showed before");
        }
    }

    @Test
    void inputToAContainerWithoutOpenStdinIsDropped() {
        try (Engine e = Engine.sim()) {
            e.run("docker run -d --name quiet alpine sleep 100");
            Api.Attachment a = e.api().attach("quiet", new Api.AttachOptions(true, true, true, false, ""));
            a.write("anything\n".getBytes(StandardCharsets.UTF_8));
            a.closeStdin();
            e.advance(10);
            assertEquals("", screen(a));
            assertEquals("true", state(e, "quiet", "Running"));
        }
    }

    @Test
    void aTerminalsStdinOnceCloseEndsOnlyTheAttachment() {
        try (Engine e = Engine.sim()) {
            Api.Attachment a = runIt(e, "box", "alpine", List.of("sh"));
            a.closeStdin();
            e.advance(10);
            assertEquals("true", state(e, "box", "Running"), "with a tty, Docker does not close the container's stdin");
        }
    }

    @Test
    void ctrlCReachesAChildOfANestedShell() {
        try (Engine e = Engine.sim()) {
            Api.Attachment a = runIt(e, "box", "alpine", List.of("sh"));
            type(e, a, "sh\r");
            type(e, a, "sleep 100\r");
            assertEquals("^C\r\n/ # ", type(e, a, "\u0003"), "one fresh prompt: the inner shell's");
            assertEquals("echo $?\r\n130\r\n/ # ", type(e, a, "echo $?\r"));
            assertEquals("exit\r\n/ # ", type(e, a, "exit\r"), "back in the outer shell, which did not see the ^C as its own");
        }
    }

    @Test
    void ubuntuBashPromptsAsDebiansBashrcSays() {
        try (Engine e = Engine.sim()) {
            Api.Attachment bash = runIt(e, "bsh", "ubuntu", List.of("bash"));
            String host = e.run("docker inspect -f '{{.Config.Hostname}}' bsh").out().trim();
            assertEquals("root@" + host + ":/# ", screen(bash), "from /etc/bash.bashrc");
            assertEquals("cd /tmp\r\nroot@" + host + ":/tmp# ", type(e, bash, "cd /tmp\r"));
            assertEquals("nope\r\nbash: nope: command not found\r\nroot@" + host + ":/tmp# ", type(e, bash, "nope\r"));
            assertEquals("exit\r\n", type(e, bash, "\u0004"), "bash says exit at end of file");
            assertEquals("127", state(e, "bsh", "ExitCode"));
        }
    }

    @Test
    void execWithStdinButNoTerminalReadsUntilTheClientCloses() {
        try (Engine e = Engine.sim()) {
            e.run("docker run -d --name web nginx");
            String exec = e.api().execCreate("web", new Api.ExecConfig(List.of("sh"), List.of(), "", "", false, true));
            Api.Attachment a = e.api().execAttach(exec);
            assertFalse(a.tty());
            assertEquals("hi\n", type(e, a, "echo hi\n"));
            a.write("exit 5\n".getBytes(StandardCharsets.UTF_8));
            e.advance(10);
            assertEquals(Integer.valueOf(5), e.api().execInspect(exec).exitCode());
            String cat = e.api().execCreate("web", new Api.ExecConfig(List.of("cat"), List.of(), "", "", false, true));
            Api.Attachment c = e.api().execAttach(cat);
            assertEquals("x", type(e, c, "x"), "bytes through a pipe, no newline needed");
            assertTrue(e.api().execInspect(cat).running());
            c.closeStdin();
            e.advance(10);
            assertFalse(e.api().execInspect(cat).running(), "the client's end of input is cat's end of file");
        }
    }
}
