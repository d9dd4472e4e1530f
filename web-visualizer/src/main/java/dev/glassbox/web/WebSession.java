package dev.glassbox.web;

import dev.glassbox.trace.TraceJson;
import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.Completion;
import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.lab.LabShell;
import dev.glassbox.lab.Lessons;
import dev.glassbox.lab.ProgressStore;
import dev.glassbox.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One browser session: its own engine on the sim kernel, the lines typed into it (what is saved),
 * its limits, and whoever watches it (its own page and, in a classroom, the students' pages).
 * Commands run one at a time per session.
 */
final class WebSession implements Watched {
    private static final Set<String> CREATES = Set.of("run", "create");
    private static final Set<String> STARTS = Set.of("run", "create", "start", "restart", "exec");

    /** What a command did: the answer as the CLI prints it and the trace of the line (null for a blank line or a lab word). */
    record Outcome(Result result, Trace trace) {}

    private final String id;
    private final String watchId;
    private final long seed;
    /** How its daemon is started (the web server's --storage-driver). */
    private final dev.glassbox.daemon.DaemonOptions engines;
    private final boolean classroom;
    private final Limits limits;
    private final SessionFiles files = new SessionFiles();
    private FileHistory written = new FileHistory(List.of());
    private Engine engine;
    private final LabShell lab;
    private String name = "";
    /**
     * The pane's view, made once after each line: reading it runs no goal again (a `command` goal runs a
     * command in the engine, and a replay after a restart must find the engine as the lines left it).
     */
    private com.fasterxml.jackson.databind.node.ObjectNode labView;
    private final RateLimit rate;
    private final WorkBudget work;
    private final List<String> lines = new ArrayList<>();
    private final List<Consumer<String>> watchers = new CopyOnWriteArrayList<>();
    /** Words the page's terminal answers itself. */
    static final List<String> TERMINAL_BUILTINS = List.of("clear", "help");
    private final Completion completion;
    private volatile long lastUsedMillis;
    private boolean ran;

    WebSession(String id, String watchId, long seed, boolean classroom, Limits limits, long nowMillis) {
        this(id, watchId, seed, classroom, limits, dev.glassbox.daemon.DaemonOptions.DEFAULT, nowMillis);
    }

    WebSession(String id, String watchId, long seed, boolean classroom, Limits limits, dev.glassbox.daemon.DaemonOptions engines, long nowMillis) {
        this.engines = engines;
        this.id = id;
        this.watchId = watchId;
        this.seed = seed;
        this.classroom = classroom;
        this.limits = limits;
        this.engine = newEngine();
        this.completion = new Completion(() -> engine, TERMINAL_BUILTINS, Set.of(), Map.of());
        this.lab = new LabShell(LESSONS.get(), ProgressStore.memory(null), this::freshEngine, () -> "sim", System::currentTimeMillis).brief();
        this.rate = new RateLimit(limits.commandsPerSecond(), limits.commandBurst(), System::nanoTime);
        this.work = new WorkBudget(limits.cpuShare(), Limits.CPU_BURST_MILLIS, System::nanoTime);
        this.lastUsedMillis = nowMillis;
    }

    /** The lessons every session shares, read once. */
    private static final Supplier<Lessons> LESSONS = new Supplier<>() {
        private volatile Lessons lessons;

        @Override
        public Lessons get() {
            if (lessons == null) {
                lessons = Lessons.builtIn();
            }
            return lessons;
        }
    };

    /** An engine on the sim kernel (the first host of a world) with this session's seed; each step goes to the watching pages as soon as it is complete. */
    private Engine newEngine() {
        Engine e = dev.glassbox.world.World.sim(seed, true, engines).engine(); // one host until 'node add' brings more onto its LAN
        e.workspace(files.workspace());
        e.onTraceEvent(ev -> {
            if (!watchers.isEmpty()) {
                com.fasterxml.jackson.databind.node.ObjectNode m = TraceJson.JSON.createObjectNode();
                m.put("type", "event");
                m.set("event", TraceJson.event(ev));
                publish(m.toString());
            }
        });
        return e;
    }

    /** A lab's fresh engine replaces the session's (lab start, lab reset, a step jump). */
    private Engine freshEngine() {
        Engine old = engine;
        engine = newEngine();
        old.close();
        return engine;
    }

    /**
     * A session rebuilt from disk by replaying its lines through the same path as when they were typed
     * (the lab's words too, so the lab is where it was); limits are not applied to what was already
     * allowed. The saved progress then replaces the replay's, which would carry the replay's times.
     */
    static WebSession restore(SavedSession saved, Limits limits, dev.glassbox.daemon.DaemonOptions engines, long nowMillis) {
        WebSession s = new WebSession(saved.id(), saved.watchId(), saved.seed(), saved.classroom(), limits, engines, nowMillis);
        s.name = saved.name();
        s.written = new FileHistory(saved.files());
        for (String line : saved.lines()) {
            s.rewrite(s.lines.size());
            s.carryOut(line);
            s.lines.add(line);
        }
        s.rewrite(s.lines.size());
        s.lab.restoreProgress(saved.progress());
        s.labView = null; // made again, with the saved progress, when first read
        return s;
    }

    synchronized Outcome run(String line, long nowMillis) {
        lastUsedMillis = nowMillis;
        check(line);
        long t0 = System.nanoTime();
        try {
            Outcome o = carryOut(line);
            lines.add(line);
            return o;
        } finally {
            work.charge((System.nanoTime() - t0) / 1e6, engine.commandWork());
        }
    }

    private Outcome carryOut(String line) {
        Outcome o = carryOutOnly(line);
        labView = LabJson.of(lab);
        return o;
    }

    private Outcome carryOutOnly(String line) {
        if (LabShell.handles(line)) {
            return new Outcome(lab.execute(line), null);
        }
        Result result = engine.run(line);
        String more = lab.after();
        if (!more.isEmpty()) {
            result = new Result(result.out() + more, result.err(), result.exitStatus(), result.text() + more);
        }
        boolean traced = !line.isBlank() && !line.strip().startsWith("#");
        ran |= traced;
        return new Outcome(result, traced ? engine.lastTrace() : null);
    }

    /** The labs of this session as the pane reads them: the curriculum, and the step being worked on with each goal checked now. */
    @Override
    public synchronized com.fasterxml.jackson.databind.node.ObjectNode labView() {
        if (labView == null) {
            labView = LabJson.of(lab); // no line yet: no lesson, so no goal runs
        }
        return labView;
    }

    /** Writes one of the session's files (the page's editor and upload); refused in one line past its limits. */
    synchronized void putFile(String path, byte[] data) {
        String rel = path == null ? "" : path.strip();
        written.check(lines.size(), rel, data.length);
        files.put(rel, data);
        written.record(lines.size(), rel, data);
    }

    /** During a replay: writes again the files the page wrote after {@code at} lines, before the next line runs. */
    private void rewrite(int at) {
        for (FileWrite w : written.at(at)) {
            try {
                files.put(w.path(), w.data());
            } catch (Refusal e) {
                // allowed when it was written, so refused only if the store was edited by hand: the replay goes on without it
            }
        }
    }

    /** The session's files, as the page lists them. */
    synchronized com.fasterxml.jackson.databind.node.ObjectNode files() {
        return files.listing();
    }

    static Lessons lessons() {
        return LESSONS.get();
    }

    synchronized String name() {
        return name;
    }

    synchronized void name(String n) {
        name = n;
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
        work.check();
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

    @Override
    public synchronized JsonNode state() {
        return engine.state();
    }

    /** The last command's trace, or null before the first command. */
    @Override
    public synchronized Trace lastTrace() {
        return ran ? engine.lastTrace() : null;
    }

    @Override
    public synchronized List<String> completions(List<String> words, int index, String current) {
        List<String> out = new ArrayList<>();
        for (String w : completion.words(words, index, current)) {
            if (w.startsWith(current) && !out.contains(w)) {
                out.add(w); // the page shows only what fits the word typed so far
            }
        }
        return out;
    }

    /** The work the session's last command had its processes do (what {@link WorkBudget} charges on besides time). */
    synchronized long commandWork() {
        return engine.commandWork();
    }

    @Override
    public synchronized List<String> imageCatalog() {
        return engine.imageNames();
    }

    synchronized List<String> history() {
        return List.copyOf(lines);
    }

    synchronized SavedSession saved() {
        return new SavedSession(id, watchId, seed, classroom, lastUsedMillis, lines, lab.progress(), name, written.all());
    }

    @Override
    public synchronized long storedBytes() {
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

    @Override
    public void watch(Consumer<String> watcher) {
        watchers.add(watcher);
    }

    @Override
    public void unwatch(Consumer<String> watcher) {
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

    @Override
    public String watchId() {
        return watchId;
    }

    @Override
    public boolean classroom() {
        return classroom;
    }

    void close() {
        engine.close();
    }
}
