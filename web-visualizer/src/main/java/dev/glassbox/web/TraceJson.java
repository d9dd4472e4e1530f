package dev.glassbox.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.trace.Change;
import dev.glassbox.trace.Trace;
import dev.glassbox.trace.TraceEvent;

/**
 * A trace as the page reads it: the state before the command and each event with its changes as
 * JSON-pointer edits (path, before, after), so the page rebuilds the state at any step, going
 * forward by applying {@code after} values and back by applying {@code before} values.
 */
final class TraceJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private TraceJson() {}

    static ObjectNode trace(Trace t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("command", t.command());
        o.set("before", t.before());
        ArrayNode events = o.putArray("events");
        for (TraceEvent e : t.events()) {
            events.add(event(e));
        }
        return o;
    }

    static ObjectNode event(TraceEvent e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("seq", e.seq());
        o.put("parent", e.parent());
        o.put("time", e.timeMillis());
        o.put("layer", e.layer().label());
        o.put("subsystem", e.subsystem() == null ? null : e.subsystem().label());
        o.put("action", e.action());
        o.put("object", e.object());
        o.put("sentence", e.sentence());
        o.put("equivalent", e.equivalent());
        ArrayNode changes = o.putArray("changes");
        for (Change c : e.changes()) {
            ObjectNode co = changes.addObject();
            co.put("op", c.op());
            co.put("path", c.path());
            co.set("before", c.before());
            co.set("after", c.after());
        }
        return o;
    }
}
