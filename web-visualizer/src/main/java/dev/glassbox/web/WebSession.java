package dev.glassbox.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.Completion;
import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One browser session: its own engine on the sim kernel, the lines typed into it (what is saved),
 * its limits, and whoever watches it (its own page and, in a classroom, the students' pages).
 * Commands run one at a time per session.
 */
final class WebSession {
    private static final Set<String> CREATES = Set.of("run", "create");
    private static final Set<String> STARTS = Set.of("run", "create", "start", "restart", "exec");

    /** What a command did: the answer as the CLI prints it and the trace of the line (null for a blank line). */
    record Outcome(Result result, Trace trace) {}

    private final String id;
    private final String watchId;
    private final long seed;
    private final boolean classroom;
    private final Limits limits;
    private final Engine engine;
    private final RateLimit rate;
    private final List<String> lines = new ArrayList<>();
    private final List<Consumer<String>> watchers = new CopyOnWriteArrayList<>();
    /** Words the page's terminal answers itself. */
    static final List<String> TERMINAL_BUILTINS = List.of("clear", "help");
    private final Completion completion;
    private volatile long lastUsedMillis;
    private boolean ran;

    WebSession(String id, String watchId, long seed, boolean classroom, Limits limits, long nowMillis) {
        this.id = id;
        this.watchId = watchId;
        this.seed = seed;
        this.classroom = classroom;
        this.limits = limits;
        this.engine = Engine.sim(seed);
        this.completion = new Completion(() -> engine, TERMINAL_BUILTINS, Set.of(), Map.of());
        // each step goes to the watching pages as soon as it is complete, while the command still runs
        engine.onTraceEvent(e -> {
            if (!watchers.isEmpty()) {
                com.fasterxml.jackson.databind.node.ObjectNode m = TraceJson.JSON.createObjectNode();
                m.put("type", "event");
                m.set("event", TraceJson.event(e));
                publish(m.toString());
            }
        });
        this.rate = new RateLimit(limits.commandsPerSecond(), limits.commandBurst(), System::nanoTime);
        this.lastUsedMillis = nowMillis;
    }

    /** A session rebuilt from disk by replaying its lines; limits are not applied to what was already allowed. */
    static WebSession restore(SavedSession saved, Limits limits, long nowMillis) {
        WebSession s = new WebSession(saved.id(), saved.watchId(), saved.seed(), saved.classroom(), limits, nowMillis);
        for (String line : saved.lines()) {
            s.engine.run(line);
            s.lines.add(line);
            s.ran |= !line.isBlank();
        }
        return s;
    }

    synchronized Outcome run(String line, long nowMillis) {
        lastUsedMillis = nowMillis;
        check(line);
        Result result = engine.run(line);
        lines.add(line);
        boolean traced = !line.isBlank() && !line.strip().startsWith("#");
        ran |= traced;
        return new Outcome(result, traced ? engine.lastTrace() : null);
    }

    private void check(String line) {
        if (line.length() > limits.lineChars()) {
            throw Refusal.limit("glassbox: this line is " + line.length() + " characters long; a session takes lines of at most "
                    + limits.lineChars() + ".");
        }
        if (storedBytes() + line.length() + 1 > limits.storedBytes()) {
            throw Refusal.limit("glassbox: this session has stored " + storedBytes() + " bytes of commands, its limit is "
                    + limits.storedBytes() + ": reset the session (the ⟲ button) to start again.");
        }
        if (!rate.tryTake()) {
            throw Refusal.limit("glassbox: slow down: a session runs at most " + fmt(limits.commandsPerSecond())
                    + " commands a second (bursts of " + limits.commandBurst() + "). Try again in a moment.");
        }
        List<String> words = List.of(line.strip().split("\\s+"));
        if (words.stream().anyMatch(CREATES::contains) && engine.containerNames().size() >= limits.containers()) {
            throw Refusal.limit("glassbox: this session has " + engine.containerNames().size() + " containers, its limit is "
                    + limits.containers() + ": remove some first (docker rm -f NAME, or docker container prune).");
        }
        if (words.stream().anyMatch(STARTS::contains) && processes() >= limits.processes()) {
            throw Refusal.limit("glassbox: this session has " + processes() + " processes, its limit is "
                    + limits.processes() + ": stop or remove some containers first.");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private int processes() {
        JsonNode p = engine.state().path("host").path("processes");
        return p.size();
    }

    synchronized JsonNode state() {
        return engine.state();
    }

    /** The last command's trace, or null before the first command. */
    synchronized Trace lastTrace() {
        return ran ? engine.lastTrace() : null;
    }

    synchronized List<String> completions(List<String> words, int index, String current) {
        List<String> out = new ArrayList<>();
        for (String w : completion.words(words, index, current)) {
            if (w.startsWith(current) && !out.contains(w)) {
                out.add(w); // the page shows only what fits the word typed so far
            }
        }
        return out;
    }

    synchronized List<String> imageCatalog() {
        return engine.imageNames();
    }

    synchronized List<String> history() {
        return List.copyOf(lines);
    }

    synchronized SavedSession saved() {
        return new SavedSession(id, watchId, seed, classroom, lastUsedMillis, lines);
    }

    synchronized long storedBytes() {
        long n = 0;
        for (String l : lines) {
            n += l.length() + 1;
        }
        return n;
    }

    void touch(long nowMillis) {
        lastUsedMillis = nowMillis;
    }

    long lastUsedMillis() {
        return lastUsedMillis;
    }

    void watch(Consumer<String> watcher) {
        watchers.add(watcher);
    }

    void unwatch(Consumer<String> watcher) {
        watchers.remove(watcher);
    }

    void publish(String message) {
        for (Consumer<String> w : watchers) {
            try {
                w.accept(message);
            } catch (RuntimeException e) {
                watchers.remove(w);
            }
        }
    }

    String id() {
        return id;
    }

    String watchId() {
        return watchId;
    }

    boolean classroom() {
        return classroom;
    }

    void close() {
        engine.close();
    }
}
