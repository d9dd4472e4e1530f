package dev.glassbox.repl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.trace.Change;
import java.util.List;

/**
 * State changes as one short line each: {@code + /path value}, {@code - /path}, {@code ~ /path old → new}, the path
 * unescaped as the web page shows it ({@code /host/cgroups/docker/ID}, not {@code docker~1ID}).
 */
final class ChangeFormat {
    static final int MAX_VALUE = 60;
    static final int MAX_LINES = 15;

    private ChangeFormat() {}

    static String line(Change c, Style style) {
        return switch (c.op()) {
            case "add" -> style.green("+ " + path(c) + " " + value(c.after()));
            case "remove" -> style.red("- " + path(c));
            default -> style.yellow("~ " + path(c) + " " + value(c.before()) + " → " + value(c.after()));
        };
    }

    /** The change's JSON pointer as a reader sees it: keys that are paths themselves (a cgroup, a mount point) unescaped. */
    static String path(Change c) {
        return c.path().replace("~1", "/").replace("~0", "~");
    }

    /** The changes of one step, at most {@link #MAX_LINES} of them, each line starting with {@code indent}. */
    static String lines(List<Change> changes, String indent, Style style) {
        StringBuilder s = new StringBuilder();
        int shown = Math.min(changes.size(), MAX_LINES);
        for (int i = 0; i < shown; i++) {
            s.append(indent).append(line(changes.get(i), style)).append('\n');
        }
        if (changes.size() > shown) {
            s.append(indent).append(style.dim("… and " + (changes.size() - shown) + " more changes")).append('\n');
        }
        return s.toString();
    }

    static String value(JsonNode v) {
        String text = v == null ? "null" : v.toString();
        return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 1) + "…";
    }
}
