package dev.glassbox.swarm;

/** A command that did part of its work: what it printed, then its errors on stderr, exit 1. */
final class PartialException extends RuntimeException {
    final String out;

    PartialException(String out, String errors) {
        super(errors, null, false, false);
        this.out = out;
    }
}
