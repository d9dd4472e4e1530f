package dev.glassbox.api;

/**
 * The engine's one error family. The message is Docker's own wording ("No such container: web"); the
 * kind maps to the HTTP status the Engine API answers with.
 */
public final class DockerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorKind kind;
    private final String hint;

    public DockerException(ErrorKind kind, String message) {
        this(kind, message, "");
    }

    private DockerException(ErrorKind kind, String message, String hint) {
        super(message, null, false, false);
        this.kind = kind;
        this.hint = hint;
    }

    /**
     * The same error with one line of glassbox's own that the CLI prints after Docker's words (what
     * the simulated Hub serves, say); the Engine API answers with the message alone.
     */
    public DockerException withHint(String line) {
        return new DockerException(kind, getMessage(), line);
    }

    /** glassbox's line after Docker's error; empty when it has none. */
    public String hint() {
        return hint;
    }

    public ErrorKind kind() {
        return kind;
    }

    public static DockerException notFound(String message) {
        return new DockerException(ErrorKind.NOT_FOUND, message);
    }

    public static DockerException conflict(String message) {
        return new DockerException(ErrorKind.CONFLICT, message);
    }

    public static DockerException invalid(String message) {
        return new DockerException(ErrorKind.INVALID, message);
    }

    public static DockerException unsupported(String message) {
        return new DockerException(ErrorKind.UNSUPPORTED, message);
    }

    public static DockerException limit(String message) {
        return new DockerException(ErrorKind.LIMIT, message);
    }

    public static DockerException server(String message) {
        return new DockerException(ErrorKind.SERVER, message);
    }

    public static DockerException forbidden(String message) {
        return new DockerException(ErrorKind.FORBIDDEN, message);
    }

    public static DockerException unavailable(String message) {
        return new DockerException(ErrorKind.UNAVAILABLE, message);
    }

    public static DockerException noSuchContainer(String ref) {
        return notFound("No such container: " + ref);
    }

    public static DockerException noSuchImage(String ref) {
        return notFound("No such image: " + ref);
    }
}
