package dev.glassbox.api;

/** What went wrong, in the terms of the Engine API's HTTP status codes. */
public enum ErrorKind {
    INVALID(400),
    /** What the daemon will not do at all (a second host network). */
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    NOT_MODIFIED(304),
    UNSUPPORTED(501),
    LIMIT(429),
    SERVER(500),
    /** What needs a state the daemon is not in (a swarm). */
    UNAVAILABLE(503);

    private final int status;

    ErrorKind(int status) {
        this.status = status;
    }

    public int httpStatus() {
        return status;
    }
}
