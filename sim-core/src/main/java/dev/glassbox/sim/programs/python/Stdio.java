package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.Sys;

/**
 * The interpreter's standard streams, buffered as CPython's are: stdout on a terminal goes out at once, but to
 * a pipe or file (what {@code docker run -d} gives) it collects in an 8 KiB buffer written when full, on
 * flush() or input(), and at exit; a process killed by a signal loses what is still in it. {@code -u} or
 * {@code PYTHONUNBUFFERED} turn the buffer off. stderr is never held back. Input is read a line at a time from
 * a terminal or an open pipe, or split from fixed text.
 */
final class Stdio {
    static final int BUFFER_BYTES = 8192;
    private final Sys sys;
    private boolean buffered;
    private final StringBuilder pending = new StringBuilder();
    private String fixed;
    private int pos;

    Stdio(Sys sys) {
        this.sys = sys;
        String env = sys.getenv("PYTHONUNBUFFERED");
        this.buffered = !sys.isatty(1) && (env == null || env.isEmpty());
    }

    /** {@code python3 -u}. */
    void unbuffered() {
        flush();
        buffered = false;
    }

    void out(String s) {
        if (s.isEmpty()) {
            return;
        }
        if (!buffered) {
            sys.out(s);
            return;
        }
        pending.append(s);
        if (pending.length() >= BUFFER_BYTES) {
            flush();
        }
    }

    void flush() {
        if (pending.length() > 0) {
            String s = pending.toString();
            pending.setLength(0);
            sys.out(s);
        }
    }

    void err(String s) {
        if (!s.isEmpty()) {
            sys.err(s);
        }
    }

    /** The next line without its newline; null at end of input. */
    String readLine() {
        String raw = readRawLine();
        if (raw == null) {
            return null;
        }
        return raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw;
    }

    /** The next line with its newline; null at end of input. */
    String readRawLine() {
        if (sys.stdinIsStream()) {
            String s = sys.readInputLine();
            return s.isEmpty() ? null : s;
        }
        if (fixed == null) {
            fixed = sys.stdin();
        }
        if (pos >= fixed.length()) {
            return null;
        }
        int nl = fixed.indexOf('\n', pos);
        int end = nl < 0 ? fixed.length() : nl + 1;
        String line = fixed.substring(pos, end);
        pos = end;
        return line;
    }

    /** The rest of the input. */
    String readAll() {
        StringBuilder sb = new StringBuilder();
        String line;
        while ((line = readRawLine()) != null) {
            sb.append(line);
        }
        return sb.toString();
    }
}
