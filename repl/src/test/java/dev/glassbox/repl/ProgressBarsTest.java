package dev.glassbox.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarsTest {
    @Test
    void drawsADockerLikeBar() {
        String line = ProgressBars.line("a2318d6c47ec", "Downloading", 12_300_000, 29_100_000, 120);
        assertEquals("a2318d6c47ec: Downloading [" + "=".repeat(21) + ">" + " ".repeat(29) + "]  12.3MB/29.1MB", line);
    }

    @Test
    void statusWithoutSizeHasNoBar() {
        assertEquals("a2318d6c47ec: Pull complete", ProgressBars.line("a2318d6c47ec", "Pull complete", 0, 0, 80));
        assertEquals("a2318d6c47ec: Pulling fs layer", ProgressBars.line("a2318d6c47ec", "Pulling fs layer", 0, 40_600, 80));
    }

    @Test
    void narrowTerminalsGetAShorterBar() {
        String line = ProgressBars.line("a2318d6c47ec", "Downloading", 5, 10, 60);
        assertTrue(line.length() <= 60, line);
        assertTrue(line.contains(">"), line);
    }

    @Test
    void sizesUseDecimalUnits() {
        assertEquals("512B", ProgressBars.size(512));
        assertEquals("1.52kB", ProgressBars.size(1520));
        assertEquals("29.1MB", ProgressBars.size(29_100_000));
        assertEquals("153MB", ProgressBars.size(153_000_000));
    }

    @Test
    void redrawsALayerInPlaceAndErasesAtTheEnd() {
        StringWriter text = new StringWriter();
        ProgressBars bars = ProgressBars.drawingTo(new PrintWriter(text), () -> 100);
        bars.update("aaa", "Downloading", 1, 10);
        bars.update("bbb", "Waiting", 0, 0);
        bars.update("aaa", "Downloading", 5, 10);
        bars.finish();
        String s = text.toString();
        assertTrue(s.contains("\u001b[2A\r\u001b[2Kaaa: Downloading ["), s);
        assertTrue(s.endsWith("\u001b[2A\r\u001b[J"), s);
    }

    @Test
    void disabledBarsDrawNothing() {
        ProgressBars bars = ProgressBars.disabled();
        bars.update("aaa", "Downloading", 1, 10);
        bars.finish();
    }
}
