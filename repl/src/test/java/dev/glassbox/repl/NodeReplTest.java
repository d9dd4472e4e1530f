package dev.glassbox.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node commands at the prompt and in a script: more sim hosts on one LAN, and which one the commands go to. */
class NodeReplTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int glassbox(String... args) throws IOException {
        return new Main(new PrintWriter(out, true), new PrintWriter(err, true)).run(List.of(args));
    }

    @Test
    void aScriptAddsAHostRunsOnItWithDashHAndReachesItOverTheLan() throws IOException {
        Path file = dir.resolve("two-hosts.gb");
        Files.writeString(file, """
                node add worker1
                docker -H worker1 run -d --name web -p 8080:80 nginx
                docker run -d --name client busybox sleep 600
                docker exec client wget -qO- http://10.0.2.16:8080/
                node ls
                node use worker1
                docker ps --format '{{.Names}} {{.Ports}}'
                """);
        assertEquals(0, glassbox("run", file.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("$ node add worker1\nworker1\n"), text);
        assertTrue(text.contains("Welcome to nginx!"), text);
        assertTrue(text.contains("""
                $ node ls
                NAME              ADDRESS     CONTAINERS
                glassbox-host *   10.0.2.15   1
                worker1           10.0.2.16   1
                """), text);
        assertTrue(text.contains("$ node use worker1\nworker1\nCurrent node is now \"worker1\"\n"), text);
        assertTrue(text.contains("web 0.0.0.0:8080->80/tcp\n"), text);
    }

    @Test
    void aScriptStopsAtANodeThatDoesNotExist() throws IOException {
        Path file = dir.resolve("bad.gb");
        Files.writeString(file, "node use nosuch\ndocker ps\n");
        assertEquals(1, glassbox("run", file.toString()));
        assertTrue(err.toString().startsWith("glassbox: no such node: nosuch\n"), err.toString());
    }

    @Test
    void atThePromptTheTraceTagsEachStepWithItsHost() throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        String keys = "node add b\ndocker -H b run -d --name web nginx\ntrace\nexit\n";
        try (Kernels engines = new Kernels(Kernels.SIM, dir.resolve("state"));
                Terminal t = new DumbTerminal("test", "xterm", new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen,
                        StandardCharsets.UTF_8)) {
            t.setSize(new Size(200, 50));
            new Repl(t, dir.resolve("history"), engines, new PrintWriter(err, true)).run();
        }
        String text = screen.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[b daemon]"), text);
        assertTrue(text.contains("[b kernel/namespace]"), text);
        assertTrue(text.contains("[glassbox-host client]"), text);
    }
}
