package dev.glassbox.repl;

import dev.glassbox.trace.Trace;
import dev.glassbox.trace.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a trace as a tree, one event a line, children under their cause:
 *
 * <pre>
 * [client] command docker stop web — the docker CLI parsed the line
 * │  $ docker stop web
 * └─ [api] stop web — the daemon was asked to stop the container
 *       $ POST /v1.50/containers/web/stop
 * </pre>
 */
final class TraceRenderer {
    private static final String BRANCH = "├─ ";
    private static final String LAST = "└─ ";
    private static final String PIPE = "│  ";
    private static final String BLANK = "   ";

    private final Style style;
    private final Map<Integer, List<TraceEvent>> children = new HashMap<>();
    private final StringBuilder out = new StringBuilder();

    private TraceRenderer(Style style) {
        this.style = style;
    }

    static String render(Trace trace) {
        return render(trace, Style.PLAIN);
    }

    static String render(Trace trace, Style style) {
        return new TraceRenderer(style).draw(trace);
    }

    /** {@code [layer/subsystem] action object — sentence}, the line an event gets in the tree and in step mode ({@code [host layer/…]} in a world of several hosts). */
    static String headline(TraceEvent e, Style style) {
        String tag = (e.host().isEmpty() ? "" : e.host() + " ") + (e.subsystem() == null ? e.layer().label() : e.layer().label() + "/" + e.subsystem().label());
        StringBuilder s = new StringBuilder(style.layer(e.layer(), "[" + tag + "]"));
        s.append(' ').append(style.bold(e.action()));
        if (!e.object().isEmpty()) {
            s.append(' ').append(e.object());
        }
        if (!e.sentence().isEmpty()) {
            s.append(" — ").append(e.sentence());
        }
        return s.toString();
    }

    /**
     * What a real system would run, as a shell-like line; empty when the event has no equivalent. A line that did not
     * run (a comment: {@code # Docker would run: runc create …}) is shown as the comment it is, without the prompt.
     */
    static String equivalent(TraceEvent e) {
        String eq = e.equivalent().strip();
        if (eq.isEmpty()) {
            return "";
        }
        return eq.startsWith("$ ") || eq.startsWith("# ") ? eq : "$ " + eq;
    }

    private String draw(Trace trace) {
        List<TraceEvent> roots = new ArrayList<>();
        Map<Integer, TraceEvent> bySeq = new HashMap<>();
        for (TraceEvent e : trace.events()) {
            bySeq.put(e.seq(), e);
        }
        for (TraceEvent e : trace.events()) {
            if (e.parent() < 0 || !bySeq.containsKey(e.parent())) {
                roots.add(e);
            } else {
                children.computeIfAbsent(e.parent(), k -> new ArrayList<>()).add(e);
            }
        }
        for (TraceEvent root : roots) {
            event(root, "", "");
        }
        return out.toString();
    }

    /** {@code lead} goes before the event's own line, {@code indent} before everything under it. */
    private void event(TraceEvent e, String lead, String indent) {
        List<TraceEvent> kids = children.getOrDefault(e.seq(), List.of());
        out.append(style.dim(lead)).append(headline(e, style)).append('\n');
        String eq = equivalent(e);
        if (!eq.isEmpty()) {
            String guide = kids.isEmpty() ? BLANK : PIPE;
            out.append(style.dim(indent + guide)).append(style.dim(eq)).append('\n');
        }
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            event(kids.get(i), indent + (last ? LAST : BRANCH), indent + (last ? BLANK : PIPE));
        }
    }
}
