package dev.glassbox.compose;

/** A failure in Compose's own words ({@code no such service: foo}), printed as one line with its exit status. */
final class ComposeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitStatus;

    ComposeException(String message) {
        this(message, 1);
    }

    ComposeException(String message, int exitStatus) {
        super(message, null, false, false);
        this.exitStatus = exitStatus;
    }

    int exitStatus() {
        return exitStatus;
    }

    /** A compose-go consistency error: its sentence and {@code invalid compose project}. */
    static ComposeException invalid(String sentence) {
        return new ComposeException(sentence + ": invalid compose project");
    }

    /** A form of the file glassbox reads but does not carry out yet. */
    static ComposeException unsupported(String what) {
        return new ComposeException("glassbox: " + what + " is not supported yet");
    }
}
