package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's reader of a shim's framed output file. */
class OutputTailTest {
    @TempDir
    Path tmp;

    private static void frame(Path file, int stream, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        Files.write(file, (stream + " " + body.length + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.write(file, body, StandardOpenOption.APPEND);
    }

    @Test
    void framesArriveInOrderPerStreamAndAHalfWrittenFrameWaits() throws IOException {
        Path file = tmp.resolve("output");
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        OutputTail tail = new OutputTail(file, (s, t) -> (s == 1 ? out : err).append(t));
        frame(file, 1, "hello ");
        frame(file, 2, "oops\n");
        Files.write(file, "1 6\nwor".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        assertTrue(tail.poll());
        assertEquals("hello ", out.toString());
        assertEquals("oops\n", err.toString());
        Files.write(file, "ld\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        assertTrue(tail.poll());
        assertEquals("hello world\n", out.toString());
    }

    @Test
    void whatWasReadIsPunchedOutOfTheFileOnceItPassesAMegabyte() throws IOException {
        assumeTrue(Sys.available(), "needs libc through jnr-ffi");
        Path file = tmp.resolve("output");
        long[] delivered = {0};
        OutputTail tail = new OutputTail(file, (s, t) -> delivered[0] += t.length());
        String line = "x".repeat(1023) + "\n";
        for (int i = 0; i < 1100; i++) {
            frame(file, 1, line);
        }
        tail.poll();
        assertEquals(1100L * 1024, delivered[0], "every byte delivered");
        long size = Files.size(file);
        byte[] start = new byte[4096];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.readFully(start);
        }
        assertEquals(size, Files.size(file), "the size is kept: the shim appends where it did");
        assertTrue(new String(start, StandardCharsets.ISO_8859_1).chars().allMatch(c -> c == 0), "the start read is a hole now");
        frame(file, 1, "after\n");
        assertTrue(tail.poll(), "frames appended after the punch still arrive");
        assertEquals(1100L * 1024 + 6, delivered[0]);
    }
}
