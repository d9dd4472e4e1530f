package dev.glassbox.compose;

import dev.glassbox.api.Api.LogLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compose's log view: each line after its container's prefix, {@code web-1    | }, padded to the longest
 * name plus one; stdout lines to stdout, stderr lines to stderr; lines of several containers in the
 * order they were written.
 */
final class LogPrinter {
    /** A chunk of one container's output. */
    record Chunk(String container, LogLine line) {}

    private final Session s;
    private final int width;
    private final boolean prefix;

    LogPrinter(Session s, List<String> names) {
        this(s, names, true);
    }

    LogPrinter(Session s, List<String> names, boolean prefix) {
        this.s = s;
        this.width = names.stream().mapToInt(String::length).max().orElse(0) + 1;
        this.prefix = prefix;
    }

    void print(List<Chunk> chunks) {
        List<Chunk> sorted = new ArrayList<>(chunks);
        sorted.sort(Comparator.comparingLong(c -> c.line().timeMillis()));
        for (Chunk c : sorted) {
            String text = c.line().text() == null ? "" : c.line().text();
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            StringBuilder b = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                b.append(prefix ? String.format("%-" + width + "s | ", c.container()) : "").append(line).append('\n');
            }
            (c.line().stream() == 2 ? s.c.err() : s.c.out()).accept(b.toString());
        }
    }
}
