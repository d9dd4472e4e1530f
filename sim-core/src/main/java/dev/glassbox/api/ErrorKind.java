package dev.glassbox.api;

/** What went wrong, in the terms of the Engine API's HTTP status codes. */
public enum ErrorKind {
    INVALID(400),
    NOT_FOUND(404),
    CONFLICT(409),
    NOT_MODIFIED(304),
    UNSUPPORTED(501),
    LIMIT(429),
    SERVER(500);

    private final int status;

    ErrorKind(int status) {
        this.status = status;
    }

    public int httpStatus() {
        return status;
    }
}
