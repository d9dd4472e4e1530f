package dev.glassbox.trace;

import java.util.List;
import java.util.Objects;

/**
 * One step the engine took. {@code parent} is the sequence number of the step that caused it (0 for
 * the root, which has no parent: -1). {@code equivalent} is what a real system would run: the HTTP
 * request, the syscall or the command line. {@code host} names the host it happened on when a world has
 * several ("" otherwise).
 */
public record TraceEvent(
        int seq,
        int parent,
        long timeMillis,
        Layer layer,
        Subsystem subsystem,
        String action,
        String object,
        String sentence,
        String equivalent,
        List<Change> changes,
        String host) {

    /** An event of a lone host. */
    public TraceEvent(int seq, int parent, long timeMillis, Layer layer, Subsystem subsystem, String action, String object,
            String sentence, String equivalent, List<Change> changes) {
        this(seq, parent, timeMillis, layer, subsystem, action, object, sentence, equivalent, changes, "");
    }

    public TraceEvent {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(sentence, "sentence");
        object = object == null ? "" : object;
        equivalent = equivalent == null ? "" : equivalent;
        host = host == null ? "" : host;
        changes = List.copyOf(changes);
        if (parent >= seq) {
            throw new IllegalArgumentException("an event's parent comes before it: " + parent + " >= " + seq);
        }
    }

    public TraceEvent withChanges(List<Change> newChanges) {
        return new TraceEvent(seq, parent, timeMillis, layer, subsystem, action, object, sentence, equivalent, newChanges, host);
    }
}
