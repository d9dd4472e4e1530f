package dev.glassbox.lab;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.trace.Trace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A student working through one lesson on an engine: the step they are on, the goals checked after
 * each command they run, hints, the reference solution, and a reset to the lesson's start state.
 * Progress goes to the store at every change. Not thread-safe: one student, one lab.
 */
public final class Lab {
    /** One goal of the step, as the pane and {@code check} show it. */
    public record GoalView(String id, String describe, boolean met, String missing) {}

    /** The state of the step being worked on. */
    public record StepView(int number, int of, String title, String text, List<String> commands, List<GoalView> goals,
                           Quiz quiz, boolean answered, boolean done, String refused, int hintsShown, int hintsTotal) {}

    private final Lesson lesson;
    private final Supplier<Engine> freshEngine;
    private final ProgressStore store;
    private final LongSupplier clock;
    private Engine engine;
    private int step;
    private final Set<String> traced = new HashSet<>();
    private final Set<Integer> answered = new HashSet<>();
    private int hintsShown;

    private Lab(Lesson lesson, Supplier<Engine> freshEngine, ProgressStore store, LongSupplier clock) {
        this.lesson = lesson;
        this.freshEngine = freshEngine;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Starts (or resumes) a lesson on a fresh engine: the start state is replayed, and a student who
     * had reached step N gets the reference solutions of the steps before it replayed too.
     */
    public static Lab start(Lesson lesson, Supplier<Engine> freshEngine, ProgressStore store, LongSupplier clock) {
        Lab lab = new Lab(lesson, freshEngine, store, clock);
        LessonProgress p = store.load().of(lesson.id());
        int at = p == null || p.finished() ? 1 : Math.min(p.step(), lesson.steps().size());
        if (p == null) {
            p = LessonProgress.fresh(clock.getAsLong());
        }
        store.save(store.load().with(lesson.id(), p.at(at, clock.getAsLong())).in(lesson.id()));
        lab.rebuild(at);
        return lab;
    }

    public Lesson lesson() {
        return lesson;
    }

    public Engine engine() {
        return engine;
    }

    /** The step being worked on, from 1. */
    public int step() {
        return step;
    }

    public boolean finished() {
        return progress().finished();
    }

    public LessonProgress progress() {
        LessonProgress p = store.load().of(lesson.id());
        return p == null ? LessonProgress.fresh(clock.getAsLong()) : p;
    }

    private Step current() {
        return lesson.steps().get(step - 1);
    }

    /**
     * After a command the student ran: the goals of the step are checked (trace goals against the
     * command's trace), and each step it completes is announced with a ✓ line; the next step follows.
     */
    public List<String> after() {
        List<String> out = new ArrayList<>();
        Trace t = engine.lastTrace();
        latch(t);
        while (met()) {
            if (!progress().done().contains(step)) {
                save(progress().withDone(step, now()));
                out.add("✓ step " + step + ": " + current().title());
            }
            if (step == lesson.steps().size()) {
                if (!progress().finished()) {
                    save(progress().finishedAt(now()));
                    out.add("✓ lesson finished: " + lesson.title() + " (`lab` lists the others)");
                }
                break;
            }
            moveTo(step + 1);
            latch(t);
        }
        return out;
    }

    private void latch(Trace t) {
        for (Goal g : current().goals()) {
            if (g instanceof TraceGoal tg && tg.seenIn(t)) {
                traced.add(g.id());
            }
        }
    }

    private boolean met() {
        Step s = current();
        if (s.quiz() != null && !answered.contains(step)) {
            return false;
        }
        Probe p = new Probe(engine, traced);
        for (Goal g : s.goals()) {
            try {
                if (!g.check(p).met()) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false; // view() says why
            }
        }
        return true;
    }

    /** The step as it stands: each goal checked now. */
    public StepView view() {
        Step s = current();
        Probe p = new Probe(engine, traced);
        List<GoalView> goals = new ArrayList<>();
        for (Goal g : s.goals()) {
            Verdict v;
            try {
                v = g.check(p);
            } catch (RuntimeException e) {
                v = Verdict.unmet("this goal could not be checked: " + e.getMessage());
            }
            goals.add(new GoalView(g.id(), g.describe(), v.met(), v.missing()));
        }
        return new StepView(step, lesson.steps().size(), s.title(), s.text(), s.commands(), goals, s.quiz(), answered.contains(step),
                progress().done().contains(step), s.refused(), Math.min(hintsShown, s.hints().size()), s.hints().size());
    }

    /** {@code check}: one sentence per unmet goal of the step, or that all are met. */
    public List<String> check() {
        StepView v = view();
        List<String> out = new ArrayList<>();
        for (GoalView g : v.goals()) {
            if (!g.met()) {
                out.add("✗ " + g.describe() + ": " + g.missing());
            }
        }
        if (v.quiz() != null && !v.answered()) {
            out.add("✗ the question is not answered yet: answer ANSWER");
        }
        if (out.isEmpty()) {
            out.add(v.done() ? "✓ step " + step + " is done" : "✓ every goal of step " + step + " is met");
        }
        return out;
    }

    /** The next hint of the step (gentle first, the most explicit last, which then repeats); null when it has none. */
    public String hint() {
        List<String> hints = current().hints();
        if (hints.isEmpty()) {
            return null;
        }
        String h = hints.get(Math.min(hintsShown, hints.size() - 1));
        int n = Math.min(hintsShown, hints.size() - 1) + 1;
        hintsShown++;
        save(progress().hinted(now()));
        return "hint " + n + "/" + hints.size() + ": " + h;
    }

    /** The step's reference commands (shown, never run by this call). */
    public List<String> solution() {
        Step s = current();
        List<String> out = new ArrayList<>(s.solution());
        if (s.quiz() != null && out.stream().noneMatch(l -> l.startsWith("answer "))) {
            out.add("answer " + s.quiz().reference());
        }
        return out;
    }

    /** {@code answer TEXT} to the step's question: whether it is right, and the explanation once it is. */
    public String answer(String text) {
        Quiz q = current().quiz();
        if (q == null) {
            return null;
        }
        if (!q.accepts(text)) {
            return "✗ not quite: think again, or take a hint";
        }
        answered.add(step);
        return "✓ right" + (q.explain().isEmpty() ? "" : ": " + q.explain());
    }

    /** Back to the lesson's start state, at step 1; steps done stay done, a finished lesson stays finished. */
    public void reset() {
        rebuild(1);
    }

    /**
     * Jumps to step {@code n}: the start state again, then the reference solutions of the steps before
     * it, so its state is the one it expects. Returns the lines replayed.
     */
    public List<String> go(int n) {
        if (n < 1 || n > lesson.steps().size()) {
            throw new IllegalArgumentException("lesson " + lesson.id() + " has steps 1 to " + lesson.steps().size());
        }
        return rebuild(n);
    }

    private void seedFiles(dev.glassbox.client.Workspace ws) {
        lesson.files().forEach((path, text) -> {
            String abs = ws.resolve(path);
            ws.mkdirs(abs.substring(0, Math.max(1, abs.lastIndexOf('/'))));
            ws.writeFile(abs, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
        });
    }

    private List<String> rebuild(int n) {
        engine = freshEngine.get();
        seedFiles(engine.workspace());
        List<String> replayed = new ArrayList<>();
        for (String line : lesson.setup()) {
            Result r = engine.run(line);
            if (!r.ok()) {
                throw new IllegalStateException("lesson " + lesson.id() + "'s start state failed at `" + line + "`: " + r.err().strip());
            }
        }
        answered.clear();
        for (int i = 1; i < n; i++) {
            for (String line : lesson.steps().get(i - 1).solution()) {
                if (!line.startsWith("answer ")) {
                    engine.run(line);
                    replayed.add(line);
                }
            }
            if (lesson.steps().get(i - 1).quiz() != null) {
                answered.add(i);
            }
        }
        moveTo(n);
        return replayed;
    }

    private void moveTo(int n) {
        step = n;
        traced.clear();
        hintsShown = 0;
        save(progress().at(n, now()));
    }

    private void save(LessonProgress p) {
        store.save(store.load().with(lesson.id(), p).in(lesson.id()));
    }

    private long now() {
        return clock.getAsLong();
    }

    /** Leaves the lesson: progress stays, the student is in no lesson. */
    public void leave() {
        store.save(store.load().in(null));
    }
}
