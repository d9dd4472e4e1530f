package dev.glassbox.lab;

import java.util.List;
import java.util.TreeSet;

/**
 * How far a student got in one lesson: the step they are on (1-based), the steps met so far, whether
 * the lesson was finished (it stays finished, even after a reset), how many hints they took, and when
 * they last moved (epoch milliseconds) and when the step they are on began.
 */
public record LessonProgress(int step, List<Integer> done, boolean finished, int hints, long updatedMillis, long stepSinceMillis) {
    public LessonProgress {
        step = Math.max(1, step);
        done = done == null ? List.of() : List.copyOf(new TreeSet<>(done));
        hints = Math.max(0, hints);
    }

    static LessonProgress fresh(long now) {
        return new LessonProgress(1, List.of(), false, 0, now, now);
    }

    LessonProgress at(int newStep, long now) {
        return new LessonProgress(newStep, done, finished, hints, now, newStep == step ? stepSinceMillis : now);
    }

    LessonProgress withDone(int s, long now) {
        List<Integer> d = new java.util.ArrayList<>(done);
        d.add(s);
        return new LessonProgress(step, d, finished, hints, now, stepSinceMillis);
    }

    LessonProgress finishedAt(long now) {
        return new LessonProgress(step, done, true, hints, now, stepSinceMillis);
    }

    LessonProgress hinted(long now) {
        return new LessonProgress(step, done, finished, hints + 1, now, stepSinceMillis);
    }
}
