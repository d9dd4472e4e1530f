package dev.glassbox.web;

import java.time.Duration;

/**
 * What one browser session may use, so one student cannot slow the server for the others: how many
 * containers and processes its engine holds, how fast it sends commands, what share of one processor its
 * long or busy commands (over 250 ms, or 50,000 units of process work) take on average (bursts of {@link #CPU_BURST_MILLIS}: {@link WorkBudget}), how many bytes of command history it
 * stores, and how long it may sit idle before it is forgotten.
 */
public record Limits(int containers, int processes, double commandsPerSecond, int commandBurst,
        long storedBytes, int lineChars, Duration idle, double cpuShare) {
    /** The processor time a session's commands may take at once before its share applies. */
    public static final double CPU_BURST_MILLIS = 3000;

    public Limits {
        if (containers < 1 || processes < 1 || commandsPerSecond <= 0 || commandBurst < 1 || storedBytes < 1
                || lineChars < 1 || idle.isNegative() || idle.isZero() || cpuShare <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + containers + ", " + processes + ", "
                    + commandsPerSecond + ", " + commandBurst + ", " + storedBytes + ", " + lineChars + ", " + idle + ", " + cpuShare);
        }
    }

    public static Limits defaults() {
        return new Limits(20, 200, 5, 10, 256 * 1024, 4096, Duration.ofHours(2), 0.1);
    }

    public Limits withIdle(Duration d) {
        return new Limits(containers, processes, commandsPerSecond, commandBurst, storedBytes, lineChars, d, cpuShare);
    }

    public Limits withContainers(int n) {
        return new Limits(n, processes, commandsPerSecond, commandBurst, storedBytes, lineChars, idle, cpuShare);
    }

    public Limits withRate(double perSecond, int burst) {
        return new Limits(containers, processes, perSecond, burst, storedBytes, lineChars, idle, cpuShare);
    }

    public Limits withStoredBytes(long bytes) {
        return new Limits(containers, processes, commandsPerSecond, commandBurst, bytes, lineChars, idle, cpuShare);
    }

    /** What share of one processor a session's commands take on average (0.1: a tenth). */
    public Limits withCpuShare(double share) {
        return new Limits(containers, processes, commandsPerSecond, commandBurst, storedBytes, lineChars, idle, share);
    }
}
