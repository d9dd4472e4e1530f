package dev.glassbox.web;

import java.util.List;

/**
 * What is kept of a session on disk: not the engine's state but the command lines that built it.
 * The sim kernel is deterministic, so replaying them on a fresh engine with the same seed gives the
 * identical state and the same last trace.
 */
record SavedSession(String id, String watchId, long seed, boolean classroom, long lastUsedMillis, List<String> lines) {
    SavedSession {
        lines = List.copyOf(lines);
    }

    long storedBytes() {
        long n = 0;
        for (String l : lines) {
            n += l.length() + 1;
        }
        return n;
    }
}
