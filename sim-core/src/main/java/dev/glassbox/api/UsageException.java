package dev.glassbox.api;

/**
 * A command line the client refuses before it talks to the daemon (unknown flag, missing argument).
 * Carries the exit status the docker CLI uses for it: 125 for flag errors, 1 for argument counts.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitStatus;

    public UsageException(String message, int exitStatus) {
        super(message, null, false, false);
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
