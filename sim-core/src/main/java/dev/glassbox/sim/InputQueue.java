package dev.glassbox.sim;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The reading side of a process's standard input when a writer feeds it: the bytes of a pipe, or the
 * lines a terminal's line discipline has completed. Readers block on the scheduler until bytes arrive,
 * end of file is reached, or a signal handler runs (EINTR).
 */
final class InputQueue implements InputSource {
    private final Scheduler scheduler;
    /** A terminal in canonical mode: each chunk is one line, and a read returns at most one. */
    private final boolean lines;
    /** Bytes not read yet, in the chunks they came in; an empty chunk is an end of file typed once (Ctrl-D). */
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final Set<SimProcess> waiting = new LinkedHashSet<>();
    /** The writer's end is closed: once the chunks are read, every read sees end of file. */
    private boolean closed;

    InputQueue(Scheduler scheduler, boolean lines) {
        this.scheduler = scheduler;
        this.lines = lines;
    }

    void push(byte[] data) {
        if (closed) {
            return;
        }
        chunks.add(data.clone());
        wake();
    }

    void close() {
        closed = true;
        wake();
    }

    /** What a terminal discards when a signal character is typed. */
    void flush() {
        chunks.clear();
    }

    boolean closed() {
        return closed;
    }

    private void wake() {
        for (SimProcess p : waiting) {
            scheduler.makeRunnable(p);
        }
    }

    @Override
    public byte[] read(SimProcess p, int max, boolean toNewline) {
        long seen = p.signalsHandled;
        waiting.add(p);
        try {
            p.block(() -> ready(toNewline) || p.signalsHandled != seen);
        } finally {
            waiting.remove(p);
        }
        if (!ready(toNewline)) {
            throw new SysError(Errno.EINTR, "Interrupted system call");
        }
        if (chunks.isEmpty()) {
            return new byte[0];
        }
        if (chunks.peek().length == 0) {
            chunks.poll();
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < max && !chunks.isEmpty() && chunks.peek().length > 0) {
            byte[] head = chunks.poll();
            int n = Math.min(head.length, max - out.size());
            if (toNewline) {
                int nl = indexOf(head, (byte) '\n');
                n = nl >= 0 && nl < n ? nl + 1 : n;
            }
            out.write(head, 0, n);
            if (n < head.length) {
                chunks.addFirst(java.util.Arrays.copyOfRange(head, n, head.length));
            }
            if (lines || (toNewline && head[n - 1] == '\n')) {
                break;
            }
        }
        return out.toByteArray();
    }

    private boolean ready(boolean toNewline) {
        if (closed || lines || !toNewline) {
            return closed || !chunks.isEmpty();
        }
        for (byte[] c : chunks) {
            if (c.length == 0 || indexOf(c, (byte) '\n') >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
