package dev.glassbox.lab;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The lab's words at a prompt, the same in the REPL and the browser's terminal: {@code lab} (the
 * curriculum), {@code lab start NAME|N}, {@code lab reset}, {@code lab step N}, {@code lab next},
 * {@code lab prev}, {@code lab show}, {@code lab quit}, and inside a lesson {@code check}, {@code hint},
 * {@code solution}, {@code answer TEXT}. Every other line is the engine's; {@link #after} checks the
 * lesson's goals once it has run.
 */
public final class LabShell {
    public static final Set<String> WORDS = Set.of("lab", "check", "hint", "solution", "answer");
    private static final String USAGE = """
            usage: lab                  the lessons, each with its goal and whether you finished it
                   lab start NAME|N     start (or go back to) a lesson
                   lab show             the step you are on, again
                   lab reset            back to the lesson's start state, at step 1
                   lab step N           jump to step N (the solutions of the steps before it are replayed)
                   lab next, lab prev   the next or the previous step, the same way
                   lab quit             leave the lesson (your progress stays)
                   check                what the step still wants, one line per goal
                   hint                 the next hint: gentle first, explicit last
                   solution             the step's reference commands (shown, not run)
                   answer TEXT          answer the step's question
            """;

    private final Lessons lessons;
    private final ProgressStore store;
    private final Supplier<Engine> freshEngine;
    private final Supplier<String> kernel;
    private final LongSupplier clock;
    private Lab lab;
    private boolean brief;

    /**
     * {@code freshEngine} makes a new engine for the lab and makes it the one the prompt's commands run
     * on; {@code kernel} names the kernel the prompt runs on now ({@code sim} or {@code linux}).
     */
    public LabShell(Lessons lessons, ProgressStore store, Supplier<Engine> freshEngine, Supplier<String> kernel, LongSupplier clock) {
        this.lessons = lessons;
        this.store = store;
        this.freshEngine = freshEngine;
        this.kernel = kernel;
        this.clock = clock;
    }

    /**
     * Brief: a step is announced by its title only, for a front end that shows the step's text beside
     * the terminal and has no other kernel to switch to (the browser's lesson pane); the REPL prints
     * the step whole.
     */
    public LabShell brief() {
        this.brief = true;
        return this;
    }

    /** Whether the line is the lab's (its first word is one of {@link #WORDS}). */
    public static boolean handles(String line) {
        String first = line.strip().split("\\s+", 2)[0];
        return WORDS.contains(first);
    }

    /** The lesson being worked on, or null. */
    public Lab lab() {
        return lab;
    }

    public Lessons lessons() {
        return lessons;
    }

    public StudentProgress progress() {
        return store.load();
    }

    /**
     * Puts back progress kept elsewhere (a browser session's file), over what replaying the session's
     * lines rebuilt: the same steps, with the times the student really reached them.
     */
    public void restoreProgress(StudentProgress p) {
        if (p != null && !p.lessons().isEmpty()) {
            store.save(p);
        }
    }

    /** {@code run-flow 2/4} while in a lesson, null otherwise: what the prompt shows. */
    public String prompt() {
        return lab == null ? null : lab.lesson().id() + " " + lab.step() + "/" + lab.lesson().steps().size();
    }

    /** After an engine command: the ✓ lines of the steps it completed, and the next step's text when it moved on. */
    public String after() {
        if (lab == null) {
            return "";
        }
        int before = lab.step();
        List<String> lines = lab.after();
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        if (lab.step() != before) {
            out.append('\n').append(stepText());
        }
        return out.toString();
    }

