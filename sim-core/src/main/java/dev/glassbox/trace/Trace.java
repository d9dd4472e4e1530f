package dev.glassbox.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * The causal tree of one command: its events in order (event 0 is the command line itself), and the
 * engine state before the command, so the state as of any step can be rebuilt going forward or back.
 * {@code before} is null when state capture was off.
 */
public final class Trace {
    private final String command;
    private final Supplier<JsonNode> before;
    private final List<TraceEvent> events;

    public Trace(String command, JsonNode before, List<TraceEvent> events) {
        this(before == null ? null : () -> before, command, events);
    }

    private Trace(Supplier<JsonNode> before, String command, List<TraceEvent> events) {
        this.command = command;
        this.before = before;
        this.events = List.copyOf(events);
    }

    /** {@code before}: the state before the command, built when first asked for (most traces are never stepped through). */
    public static Trace lazy(String command, Supplier<JsonNode> before, List<TraceEvent> events) {
        return new Trace(before, command, events);
    }

    public static Trace empty() {
        return new Trace("", (JsonNode) null, List.of());
    }

    public String command() {
        return command;
    }

    /** The engine state before the command; null when state capture was off. */
    public JsonNode before() {
        return before == null ? null : before.get();
    }

    public List<TraceEvent> events() {
        return events;
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    /** The state once event {@code step} and everything before it has happened; -1 is the state before. */
    public JsonNode stateAt(int step) {
        if (before == null) {
            throw new IllegalStateException("this trace was recorded without state");
        }
        JsonNode before = before();
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i <= step && i < events.size(); i++) {
            changes.addAll(events.get(i).changes());
        }
        return JsonDiff.apply(before, changes);
    }

    /** The state after event {@code step}, undone back to before it (the inverse edits, in reverse). */
    public JsonNode undo(JsonNode stateAfterStep, int step) {
        List<Change> inverse = new ArrayList<>();
        for (Change c : events.get(step).changes()) {
            inverse.add(c.inverse());
        }
        Collections.reverse(inverse);
        return JsonDiff.apply(stateAfterStep, inverse);
    }

}
