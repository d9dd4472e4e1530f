package dev.glassbox.daemon;

import dev.glassbox.kernel.Stdio;
import java.io.ByteArrayOutputStream;

/**
 * A container's standard input as the daemon holds it (its stdin pipe): what attached clients type
 * goes to the running process; typed before it starts ({@code docker run -i} attaches first), it is
 * held and handed over at start. A close is held the same way.
 */
final class ContainerStdin {
    private Stdio process;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private boolean closed;

    void write(byte[] data) {
        if (closed) {
            return;
        }
        if (process == null) {
            held.writeBytes(data);
        } else {
            process.write(data);
        }
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process != null) {
            process.closeInput();
        }
    }

    /** The writer's end of a started process's stdin; a kernel that keeps none gets input that goes nowhere. */
    static Stdio of(dev.glassbox.runtime.Tasks tasks, int pid) {
        try {
            return tasks.stdin(pid);
        } catch (IllegalStateException e) {
            return DROPPED;
        }
    }

    private static final Stdio DROPPED = new Stdio() {
        @Override
        public boolean tty() {
            return false;
        }

        @Override
        public void write(byte[] data) {}

        @Override
        public void closeInput() {}

        @Override
        public void resize(int rows, int cols) {}
    };

    /** The process started: it gets what was typed meanwhile. */
    void connect(Stdio stdio) {
        process = stdio;
        if (held.size() > 0) {
            byte[] b = held.toByteArray();
            held.reset();
            stdio.write(b);
        }
        if (closed) {
            stdio.closeInput();
        }
    }

    /** The process ended: a later start gets a fresh stdin. */
    void disconnect() {
        process = null;
        closed = false;
        held.reset();
    }

    void resize(int rows, int cols) {
        if (process != null) {
            process.resize(rows, cols);
        }
    }
}
