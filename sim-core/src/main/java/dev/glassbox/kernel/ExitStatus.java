package dev.glassbox.kernel;

/**
 * How a process ended: a code from exit(), or the signal that killed it. {@link #code()} is what
 * {@code docker wait} and a shell report: 128+N for signal N.
 */
public record ExitStatus(int exitCode, int signal, boolean oomKilled) {
    public static ExitStatus exited(int code) {
        return new ExitStatus(code, 0, false);
    }

    public static ExitStatus killed(int signal, boolean oom) {
        return new ExitStatus(0, signal, oom);
    }

    public int code() {
        return signal == 0 ? exitCode : 128 + signal;
    }
}
