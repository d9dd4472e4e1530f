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
 * is the parent of every event recorded until its span closes. When state capture is on, the state changes
 * made since the last event are attached to it as each next event begins, so a step's changes are exactly
 * what happened between it and the next step ({@link StateModel} reads only the parts their owners edited).
 */
public final class Tracer {
    private final LongSupplier clock;
    private StateCapture capture;
    private final List<TraceEvent> events = new ArrayList<>();
    private final Deque<Integer> open = new ArrayDeque<>();
    /** The host whose steps are being recorded, innermost first (empty: a lone host's, untagged). */
    private final Deque<String> hosts = new ArrayDeque<>();
    private String command;
    /** Whether the command being recorded started with state capture on. */
    private boolean captured;
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

    /** Turns state capture on (a source read whole at every step, then diffed) or off (null). */
    public void captureState(Supplier<JsonNode> source) {
        this.capture = source == null ? null : new SnapshotCapture(source);
    }

    /** Turns state capture on with a capture that knows what changed (the engine's {@link StateModel}), or off (null). */
    public void captureState(StateCapture capture) {
        this.capture = capture;
    }

    public boolean active() {
        return command != null;
    }

    public void begin(String commandLine, String sentence) {
        events.clear();
        open.clear();
        command = commandLine;
        captured = capture != null;
        if (captured) {
            capture.changes(); // what changed between commands belongs to no step
        }
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
        lastTrace = Trace.lazy(command, captured && capture != null ? before(capture.snapshot(), List.copyOf(events)) : null, events);
        command = null;
        events.clear();
        open.clear();
        return lastTrace;
    }

    public Trace lastTrace() {
        return lastTrace;
    }

    /**
     * The state before a command, as the state after it with every change undone, last first: the trace then holds
     * the values the engine's state holds anyway, not a second copy of what the command changed.
     */
    private static Supplier<JsonNode> before(Supplier<JsonNode> after, List<TraceEvent> events) {
        return new dev.glassbox.registry.Lazy<>(() -> {
            List<Change> undo = new ArrayList<>();
            for (int i = events.size() - 1; i >= 0; i--) {
                List<Change> changes = events.get(i).changes();
                for (int j = changes.size() - 1; j >= 0; j--) {
                    undo.add(changes.get(j).inverse());
                }
            }
            return JsonDiff.apply(after.get(), undo);
        });
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
        if (capture == null || events.isEmpty()) {
            return;
        }
        List<Change> changes = capture.changes();
        if (!changes.isEmpty()) {
            int i = events.size() - 1;
            TraceEvent e = events.get(i);
            List<Change> all = new ArrayList<>(e.changes());
            all.addAll(changes);
            events.set(i, e.withChanges(all));
        }
    }

    /** A span that closes without checked exceptions. */
    @FunctionalInterface
    public interface Span extends AutoCloseable {
        @Override
        void close();
    }
}
