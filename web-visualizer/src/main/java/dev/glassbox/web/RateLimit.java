package dev.glassbox.web;

import java.util.function.LongSupplier;

/** A token bucket: {@code burst} commands at once, then {@code perSecond} on average. */
final class RateLimit {
    private final double perSecond;
    private final int burst;
    private final LongSupplier nanos;
    private double tokens;
    private long last;

    RateLimit(double perSecond, int burst, LongSupplier nanos) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanos = nanos;
        this.tokens = burst;
        this.last = nanos.getAsLong();
    }

    synchronized boolean tryTake() {
        long now = nanos.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
