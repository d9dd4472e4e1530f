package dev.glassbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.api.Api;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.HostConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** python3 in containers, through the whole engine: -c, scripts, http.server over the sim network, the prompt on a terminal. */
class PythonContainerTest {
    private static final String IMAGE = "python:3.12-alpine";

    private static Engine engine() {
        Engine e = Engine.sim();
        e.run("docker pull -q " + IMAGE);
        return e;
    }

    @Test
    void dashCPrintsAndAnExceptionEndsTheContainerWithStatusOne() {
        try (Engine e = engine()) {
            Result r = e.run("docker run --rm " + IMAGE + " python3 -c 'print(1+1)'");
            assertEquals("2\n", r.out());
            assertEquals(0, r.exitStatus());
            Result bad = e.run("docker run --rm " + IMAGE + " python -c 'import os; print(os.getcwd()); print(1/0)'");
            assertEquals("/\n", bad.out());
            assertEquals("""
                    Traceback (most recent call last):
                      File "<string>", line 1, in <module>
                    ZeroDivisionError: division by zero
                    """, bad.err());
            assertEquals(1, bad.exitStatus());
        }
    }

    @Test
    void aScriptInTheImageRunsWithItsArgumentsAndTraceback() {
        try (Engine e = engine()) {
            e.run("docker run --name app " + IMAGE + " sh -c 'mkdir /app && printf \"import sys\\nx = int(sys.argv[1])\\nprint(10 // x)\\n\" > /app/x.py'");
            e.run("docker commit app pyapp");
            assertEquals("5\n", e.run("docker run --rm pyapp python3 /app/x.py 2").out());
            Result r = e.run("docker run --rm pyapp python3 /app/x.py 0");
            assertEquals("""
                    Traceback (most recent call last):
                      File "/app/x.py", line 3, in <module>
                        print(10 // x)
                              ~~~^^~~
                    ZeroDivisionError: integer division or modulo by zero
                    """, r.err());
            assertEquals(1, r.exitStatus());
        }
    }

    @Test
    void httpServerServesTheWorkingDirectoryToAnotherContainer() {
        try (Engine e = engine()) {
            e.run("docker network create lab");
            e.run("docker run -d --name web --network lab -w /srv " + IMAGE
                    + " sh -c 'echo hello from python > /srv/hello.txt; exec python3 -m http.server 8000'");
            e.advance(100);
            Result got = e.run("docker run --rm --network lab alpine wget -qO- http://web:8000/hello.txt");
            assertEquals("hello from python\n", got.out());
            Result listing = e.run("docker run --rm --network lab alpine wget -qO- http://web:8000/");
            assertTrue(listing.out().contains("<title>Directory listing for /</title>"), listing.out());
            assertTrue(listing.out().contains("<li><a href=\"hello.txt\">hello.txt</a></li>"), listing.out());
            Result missing = e.run("docker run --rm --network lab alpine wget -qO- http://web:8000/nope");
            assertEquals("wget: server returned error: HTTP/1.0 404 File not found\n", missing.err());
            String logs = e.run("docker logs web").text();
            assertTrue(!logs.contains("Serving HTTP"), "stdout to a pipe waits in python's buffer; stderr's log lines do not: " + logs);
            assertTrue(logs.matches("(?s)(.*\\n)?172\\.18\\.0\\.3 - - \\[\\d\\d/\\w{3}/\\d{4} \\d\\d:\\d\\d:\\d\\d\\] \"GET /hello.txt HTTP/1.1\" 200 -\\n.*"),
                    logs);
            assertTrue(logs.contains("] code 404, message File not found\n"), logs);
        }
    }

    @Test
    void ctrlDEndsThePromptAndCtrlCEndsAScriptWithStatus130() {
        try (Engine e = engine()) {
            Api.Attachment a = startIt(e, "repl", List.of("python3"));
            screen(a);
            assertEquals("\r\n", type(e, a, "\u0004"));
            e.advance(10);
            assertEquals("0", e.run("docker inspect -f '{{.State.ExitCode}}' repl").out().trim());
            Api.Attachment s = startIt(e, "sleeper", List.of("python3", "-c", "import time\nprint('napping')\ntime.sleep(100)"));
            assertEquals("napping\r\n", screen(s));
            assertEquals("^CTraceback (most recent call last):\r\n  File \"<string>\", line 3, in <module>\r\nKeyboardInterrupt\r\n",
                    type(e, s, "\u0003"));
            e.advance(10);
            assertEquals("130", e.run("docker inspect -f '{{.State.ExitCode}}' sleeper").out().trim());
            Api.Attachment web = startIt(e, "web", List.of("python3", "-m", "http.server"));
            assertEquals("Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...\r\n", screen(web));
            assertEquals("^C\r\nKeyboard interrupt received, exiting.\r\n", type(e, web, "\u0003"));
            e.advance(10);
            assertEquals("0", e.run("docker inspect -f '{{.State.ExitCode}}' web").out().trim());
        }
    }

