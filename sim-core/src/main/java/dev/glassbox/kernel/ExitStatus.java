package dev.glassbox.kernel;

/**
 * How a process ended: a code from exit(), or the signal that killed it. {@link #code()} is what
 * {@code docker wait} and a shell report: 128+N for signal N. {@code atMillis} is when the kernel saw it end,
 * where that is earlier than its report reaches the daemon (0: at the report).
 */
public record ExitStatus(int exitCode, int signal, boolean oomKilled, long atMillis) {
    public ExitStatus(int exitCode, int signal, boolean oomKilled) {
        this(exitCode, signal, oomKilled, 0);
    }

    public static ExitStatus exited(int code) {
        return new ExitStatus(code, 0, false);
    }

    public static ExitStatus killed(int signal, boolean oom) {
        return new ExitStatus(0, signal, oom);
    }

    /** The same status, seen at {@code millis}. */
    public ExitStatus at(long millis) {
        return new ExitStatus(exitCode, signal, oomKilled, millis);
    }

    public int code() {
        return signal == 0 ? exitCode : 128 + signal;
    }
}
