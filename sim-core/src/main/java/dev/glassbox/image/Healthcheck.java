package dev.glassbox.image;

import java.util.List;

/**
 * How a container's health is checked, as the image config ({@code HEALTHCHECK}) and the create request
 * ({@code --health-cmd} and friends) hold it. {@code test} is Docker's form: {@code ["CMD-SHELL", "curl -f …"]},
 * {@code ["CMD", "exe", "arg"]}, {@code ["NONE"]} (checks off) or empty (inherit the image's). Durations
 * are nanoseconds, 0 meaning Docker's default (30 s interval and timeout, 0 s start period, 3 retries, 5 s
 * start interval: how often it is checked while starting within the start period, API 1.44's StartInterval).
 */
public record Healthcheck(List<String> test, long intervalNanos, long timeoutNanos, long startPeriodNanos, int retries, long startIntervalNanos) {
    public static final long DEFAULT_INTERVAL_NANOS = 30_000_000_000L;
    public static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;
    public static final int DEFAULT_RETRIES = 3;

    /** Docker's default start interval (5 s): the time between checks while starting within the start period. */
    public static final long DEFAULT_START_INTERVAL_NANOS = 5_000_000_000L;

    public Healthcheck(List<String> test, long intervalNanos, long timeoutNanos, long startPeriodNanos, int retries) {
        this(test, intervalNanos, timeoutNanos, startPeriodNanos, retries, 0);
    }

    public Healthcheck {
        test = test == null ? List.of() : List.copyOf(test);
        if (intervalNanos < 0 || timeoutNanos < 0 || startPeriodNanos < 0 || retries < 0 || startIntervalNanos < 0) {
            throw new IllegalArgumentException("health check durations and retries cannot be negative");
        }
    }

    /** Whether this turns the checks off ({@code --no-healthcheck}, {@code HEALTHCHECK NONE}). */
    public boolean disabled() {
        return !test.isEmpty() && test.get(0).equals("NONE");
    }
}
