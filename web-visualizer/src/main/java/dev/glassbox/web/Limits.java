package dev.glassbox.web;

import java.time.Duration;

/**
 * What one browser session may use, so one student cannot slow the server for the others: how many
 * containers and processes its engine holds, how fast it sends commands, how many bytes of command
 * history it stores, and how long it may sit idle before it is forgotten.
 */
public record Limits(int containers, int processes, double commandsPerSecond, int commandBurst,
        long storedBytes, int lineChars, Duration idle) {

    public Limits {
        if (containers < 1 || processes < 1 || commandsPerSecond <= 0 || commandBurst < 1 || storedBytes < 1
                || lineChars < 1 || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("limits must be positive: " + containers + ", " + processes + ", "
                    + commandsPerSecond + ", " + commandBurst + ", " + storedBytes + ", " + lineChars + ", " + idle);
        }
    }

    public static Limits defaults() {
        return new Limits(20, 200, 5, 10, 256 * 1024, 4096, Duration.ofHours(2));
    }

    public Limits withIdle(Duration d) {
        return new Limits(containers, processes, commandsPerSecond, commandBurst, storedBytes, lineChars, d);
    }

    public Limits withContainers(int n) {
        return new Limits(n, processes, commandsPerSecond, commandBurst, storedBytes, lineChars, idle);
    }

    public Limits withRate(double perSecond, int burst) {
        return new Limits(containers, processes, perSecond, burst, storedBytes, lineChars, idle);
    }

    public Limits withStoredBytes(long bytes) {
        return new Limits(containers, processes, commandsPerSecond, commandBurst, bytes, lineChars, idle);
    }
}