    /** Runs one of the lab's lines. */
    public Result execute(String line) {
        String[] w = line.strip().split("\\s+", 3);
        try {
            return switch (w[0]) {
                case "lab" -> lab(w.length > 1 ? w[1] : "", w.length > 2 ? w[2].strip() : "");
                case "answer" -> answer(line.strip().substring("answer".length()).strip());
                default -> inLesson(w[0], w.length > 1);
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            return fail(1, "glassbox: " + e.getMessage());
        }
    }

    private Result lab(String sub, String arg) {
        return switch (sub) {
            case "", "list", "ls" -> ok(curriculum());
            case "start" -> arg.isEmpty() ? fail(2, "usage: lab start NAME|N (`lab` lists them)") : start(arg);
            case "show", "status" -> lab == null ? notIn() : ok(stepText());
            case "reset" -> {
                if (lab == null) {
                    yield notIn();
                }
                lab.reset();
                yield ok("glassbox: back to the start state of " + lab.lesson().id() + "\n\n" + stepText());
            }
            case "step" -> lab == null ? notIn() : go(arg);
            case "next" -> lab == null ? notIn() : go(String.valueOf(lab.step() + 1));
            case "prev", "previous" -> lab == null ? notIn() : go(String.valueOf(lab.step() - 1));
            case "quit", "leave" -> {
                if (lab == null) {
                    yield notIn();
                }
                lab.leave();
                String id = lab.lesson().id();
                lab = null;
                yield ok("glassbox: you left " + id + "; your progress stays (`lab start " + id + "` comes back to it)\n");
            }
            case "help" -> ok(USAGE);
            default -> fail(2, "glassbox: unknown lab command '" + sub + "'\n" + USAGE);
        };
    }

    private Result go(String n) {
        int k;
        try {
            k = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            return fail(2, "usage: lab step N (1 to " + lab.lesson().steps().size() + ")");
        }
        if (k < 1 || k > lab.lesson().steps().size()) {
            return fail(1, "glassbox: " + lab.lesson().id() + " has steps 1 to " + lab.lesson().steps().size());
        }
        List<String> replayed = lab.go(k);
        String note = replayed.isEmpty() ? "" : "glassbox: the solutions of the steps before it were replayed: " + String.join(" ; ", replayed) + "\n\n";
        return ok(note + stepText());
    }

    private Result start(String which) {
        Lesson l = lessons.find(which);
        if (l == null) {
            List<String> ids = lessons.all().stream().map(Lesson::id).toList();
            return fail(1, "glassbox: no lesson is named '" + which + "'; the lessons are " + String.join(", ", ids) + " (or their numbers, 1 to " + ids.size() + ")");
        }
        if (!l.runsOn(kernel.get())) {
            return fail(1, "glassbox: lesson " + l.id() + " runs on the " + String.join(" or the ", l.kernels()) + " kernel; containers run on the "
                    + kernel.get() + " kernel here" + (brief ? ", and only there" : " (`kernel " + l.kernels().get(0) + "` switches)"));
        }
        lab = Lab.start(l, freshEngine, store, clock);
        String resumed = lab.step() > 1 ? "glassbox: back at step " + lab.step() + "; the solutions of the steps before it were replayed to rebuild its state\n" : "";
        return ok("Lesson " + lessons.number(l) + ": " + l.title() + "\n" + (l.summary().isEmpty() ? "" : l.summary() + "\n") + resumed + "\n" + stepText());
    }

    private Result inLesson(String word, boolean extra) {
        if (lab == null) {
            return notIn();
        }
        if (extra) {
            return fail(2, "usage: " + word + " (no arguments)");
        }
        return switch (word) {
            case "check" -> ok(String.join("\n", lab.check()) + "\n");
            case "hint" -> {
                String h = lab.hint();
                yield h == null ? ok("glassbox: this step has no hints; `solution` shows its commands\n") : ok(h + "\n");
            }
            default -> {
                List<String> sol = lab.solution();
                StringBuilder b = new StringBuilder("The reference solution of step " + lab.step()
                        + " (shown, not run; typing it yourself is how it sticks, and another path that meets the goals counts too):\n");
                sol.forEach(s -> b.append("  ").append(s).append('\n'));
                yield ok(b.toString());
            }
        };
    }

    private Result answer(String text) {
        if (lab == null) {
            return notIn();
        }
        if (text.isEmpty()) {
            return fail(2, "usage: answer TEXT");
        }
        String verdict = lab.answer(text);
        if (verdict == null) {
            return fail(1, "glassbox: step " + lab.step() + " asks no question; `check` says what it wants");
        }
        String more = verdict.startsWith("✓") ? after() : "";
        return verdict.startsWith("✓") ? ok(verdict + "\n" + more) : fail(1, verdict);
    }

    /** The step being worked on, as the terminal shows it. */
    public String stepText() {
        if (brief) {
            return "Step " + lab.step() + "/" + lab.lesson().steps().size() + ": " + lab.lesson().steps().get(lab.step() - 1).title()
                    + " (the lesson pane has the rest)\n";
        }
        Lab.StepView v = lab.view();
        StringBuilder b = new StringBuilder();
        b.append("Step ").append(v.number()).append('/').append(v.of()).append(": ").append(v.title()).append('\n');
        if (!v.text().isEmpty()) {
            b.append(v.text()).append('\n');
        }
        if (!v.refused().isEmpty()) {
            b.append("Note: ").append(v.refused()).append('\n');
        }
        if (v.quiz() != null) {
            b.append("Question: ").append(v.quiz().question()).append('\n');
            for (int i = 0; i < v.quiz().choices().size(); i++) {
                b.append("  ").append(i + 1).append(") ").append(v.quiz().choices().get(i)).append('\n');
            }
            b.append("(answer ").append(v.quiz().choices().isEmpty() ? "TEXT" : "N or the choice").append(")\n");
        }
        if (!v.commands().isEmpty()) {
            b.append("Try:\n");
            v.commands().forEach(c -> b.append("  ").append(c).append('\n'));
        }
        if (!v.goals().isEmpty()) {
            b.append("Goals:\n");
            v.goals().forEach(g -> b.append("  ").append(g.met() ? "✓ " : "· ").append(g.describe()).append('\n'));
        }
        return b.toString();
    }

    private String curriculum() {
        StringBuilder b = new StringBuilder();
        StudentProgress p = store.load();
        for (Lesson l : lessons.all()) {
            LessonProgress lp = p.of(l.id());
            String mark = lp == null ? " " : lp.finished() ? "✓" : "…";
            String where = lp == null || lp.finished() ? "" : "  (at step " + lp.step() + "/" + l.steps().size() + ")";
            b.append(String.format("%s %2d  %-18s %s%s%n", mark, lessons.number(l), l.id(), l.title(), where));
            if (!l.summary().isEmpty()) {
                b.append(String.format("%25s%s%n", "", l.summary()));
            }
        }
        if (lessons.all().isEmpty()) {
            b.append("no lessons\n");
        }
        long done = lessons.all().stream().filter(l -> p.finished(l.id())).count();
        b.append(done).append(" of ").append(lessons.all().size()).append(" finished; `lab start N` begins one\n");
        for (String problem : lessons.problems()) {
            b.append("glassbox: ").append(problem).append('\n');
        }
        return b.toString();
    }

    private Result notIn() {
        return fail(1, "glassbox: you are in no lesson; `lab` lists them, `lab start N` begins one");
    }

    private static Result ok(String text) {
        return new Result(text, "", 0);
    }

    private static Result fail(int status, String message) {
        return new Result("", message.endsWith("\n") ? message : message + "\n", status);
    }

    /** The lines the lab's words complete to, for tab completion. */
    public List<String> completions() {
        List<String> out = new ArrayList<>(List.of("lab", "lab start", "lab reset", "lab show", "lab step", "lab next", "lab prev", "lab quit"));
        if (lab != null) {
            out.addAll(List.of("check", "hint", "solution", "answer"));
        }
        return out;
    }
}
