package dev.glassbox.web;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}. A request takes one token if there is
 * one; a charge takes what a piece of work cost even past zero, a debt the refill pays back first.
 */
final class RateLimit {
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanos;
    private double tokens;
    private long last;

    RateLimit(double perSecond, double burst, LongSupplier nanos) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanos = nanos;
        this.tokens = burst;
        this.last = nanos.getAsLong();
    }

    synchronized boolean tryTake() {
        refill();
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Takes {@code amount}, even if that leaves a debt. */
    synchronized void charge(double amount) {
        refill();
        tokens -= amount;
    }

    /** The tokens there are now; below zero, the debt. */
    synchronized double available() {
        refill();
        return tokens;
    }

    private void refill() {
        long now = nanos.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
    }
}
