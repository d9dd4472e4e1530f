package dev.glassbox.web;

import dev.glassbox.lab.StudentProgress;
import java.util.List;

/**
 * What is kept of a session on disk: not the engine's state but the command lines that built it.
 * The sim kernel is deterministic, so replaying them on a fresh engine with the same seed gives the
 * identical state and the same last trace. {@code progress} is the student's progress in the labs, with
 * the times they reached each step (a replay would give them the replay's time); {@code name} the name
 * a student gave themselves for the teacher's view; {@code files} the files the page wrote, each with how
 * many lines had run before it, so the replay writes them in the same order with the lines.
 */
record SavedSession(String id, String watchId, long seed, boolean classroom, long lastUsedMillis, List<String> lines,
                    StudentProgress progress, String name, List<FileWrite> files) {
    SavedSession {
        lines = List.copyOf(lines);
        progress = progress == null ? StudentProgress.empty() : progress;
        name = name == null ? "" : name;
        files = files == null ? List.of() : List.copyOf(files);
    }

    long storedBytes() {
        long n = 0;
        for (String l : lines) {
            n += l.length() + 1;
        }
        return n;
    }
}
