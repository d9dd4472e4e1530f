package dev.glassbox.linux;

import java.util.List;

/** A host command that could not start, timed out, or exited non-zero: the message names it and its stderr. */
public final class CmdException extends RuntimeException {
    private final List<String> argv;
    private final int exit;
    private final String stderr;

    public CmdException(List<String> argv, int exit, String stderr, Throwable cause) {
        super("glassbox: `" + Cmd.line(argv) + "` failed" + (exit >= 0 ? " (exit " + exit + ")" : "") + ": "
                + (stderr == null || stderr.isBlank() ? "(no output on stderr)" : stderr.strip()), cause);
        this.argv = List.copyOf(argv);
        this.exit = exit;
        this.stderr = stderr == null ? "" : stderr;
    }

    public List<String> argv() {
        return argv;
    }

    /** The exit status, or -1 when the command did not start or was killed after the timeout. */
    public int exit() {
        return exit;
    }

    public String stderr() {
        return stderr;
    }
}
