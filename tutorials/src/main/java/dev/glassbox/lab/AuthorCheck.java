package dev.glassbox.lab;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a lesson's author runs before handing it out (and what the build runs on every lesson): the
 * reference solution, replayed from the start state, must meet every goal of every step, in order; each
 * near miss must leave its named goal unmet, saying what its author expects. Answers one line per failure.
 */
public final class AuthorCheck {
    private AuthorCheck() {}

    /** Replays the lesson on engines from {@code engines}; an empty list means the lesson holds. */
    public static List<String> verify(Lesson lesson, Supplier<Engine> engines) {
        List<String> failures = new ArrayList<>();
        solution(lesson, engines, failures);
        for (NearMiss m : lesson.nearMisses()) {
            nearMiss(lesson, m, engines, failures);
        }
        return failures;
    }

    private static void solution(Lesson lesson, Supplier<Engine> engines, List<String> failures) {
        Lab lab;
        try {
            lab = Lab.start(lesson, engines, ProgressStore.memory(null), () -> 0L);
        } catch (RuntimeException e) {
            failures.add(lesson.id() + ": " + e.getMessage());
            return;
        }
        for (int n = 1; n <= lesson.steps().size(); n++) {
            if (lab.step() != n) {
                failures.add(lesson.id() + ": after the solution of step " + (n - 1) + " the lab is at step " + lab.step() + ", not " + n);
                return;
            }
            Step s = lesson.steps().get(n - 1);
            for (String line : lab.solution()) {
                if (line.startsWith("answer ")) {
                    lab.answer(line.substring("answer ".length()));
                    lab.after();
                    continue;
                }
                Result r = lab.engine().run(line);
                if (!r.ok() && s.refused().isEmpty()) { // a step that says what this engine refuses may see its command refused
                    failures.add(lesson.id() + " step " + n + ": `" + line + "` exits with status " + r.exitStatus() + ": " + r.err().strip());
                }
                lab.after();
            }
            if (lab.step() == n && !lab.progress().done().contains(n)) {
                failures.add(lesson.id() + " step " + n + " (" + s.title() + "): its solution leaves " + String.join("; ", lab.check()));
                return;
            }
        }
        if (!lab.finished()) {
            failures.add(lesson.id() + ": the solution of every step did not finish the lesson");
        }
    }

    private static void nearMiss(Lesson lesson, NearMiss m, Supplier<Engine> engines, List<String> failures) {
        Lab lab = Lab.start(lesson, engines, ProgressStore.memory(null), () -> 0L);
        lab.go(m.step());
        for (String line : m.commands()) {
            lab.engine().run(line);
            lab.after(); // as after a student's command: the step's trace goals see this command's trace
        }
        if (lab.step() != m.step()) {
            failures.add(lesson.id() + " near miss '" + m.name() + "': its commands complete step " + m.step());
            return;
        }
        Lab.StepView v = lab.view();
        for (Lab.GoalView g : v.goals()) {
            if (g.id().equals(m.unmet())) {
                if (g.met()) {
                    failures.add(lesson.id() + " near miss '" + m.name() + "': goal " + g.id() + " is met");
                } else if (!g.missing().contains(m.says())) {
                    failures.add(lesson.id() + " near miss '" + m.name() + "': goal " + g.id() + " says \"" + g.missing() + "\", not \"" + m.says() + "\"");
                }
            }
        }
    }
}
