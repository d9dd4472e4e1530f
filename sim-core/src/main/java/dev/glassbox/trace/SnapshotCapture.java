package dev.glassbox.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Supplier;

/**
 * Changes found by reading the whole state at each step and diffing it with the last: for a state given as one
 * value (tests, simple owners). The engine's state goes through {@link StateModel}, which reads only what changed.
 */
public final class SnapshotCapture implements StateCapture {
    private final Supplier<JsonNode> source;
    private JsonNode last;

    public SnapshotCapture(Supplier<JsonNode> source) {
        this.source = source;
    }

    @Override
    public List<Change> changes() {
        JsonNode now = source.get();
        List<Change> out = last == null ? List.of() : JsonDiff.diff(last, now);
        last = now;
        return out;
    }

    @Override
    public Supplier<JsonNode> snapshot() {
        if (last == null) {
            last = source.get();
        }
        JsonNode then = last;
        return () -> then;
    }
}
