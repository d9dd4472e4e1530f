package dev.glassbox.web;

/** A request the server will not carry out, with the HTTP status and the sentence the user reads. */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    Refusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static Refusal notFound(String id) {
        return new Refusal(404, "No such session: " + id + " (it may have expired; reload the page for a new one)");
    }

    static Refusal readOnly() {
        return new Refusal(403, "This is a classroom view: it watches the teacher's session and cannot run commands.");
    }

    static Refusal limit(String message) {
        return new Refusal(429, message);
    }
}
