package dev.glassbox.web;

import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Trace;
import dev.glassbox.trace.TraceEvent;
import java.util.List;

/**
 * A trace as a Mermaid sequence diagram a teacher can paste into slides: one participant per layer
 * of Docker's architecture, one arrow per event from the layer of its cause to its own layer.
 */
final class Mermaid {
    private Mermaid() {}

    static String sequence(Trace trace) {
        StringBuilder sb = new StringBuilder("sequenceDiagram\n");
        sb.append("    title ").append(clean(trace.command())).append('\n');
        for (Layer l : Layer.values()) {
            sb.append("    participant ").append(name(l)).append('\n');
        }
        List<TraceEvent> events = trace.events();
        for (TraceEvent e : events) {
            if (e.parent() < 0) {
                sb.append("    Note over ").append(name(Layer.CLIENT)).append(": $ ").append(clean(e.object())).append('\n');
                continue;
            }
            Layer from = events.get(e.parent()).layer();
            String label = e.action() + (e.object().isEmpty() ? "" : " " + shorten(e.object()));
            if (e.subsystem() != null) {
                label = e.subsystem().label() + ": " + label;
            }
            sb.append("    ").append(name(from)).append("->>").append(name(e.layer()))
                    .append(": ").append(clean(label)).append('\n');
        }
        return sb.toString();
    }

    private static String name(Layer l) {
        String s = l.label();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Ids of 64 hex digits are cut to 12, as docker prints them. */
    private static String shorten(String s) {
        return s.replaceAll("([0-9a-f]{12})[0-9a-f]{52}", "$1");
    }

    /** Mermaid reads ';' and '#' as syntax and a newline ends a message. */
    private static String clean(String s) {
        return s.replace(";", ",").replace("#", "no.").replace('\n', ' ');
    }
}
