package dev.glassbox.sim;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.ProcessEvents;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A kernel pipe (pipe(2)), as between the stages of a shell's pipeline: a buffer of {@link #CAPACITY} bytes. A writer
 * waits while it is full and a reader while it is empty and a write end is still open; once every write end is closed
 * a read sees end of file, and once every read end is closed a write raises SIGPIPE in the writer (EPIPE when it
 * ignores or catches the signal). Processes hold its ends through their standard streams and close them when they end.
 */
final class SimPipe implements InputSource {
    /** What a pipe holds before its writer has to wait: 16 pages, as Linux. */
    static final int CAPACITY = 64 << 10;
    /**
     * Bytes through a pipe that count as one unit of the command's work ({@link SimProcess#tick}): an endless writer
     * into a reader that drains it (seq 1 999999999 | tail -1) is a runaway after 512 MB, a few seconds, as a loop is.
     */
    static final int BYTES_PER_STEP = 256;

    private final SimKernel k;
    /** What /proc shows for its descriptors: {@code pipe:[INODE]}, an inode of the kernel's pipefs. */
    final String name;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    /** Bytes of the first chunk read already. */
    private int offset;
    private int size;
    private int readers;
    private int writers;
    private final Set<SimProcess> waiting = new LinkedHashSet<>();

    SimPipe(SimKernel k, long inode) {
        this.k = k;
        this.name = "pipe:[" + inode + "]";
    }

    void openRead() {
        readers++;
    }

    void openWrite() {
        writers++;
    }

    void closeRead() {
        readers--;
        if (readers == 0) {
            chunks.clear(); // nobody can read them any more
            size = 0;
            offset = 0;
        }
        wake();
    }

    void closeWrite() {
        writers--;
        wake();
    }

    private void wake() {
        for (SimProcess p : waiting) {
            k.scheduler.makeRunnable(p);
        }
    }

    /** Blocks {@code p} until {@code ready} holds; a signal handler that ran meanwhile without it holding is EINTR. */
    private void await(SimProcess p, java.util.function.BooleanSupplier ready) {
        if (ready.getAsBoolean()) {
            return;
        }
        long seen = p.signalsHandled;
        waiting.add(p);
        try {
            p.block(() -> ready.getAsBoolean() || p.signalsHandled != seen);
        } finally {
            waiting.remove(p);
        }
        if (!ready.getAsBoolean()) {
            throw new SysError(Errno.EINTR, "Interrupted system call");
        }
    }

    @Override
    public byte[] read(SimProcess p, int max, boolean toNewline) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            await(p, () -> size > 0 || writers == 0);
            if (size == 0) {
                break; // end of file
            }
            if (take(out, max - out.size(), toNewline)) {
                break;
            }
        } while (toNewline && out.size() < max);
        return out.toByteArray();
    }

    /** Moves up to {@code max} bytes into {@code out}; true when it stopped after a newline it was asked to stop at. */
    private boolean take(ByteArrayOutputStream out, int max, boolean toNewline) {
        int taken = 0;
        boolean newline = false;
        while (taken < max && !chunks.isEmpty() && !newline) {
            byte[] head = chunks.peek();
            int end = (int) Math.min(head.length, (long) offset + max - taken);
            if (toNewline) {
                for (int i = offset; i < end; i++) {
                    if (head[i] == '\n') {
                        end = i + 1;
                        newline = true;
                        break;
                    }
                }
            }
            out.write(head, offset, end - offset);
            taken += end - offset;
            offset = end;
            if (offset == head.length) {
                chunks.poll();
                offset = 0;
            }
        }
        size -= taken;
        wake(); // room for a waiting writer
        return newline;
    }

    /** write(2) by {@code p} (null: the kernel itself, which never waits): blocks while the pipe is full. */
    void write(SimProcess p, byte[] data) {
        int done = 0;
        while (done < data.length) {
            if (readers == 0) {
                if (p == null) {
                    return;
                }
                broken(p);
            }
            if (p != null) {
                await(p, () -> readers == 0 || size < CAPACITY);
                if (readers == 0) {
                    continue;
                }
            }
            int n = p == null ? data.length - done : Math.min(data.length - done, CAPACITY - size);
            chunks.add(Arrays.copyOfRange(data, done, done + n));
            size += n;
            done += n;
            wake();
        }
        if (p != null && data.length >= BYTES_PER_STEP) {
            p.tick(data.length / BYTES_PER_STEP);
        }
    }

    /**
     * A write with no reader left: the kernel sends the writer SIGPIPE. Its default action ends the writer (a shell
     * reports 141); a process that ignores or catches it, or a namespace's PID 1 without a handler, gets EPIPE.
     */
    private void broken(SimProcess p) {
        boolean init = p.nsPid() == 1 && p.ns.pid().level() > 0;
        boolean caught = p.handler(Signals.SIGPIPE) != null;
        if (!p.ignores(Signals.SIGPIPE) && !caught && !init) {
            k.event(ProcessEvents.brokenPipe(p.pid, p.command(), name));
            k.kill(p, Signals.SIGPIPE, false);
            throw new SimProcess.Killed();
        }
        if (caught) {
            k.signal(p, Signals.SIGPIPE, p);
        }
        throw new SysError(Errno.EPIPE, "Broken pipe");
    }
}
