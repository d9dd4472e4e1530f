package dev.glassbox.lab;

import java.util.Map;
import java.util.TreeMap;

/** A student's progress over the curriculum: each lesson they started, and the one they are in (or null). */
public record StudentProgress(String current, Map<String, LessonProgress> lessons) {
    public StudentProgress {
        lessons = lessons == null ? Map.of() : Map.copyOf(new TreeMap<>(lessons));
    }

    public static StudentProgress empty() {
        return new StudentProgress(null, Map.of());
    }

    public LessonProgress of(String lesson) {
        return lessons.get(lesson);
    }

    public boolean finished(String lesson) {
        LessonProgress p = lessons.get(lesson);
        return p != null && p.finished();
    }

    StudentProgress with(String lesson, LessonProgress p) {
        Map<String, LessonProgress> m = new TreeMap<>(lessons);
        m.put(lesson, p);
        return new StudentProgress(current, m);
    }

    StudentProgress in(String lesson) {
        return new StudentProgress(lesson, lessons);
    }
}
