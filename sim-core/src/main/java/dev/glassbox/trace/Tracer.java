package dev.glassbox.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Records what every layer does while a command runs. Events nest: an event opened with {@link #open}
 * is the parent of every event recorded until its span closes. When a state source is set, the state
 * is snapshotted at each event and the difference is attached to the event before it, so a step's
 * changes are exactly what happened between it and the next step.
 */
public final class Tracer {
    private final LongSupplier clock;
    private Supplier<JsonNode> stateSource;
    private final List<TraceEvent> events = new ArrayList<>();
    private final Deque<Integer> open = new ArrayDeque<>();
    /** The host whose steps are being recorded, innermost first (empty: a lone host's, untagged). */
    private final Deque<String> hosts = new ArrayDeque<>();
    private String command;
    private JsonNode before;
    private JsonNode last;
    private Trace lastTrace = Trace.empty();
    private final List<java.util.function.Consumer<TraceEvent>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Tracer(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    /**
     * Called with each step as soon as it is complete (its state changes known), while the command
     * still runs: what a live view streams.
     */
    public void onEvent(java.util.function.Consumer<TraceEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(java.util.function.Consumer<TraceEvent> listener) {
        listeners.remove(listener);
    }

    private void complete(TraceEvent e) {
        for (java.util.function.Consumer<TraceEvent> l : listeners) {
            l.accept(e);
        }
    }

    /** Turns state capture on (a source) or off (null). */
    public void captureState(Supplier<JsonNode> source) {
        this.stateSource = source;
    }

    public boolean active() {
        return command != null;
    }

    public void begin(String commandLine, String sentence) {
        events.clear();
        open.clear();
        command = commandLine;
        before = stateSource == null ? null : stateSource.get();
        last = before;
        record(Layer.CLIENT, null, "command", commandLine, sentence, "$ " + commandLine, -1);
        open.push(0);
    }

    public Trace finish() {
        if (command == null) {
            return lastTrace;
        }
        settle();
        if (!events.isEmpty()) {
            complete(events.get(events.size() - 1));
        }
        lastTrace = new Trace(command, before, events);
        command = null;
        events.clear();
        open.clear();
        return lastTrace;
    }

    public Trace lastTrace() {
        return lastTrace;
    }

    /** Records a step and makes it the parent of what follows until the span closes. */
    public Span open(Layer layer, Subsystem subsystem, String action, String object, String sentence, String equivalent) {
        if (command == null) {
            return () -> {};
        }
        int seq = record(layer, subsystem, action, object, sentence, equivalent, parent());
        open.push(seq);
        return () -> {
            if (command != null) {
                open.remove(seq);
            }
        };
    }

    /**
     * Tags the steps recorded until the span closes with this host (several hosts of one world share a
     * tracer); "" tags nothing, as on a lone host.
     */
    public Span onHost(String host) {
        if (host == null || host.isEmpty()) {
            return () -> {};
        }
        hosts.push(host);
        return hosts::pop;
    }

    private String host() {
        return hosts.isEmpty() ? "" : hosts.peek();
    }

    /** Records a step with no children. */
    public void note(Layer layer, Subsystem subsystem, String action, String object, String sentence, String equivalent) {
        if (command != null) {
            record(layer, subsystem, action, object, sentence, equivalent, parent());
        }
    }

    /**
     * Records a step that has already happened: the state changes since the previous step are its
     * own (use {@link #note} for a step recorded before it changes anything).
     */
    public void did(Layer layer, Subsystem subsystem, String action, String object, String sentence, String equivalent) {
        if (command != null) {
            if (!events.isEmpty()) {
                complete(events.get(events.size() - 1)); // what changed from here on belongs to this step
            }
            events.add(new TraceEvent(events.size(), parent(), clock.getAsLong(), layer, subsystem, action, object, sentence, equivalent, List.of(), host()));
            settle();
        }
    }

    private int parent() {
        return open.isEmpty() ? 0 : open.peek();
    }

    private int record(Layer layer, Subsystem sub, String action, String object, String sentence, String equivalent, int parent) {
        settle();
        if (!events.isEmpty()) {
            complete(events.get(events.size() - 1)); // its changes are final now that the next step begins
        }
        int seq = events.size();
        events.add(new TraceEvent(seq, parent, clock.getAsLong(), layer, sub, action, object, sentence, equivalent, List.of(), host()));
        return seq;
    }

    /** Attaches the state changes since the last snapshot to the latest event. */
    private void settle() {
        if (stateSource == null || events.isEmpty()) {
            return;
        }
        JsonNode now = stateSource.get();
        List<Change> changes = JsonDiff.diff(last, now);
        if (!changes.isEmpty()) {
            int i = events.size() - 1;
            TraceEvent e = events.get(i);
            List<Change> all = new ArrayList<>(e.changes());
            all.addAll(changes);
            events.set(i, e.withChanges(all));
        }
        last = now;
    }

    /** A span that closes without checked exceptions. */
    @FunctionalInterface
    public interface Span extends AutoCloseable {
        @Override
        void close();
    }
}
