package dev.glassbox.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL driven through a {@link DumbTerminal}, keys as bytes. Its type is {@code xterm}: JLine
 * completes nothing on a terminal whose type is {@code dumb}.
 */
class ReplTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private int status;

    private static Terminal terminal(String keys, ByteArrayOutputStream screen) throws IOException {
        Terminal t = new DumbTerminal("test", "xterm", new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen,
                StandardCharsets.UTF_8);
        t.setSize(new Size(200, 50));
        return t;
    }

    private String type(String keys) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Engine engine = Engine.sim();
                Terminal t = terminal(keys, screen)) {
            status = new Repl(t, dir.resolve("history"), () -> engine, new PrintWriter(err, true)).run();
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    /** Keys piped in are no terminal: -it is refused as docker refuses it, -i gets an input that ends at once. */
    @Test
    void withoutATerminalInteractiveContainersAreAsWithInputRedirected() throws IOException {
        String screen = type("docker run -it alpine sh\ndocker run -i --rm alpine cat\ndocker ps -aq\nexit\n");
        assertTrue(err.toString().contains("the input device is not a TTY\n"), err + screen);
        assertFalse(screen.replaceAll("glassbox\\$ [^\n]*\n", "").matches("(?s).*[0-9a-f]{12}.*"), "-i cat ended and was removed:\n" + screen);
    }

    @Test
    void tabCompletesAContainerName() throws IOException {
        try (Engine engine = Engine.sim();
                Terminal t = terminal("docker stop w\t\n", new ByteArrayOutputStream())) {
            assertEquals(0, engine.run("docker run -d --name web nginx").exitStatus());
            LineReader reader = LineReaderBuilder.builder().terminal(t).completer(new ReplCompleter(() -> engine)).build();
            assertEquals("docker stop web", reader.readLine("glassbox$ ").strip());
        }
    }

    @Test
    void typedLinesRunAndCompleteAndTraceShowsTheRequests() throws IOException {
        String screen = type("docker run -d --name web nginx\ntrace\ndocker stop w\t\ndocker ps -a\nexit\n");
        assertTrue(screen.contains("glassbox$ "), screen);
        assertTrue(screen.contains("POST /v1.50/containers/create"), screen);
        assertTrue(screen.contains("├─ ") || screen.contains("└─ "), screen);
        assertTrue(screen.contains("Exited"), screen);
        assertTrue(Files.readString(dir.resolve("history")).contains("docker stop web"));
        assertEquals(0, status);
        assertTrue(screen.contains("Unable to find image 'nginx:latest' locally\n"), screen);
        assertFalse(err.toString().contains("glassbox:"), err.toString());
    }

    @Test
    void linesWithoutDockerGoToTheEngineToo() throws IOException {
        String screen = type("run -d --name db redis\nps\n");
        assertTrue(screen.contains("redis"), screen);
        assertTrue(screen.contains("db"), screen);
    }

    @Test
    void errorsGoToStandardError() throws IOException {
        type("docker stop nope\n");
        assertTrue(err.toString().contains("No such container: nope"), err.toString());
    }

    @Test
    void exitTakesAStatusAndCtrlDEndsCleanly() throws IOException {
        type("exit 3\n");
        assertEquals(3, status);
        type("help\n");
        assertEquals(0, status);
    }

    @Test
    void builtInsAnswer() throws IOException {
        String screen = type("help\nkernel\nstate\ntrace --json\n");
        assertTrue(screen.contains("step <command>"), screen);
        assertTrue(screen.contains("sim"), screen);
        assertTrue(screen.contains("{"), screen);
        assertTrue(err.toString().contains("no trace yet"), err.toString());
    }

    @Test
    void stepWalksForwardAndBackThenPrintsTheOutput() throws IOException {
        String screen = type("step docker run -d --name web nginx\n\n\nb\ns\nq\n");
        assertTrue(screen.contains("step 1/"), screen);
        assertTrue(screen.contains("step 3/"), screen);
        int back = screen.lastIndexOf("step 2/");
        assertTrue(back > screen.indexOf("step 3/"), screen);
        assertTrue(screen.indexOf("\"containers\"", back) > 0 || screen.indexOf("{", back) > 0, screen);
    }

    @Test
    void traceJsonIsTheTrace() throws IOException {
        String screen = type("docker pull nginx\ntrace --json\n");
        assertTrue(screen.contains("\"events\""), screen);
        assertTrue(screen.contains("\"command\" : \"docker pull nginx\""), screen);
        assertTrue(!screen.contains("\"empty\""), screen);
    }
}
