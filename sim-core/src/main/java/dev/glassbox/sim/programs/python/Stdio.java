package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.Sys;

/**
 * The interpreter's standard streams. Output goes straight to the process's fds 1 and 2 (as with
 * {@code PYTHONUNBUFFERED=1}); input is read a line at a time from a terminal or an open pipe, or split from
 * fixed text.
 */
final class Stdio {
    private final Sys sys;
    private String fixed;
    private int pos;

    Stdio(Sys sys) {
        this.sys = sys;
    }

    void out(String s) {
        if (!s.isEmpty()) {
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
