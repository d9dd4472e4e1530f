package dev.glassbox.repl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** docker run -i at the REPL: what the user sees while typing a line, and what the container gets. */
class LineModeTest {
    private final StringBuilder screen = new StringBuilder();
    private final LineMode line = new LineMode(screen::append);

    private void type(String keys) {
        keys.chars().forEach(c -> line.key((char) c));
    }

    @Test
    void aLineIsEchoedEditedAndSentAtEnter() {
        type("ecko");
        assertEquals(0, line.take().length, "nothing goes before Enter");
        type("\u007f\u007fho hi\r");
        assertArrayEquals("echo hi\n".getBytes(StandardCharsets.UTF_8), line.take());
        assertEquals("ecko\b \b\b \bho hi\r\n", screen.toString());
    }

    @Test
    void ctrlDAtTheStartOfALineEndsTheInput() {
        type("last\r\u0004");
        assertArrayEquals("last\n".getBytes(StandardCharsets.UTF_8), line.take(), "what was typed before still goes");
        assertNull(line.take());
    }

    @Test
    void ctrlCIsNotedAndDropsTheLine() {
        type("half\u0003");
        assertTrue(line.interrupted());
        assertEquals(0, line.take().length);
        assertTrue(screen.toString().endsWith("^C\r\n"));
    }
}
