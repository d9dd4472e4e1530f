package dev.glassbox.swarm;

/** The daemon's refusal of a swarm request: the CLI prints "Error response from daemon: " and the message, exit 1. */
final class SwarmException extends RuntimeException {
    private final boolean fromDaemon;

    SwarmException(String message) {
        this(message, true);
    }

    SwarmException(String message, boolean fromDaemon) {
        super(message, null, false, false);
        this.fromDaemon = fromDaemon;
    }

    /** The line the CLI prints. */
    String line() {
        return fromDaemon ? "Error response from daemon: " + getMessage() : getMessage();
    }
}
