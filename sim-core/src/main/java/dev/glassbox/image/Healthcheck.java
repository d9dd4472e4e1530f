package dev.glassbox.image;

import java.util.List;

/**
 * How a container's health is checked, as the image config ({@code HEALTHCHECK}) and the create request
 * ({@code --health-cmd} and friends) hold it. {@code test} is Docker's form: {@code ["CMD-SHELL", "curl -f …"]},
 * {@code ["CMD", "exe", "arg"]}, {@code ["NONE"]} (checks off) or empty (inherit the image's). Durations
 * are nanoseconds, 0 meaning Docker's default (30 s interval and timeout, 0 s start period, 3 retries).
 */
public record Healthcheck(List<String> test, long intervalNanos, long timeoutNanos, long startPeriodNanos, int retries) {
    public static final long DEFAULT_INTERVAL_NANOS = 30_000_000_000L;
    public static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;
    public static final int DEFAULT_RETRIES = 3;

    public Healthcheck {
        test = test == null ? List.of() : List.copyOf(test);
        if (intervalNanos < 0 || timeoutNanos < 0 || startPeriodNanos < 0 || retries < 0) {
            throw new IllegalArgumentException("health check durations and retries cannot be negative");
        }
    }

    /** Whether this turns the checks off ({@code --no-healthcheck}, {@code HEALTHCHECK NONE}). */
    public boolean disabled() {
        return !test.isEmpty() && test.get(0).equals("NONE");
    }
}
