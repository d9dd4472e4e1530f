package dev.glassbox.daemon;

import java.util.ArrayList;
import java.util.List;

/**
 * A container's State.Health: its status, how many checks in a row failed, the last five results, and
 * (not shown) when the next check is due, 0 while none is.
 */
final class Health {
    static final int LOG_ENTRIES = 5;

    enum Status {
        STARTING, HEALTHY, UNHEALTHY;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One check's result as inspect lists it; times in epoch milliseconds. */
    record Probe(long start, long end, int exitCode, String output) {}

    Status status = Status.STARTING;
    int failingStreak;
    final List<Probe> log = new ArrayList<>();
    long nextProbeAt;

    void record(Probe p) {
        log.add(p);
        while (log.size() > LOG_ENTRIES) {
            log.remove(0);
        }
    }

    /** State.Health as the container's record on disk keeps it (Docker's config.v2.json): status, failing streak, log. */
    record Saved(Status status, int failingStreak, List<Probe> log) {}

    Saved saved() {
        return new Saved(status, failingStreak, List.copyOf(log));
    }

    /** The health a restored container had; no check is due until it runs again. */
    static Health restored(Saved s) {
        Health h = new Health();
        h.status = s.status() == null ? Status.STARTING : s.status();
        h.failingStreak = s.failingStreak();
        if (s.log() != null) {
            s.log().forEach(h::record);
        }
        return h;
    }

    /** What docker ps adds to "Up 2 minutes": {@code health: starting}, {@code healthy}, {@code unhealthy}. */
    String label() {
        return status == Status.STARTING ? "health: starting" : status.word();
    }
}