    private static Api.Attachment startIt(Engine e, String name, List<String> cmd) {
        e.api().create(name, new ContainerConfig(IMAGE, cmd, null, null, null, null, null, null, null, true, true, null, null,
                true), HostConfig.defaults());
        Api.Attachment a = e.api().attach(name, new Api.AttachOptions(true, true, true, false, ""));
        e.api().start(name);
        e.advance(10);
        return a;
    }

    @Test
    void printToAPipeWaitsInTheBufferUnlessUnbuffered() {
        try (Engine e = engine()) {
            String code = " -c 'import time\nprint(\"started\")\ntime.sleep(5)\nprint(\"done\")'";
            e.run("docker run -d --name buffered " + IMAGE + " python3" + code);
            e.run("docker run -d --name flag " + IMAGE + " python3 -u" + code);
            e.run("docker run -d --name env -e PYTHONUNBUFFERED=1 " + IMAGE + " python3" + code);
            e.advance(1000);
            assertEquals("", e.run("docker logs buffered").text(), "nothing yet: the line waits in stdout's buffer");
            assertEquals("started\n", e.run("docker logs flag").text());
            assertEquals("started\n", e.run("docker logs env").text());
            e.advance(6000);
            assertEquals("started\ndone\n", e.run("docker logs buffered").text(), "flushed at exit");
            e.run("docker run -d --name killed " + IMAGE + " python3" + code);
            e.advance(1000);
            e.run("docker kill killed");
            assertEquals("", e.run("docker logs killed").text(), "a process killed by a signal never flushes");
        }
    }

    @Test
    void aBusyLoopLeavesTheEngineResponsiveAndStopEndsIt() {
        try (Engine e = engine()) {
            e.run("docker run -d --name spin " + IMAGE + " python3 -c 'while True: pass'");
            e.advance(2000);
            assertEquals("true", e.run("docker inspect -f '{{.State.Running}}' spin").out().trim());
            e.run("docker stop spin");
            assertEquals("137", e.run("docker inspect -f '{{.State.ExitCode}}' spin").out().trim(),
                    "PID 1 without a SIGTERM handler ignores it: docker stop waits its 10 seconds, then kills");
        }
    }

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

    @Test
    void theInteractivePromptOnATerminal() {
        try (Engine e = engine()) {
            e.api().create("py", new ContainerConfig(IMAGE, List.of("python3"), null, null, null, null, null, null, null, true,
                    true, null, null, true), HostConfig.defaults());
            Api.Attachment a = e.api().attach("py", new Api.AttachOptions(true, true, true, false, ""));
            e.api().start("py");
            e.advance(10);
            assertEquals("Python 3.12.7 (main, Oct 19 2024, 04:27:56) [GCC 12.2.0] on linux\r\n"
                    + "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\r\n>>> ", screen(a));
            assertEquals("1 + 1\r\n2\r\n>>> ", type(e, a, "1 + 1\r"));
            assertEquals("x = 'hi'\r\n>>> ", type(e, a, "x = 'hi'\r"));
            assertEquals("x\r\n'hi'\r\n>>> ", type(e, a, "x\r"));
            assertEquals("for i in range(2):\r\n... ", type(e, a, "for i in range(2):\r"));
            assertEquals("    print(i)\r\n... ", type(e, a, "    print(i)\r"));
            assertEquals("\r\n0\r\n1\r\n>>> ", type(e, a, "\r"));
            assertEquals("1/0\r\nTraceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                    + "ZeroDivisionError: division by zero\r\n>>> ", type(e, a, "1/0\r"));
            assertEquals("^C\r\nKeyboardInterrupt\r\n>>> ", type(e, a, "\u0003"), "Ctrl-C at the prompt");
            assertEquals("while True: pass\r\n... ", type(e, a, "while True: pass\r"));
            assertEquals("\r\n", type(e, a, "\r"), "the loop runs");
            e.advance(1000);
            assertEquals("^CTraceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nKeyboardInterrupt\r\n>>> ",
                    type(e, a, "\u0003"), "Ctrl-C interrupts the running loop, not the interpreter");
            assertEquals("prnt(x)\r\nTraceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n"
                    + "NameError: name 'prnt' is not defined. Did you mean: 'print'?\r\n>>> ", type(e, a, "prnt(x)\r"));
            assertEquals("exit(4)\r\n", type(e, a, "exit(4)\r"));
            e.advance(10);
            assertEquals("4", e.run("docker inspect -f '{{.State.ExitCode}}' py").out().trim());
        }
    }
}
