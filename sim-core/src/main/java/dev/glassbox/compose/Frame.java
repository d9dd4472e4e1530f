package dev.glassbox.compose;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Compose's progress view as its last frame on an 80-column terminal: {@code [+] Running 3/3}, then one
 * line per resource in the order it first appeared ({@code  ✔ Container app-redis-1  Started}), the
 * status column aligned and the time the step took at the right edge; a pull's layers indented under
 * their service. Each event has Compose's two texts: one after the id ({@code redis Pulled}) and the
 * status after the aligned column ({@code Started}).
 */
final class Frame {
    static final int WIDTH = 80;

    enum Status { WORKING, DONE, WARNING, ERROR }

    private static final class Event {
        final String parent;
        Status status;
        String text;
        String statusText;
        final long start;
        long end;

        Event(String parent, Status status, String text, String statusText, long start) {
            this.parent = parent;
            this.status = status;
            this.text = text;
            this.statusText = statusText;
            this.start = start;
            this.end = start;
        }
    }

    private final String title;
    private final LongSupplier clock;
    private final Map<String, Event> events = new LinkedHashMap<>();

    Frame(String title, LongSupplier clock) {
        this.title = title;
        this.clock = clock;
    }

    /** A resource's step: {@code Container app-web-1} with status Creating, Created, Starting, Started, …. */
    void status(String id, Status status, String statusText) {
        event(id, "", status, "", statusText);
    }

    /** A service-level step whose word follows the id ({@code redis Pulled}). */
    void text(String id, Status status, String text) {
        event(id, "", status, text, "");
    }

    /** A step with both texts ({@code app-web-1 copy a to app-web-1:/b} … {@code Copied}). */
    void step(String id, Status status, String text, String statusText) {
        event(id, "", status, text, statusText);
    }

    /** A step under another ({@code 2d429b9e73a6 Pull complete} under {@code redis}). */
    void child(String parent, String id, Status status, String text) {
        event(id, parent, status, text, "");
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    private void event(String id, String parent, Status status, String text, String statusText) {
        long now = clock.getAsLong();
        Event e = events.get(id);
        if (e == null) {
            events.put(id, new Event(parent, status, text, statusText, now));
            return;
        }
        e.status = status;
        e.text = text;
        e.statusText = statusText;
        if (status != Status.WORKING) {
            e.end = now;
        }
    }

    /** The last frame; empty when nothing happened. */
    String render() {
        if (events.isEmpty()) {
            return "";
        }
        long done = events.values().stream().filter(e -> e.status != Status.WORKING).count();
        StringBuilder b = new StringBuilder("[+] " + title + " " + done + "/" + events.size() + "\n");
        int pad = 0;
        for (Map.Entry<String, Event> en : events.entrySet()) {
            pad = Math.max(pad, (en.getKey() + " " + en.getValue().text).length());
            if (!en.getValue().parent.isEmpty()) {
                pad -= 2;
            }
        }
        for (Map.Entry<String, Event> en : events.entrySet()) {
            if (!en.getValue().parent.isEmpty()) {
                continue;
            }
            line(b, "", en.getKey(), en.getValue(), pad);
            for (Map.Entry<String, Event> ch : events.entrySet()) {
                if (ch.getValue().parent.equals(en.getKey())) {
                    line(b, "  ", ch.getKey(), ch.getValue(), pad);
                }
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String indent, String id, Event e, int pad) {
        String txt = id + " " + e.text;
        int maxStatus = WIDTH - txt.length() - pad - 15; // Compose cuts a long status (an error) to keep the line
        String status = maxStatus > 0 && e.statusText.length() > maxStatus ? e.statusText.substring(0, maxStatus) + "..." : e.statusText;
        String left = indent + " " + spinner(e.status) + " " + txt + " ".repeat(Math.max(0, pad - txt.length())) + " " + status;
        String timer = String.format(Locale.ROOT, "%.1fs ", (e.end - e.start) / 1000.0);
        int gap = WIDTH - left.codePointCount(0, left.length()) - timer.length();
        b.append(left).append(" ".repeat(Math.max(0, gap))).append(timer).append('\n');
    }

    private static String spinner(Status s) {
        return switch (s) {
            case DONE -> "✔";
            case WARNING -> "!";
            case ERROR -> "✘";
            case WORKING -> "⠿";
        };
    }
}
