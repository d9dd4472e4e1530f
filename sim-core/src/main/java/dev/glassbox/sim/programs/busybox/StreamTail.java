package dev.glassbox.sim.programs.busybox;

import dev.glassbox.sim.programs.Tool;

/**
 * {@code tail -n N} of a stream a writer still feeds (a pipe): it keeps only its last N lines as the input comes, so a
 * long input goes through and the writer never waits for ever. The memory it holds is charged as it grows, so one
 * endless line ends at the memory limit (the OOM killer), as busybox's growing buffer does.
 */
final class StreamTail {
    /** The most of one line kept here: past it the rest is counted, and needing it at the end is the data limit. */
    private static final int KEPT = 16 << 20;

    private final Tool t;
    private final long lines;
    private final StringBuilder window = new StringBuilder();
    /** Newlines in the window. */
    private long newlines;
    /** Bytes cut from the front of the window's first line to keep it under {@link #KEPT}. */
    private long cut;
    private long charged;

    private StreamTail(Tool t, long lines) {
        this.t = t;
        this.lines = lines;
    }

    static void run(Tool t, long lines) {
        new StreamTail(t, lines).copy();
    }

    private void copy() {
        String piece;
        while ((piece = t.io.in().read()) != null) {
            add(piece);
        }
        if (cut > 0) {
            t.sys.data(cut + window.length()); // one line longer than a process may hold here: the data limit ends tail
        }
        t.out(window.toString()); // as it came: a last line without a newline stays so
    }

    private void add(String piece) {
        t.sys.cpu();
        window.append(piece);
        for (int i = 0; i < piece.length(); i++) {
            if (piece.charAt(i) == '\n') {
                newlines++;
            }
        }
        boolean partial = window.charAt(window.length() - 1) != '\n';
        long extra = newlines + (partial ? 1 : 0) - lines;
        if (extra > newlines) {
            window.setLength(0); // tail -n 0
            newlines = 0;
            cut = 0;
        } else if (extra > 0) {
            int at = 0;
            for (long i = 0; i < extra; i++) {
                at = window.indexOf("\n", at) + 1;
            }
            window.delete(0, at);
            newlines -= extra;
            cut = 0;
        }
        if (window.length() > KEPT) {
            int over = window.length() - KEPT;
            window.delete(0, over);
            cut += over;
        }
        long holds = window.length() + cut;
        if (holds > charged) {
            t.sys.allocate(holds - charged);
            charged = holds;
        }
    }
}
