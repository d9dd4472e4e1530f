package dev.glassbox.repl;

import dev.glassbox.Progress;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Docker-like pull progress, one line per layer redrawn in place
 * ({@code a2318d6c47ec: Downloading [=====>      ]  12.3MB/29.1MB}). Disabled ones draw nothing,
 * which is what a dumb terminal, a pipe and a script get.
 */
final class ProgressBars implements Progress {
    private static final int MAX_BAR = 50;

    private final PrintWriter w;
    private final IntSupplier columns;
    private final boolean enabled;
    private final List<String> ids = new ArrayList<>();

    private ProgressBars(PrintWriter w, IntSupplier columns, boolean enabled) {
        this.w = w;
        this.columns = columns;
        this.enabled = enabled;
    }

    static ProgressBars drawingTo(PrintWriter w, IntSupplier columns) {
        return new ProgressBars(w, columns, true);
    }

    static ProgressBars disabled() {
        return new ProgressBars(null, () -> 80, false);
    }

    @Override
    public void update(String id, String status, long current, long total) {
        if (!enabled) {
            return;
        }
        String text = clip(line(id, status, current, total, columns.getAsInt()));
        int at = ids.indexOf(id);
        if (at < 0) {
            ids.add(id);
            w.print(text + "\n");
        } else {
            int up = ids.size() - at;
            w.print("\u001b[" + up + "A\r\u001b[2K" + text + "\u001b[" + up + "B\r");
        }
        w.flush();
    }

    /** Erases the bars: the command's own output says how the pull ended. */
    void finish() {
        if (enabled && !ids.isEmpty()) {
            w.print("\u001b[" + ids.size() + "A\r\u001b[J");
            w.flush();
        }
        ids.clear();
    }

    private String clip(String text) {
        int max = Math.max(20, columns.getAsInt() - 1);
        return text.length() <= max ? text : text.substring(0, max);
    }

    static String line(String id, String status, long current, long total, int columns) {
        String head = id.isEmpty() ? status : id + ": " + status;
        if (total <= 0 || !(status.startsWith("Downloading") || status.startsWith("Extracting"))) {
            return head;
        }
        String sizes = size(current) + "/" + size(total);
        int width = Math.min(MAX_BAR, columns - head.length() - sizes.length() - 6);
        if (width < 10) {
            return head + " " + sizes;
        }
        return head + " " + bar(current, total, width) + "  " + sizes;
    }

    static String bar(long current, long total, int width) {
        int done = (int) Math.min(width, Math.max(0, current * width / total));
        return "[" + "=".repeat(done) + ">" + " ".repeat(width - done) + "]";
    }

    /** Decimal units with three significant digits, as in {@code 12.3MB}. */
    static String size(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        if (u == 0) {
            return bytes + "B";
        }
        String digits = v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, digits, v) + units[u];
    }
}
