package dev.glassbox.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A trace as the page reads it: the state before the command and each event with its changes as
 * JSON-pointer edits (path, before, after), so the page rebuilds the state at any step, going
 * forward by applying {@code after} values and back by applying {@code before} values. The same
 * shape goes from a daemon to a visualizer watching it, and is read back by {@link #parse}.
 */
public final class TraceJson {
    public static final ObjectMapper JSON = new ObjectMapper();

    private TraceJson() {}

    public static ObjectNode trace(Trace t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("command", t.command());
        o.set("before", t.before());
        ArrayNode events = o.putArray("events");
        for (TraceEvent e : t.events()) {
            events.add(event(e));
        }
        return o;
    }

    public static ObjectNode event(TraceEvent e) {
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
        if (!e.host().isEmpty()) {
            o.put("host", e.host());
        }
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

    /** A trace from its JSON, as {@link #trace} wrote it. */
    public static Trace parse(JsonNode o) {
        List<TraceEvent> events = new ArrayList<>();
        for (JsonNode e : o.path("events")) {
            events.add(parseEvent(e));
        }
        JsonNode before = o.get("before");
        return new Trace(o.path("command").asText(""), before == null || before.isNull() ? null : before, events);
    }

    public static TraceEvent parseEvent(JsonNode e) {
        List<Change> changes = new ArrayList<>();
        for (JsonNode c : e.path("changes")) {
            String op = c.path("op").asText("replace");
            changes.add(new Change(c.path("path").asText(), op.equals("add") ? null : c.get("before"),
                    op.equals("remove") ? null : c.get("after")));
        }
        String sub = e.path("subsystem").isTextual() ? e.path("subsystem").asText() : null;
        return new TraceEvent(e.path("seq").asInt(), e.path("parent").asInt(), e.path("time").asLong(),
                Layer.valueOf(e.path("layer").asText("client").toUpperCase(Locale.ROOT)),
                sub == null ? null : Subsystem.valueOf(sub.toUpperCase(Locale.ROOT)), e.path("action").asText(""),
                e.path("object").asText(""), e.path("sentence").asText(""), e.path("equivalent").asText(""), changes,
                e.path("host").asText(""));
    }
}
