package dev.glassbox.linux;

import dev.glassbox.kernel.Stdio;
import dev.glassbox.kernel.SysError;
import java.nio.charset.StandardCharsets;

/**
 * The writer's end of a process's standard input on the host: the helper's channel, which its shim
 * reads once the process has exec'd (see {@code glassbox-init.c}). The shim writes the bytes into the
 * process's stdin pipe or its pty's master, which it holds, as containerd's shim holds runc's console:
 * the container keeps its terminal when the daemon goes away. Writes after the process ended, or
 * after a pipe was closed, are ignored.
 */
final class ShimStdio implements Stdio {
    /** The most one frame carries; the shim reads the channel into a buffer of 64 KiB. */
    static final int FRAME = 32 * 1024;

    private final InitHelper.Channel channel;
    private final boolean tty;
    /** Wakes the process's output watcher: what was typed is echoed back at once. */
    private final Runnable nudge;
    private volatile boolean ended;
    private volatile boolean inputClosed;

    ShimStdio(InitHelper.Channel channel, boolean tty, Runnable nudge) {
        this.channel = channel;
        this.tty = tty;
        this.nudge = nudge;
    }

    @Override
    public boolean tty() {
        return tty;
    }

    @Override
    public void write(byte[] data) {
        if (inputClosed && !tty) {
            return;
        }
        for (int at = 0; at < data.length; at += FRAME) {
            int n = Math.min(FRAME, data.length - at);
            byte[] head = ("d " + n + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] frame = new byte[head.length + n];
            System.arraycopy(head, 0, frame, 0, head.length);
            System.arraycopy(data, at, frame, head.length, n);
            send(frame);
        }
        nudge.run();
    }

    @Override
    public void closeInput() {
        if (!tty) {
            if (inputClosed) {
                return;
            }
            inputClosed = true;
        }
        send("c\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void resize(int rows, int cols) {
        if (rows < 0 || cols < 0 || rows > 0xffff || cols > 0xffff) {
            throw new IllegalArgumentException("glassbox: a terminal cannot be " + rows + " x " + cols);
        }
        if (tty) {
            send(("r " + rows + " " + cols + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void send(byte[] frame) {
        if (ended) {
            return;
        }
        try {
            channel.sendRaw(frame);
        } catch (SysError e) {
            ended = true; // the shim is gone with its process
        }
    }

    /** The process ended: the channel closes and what is written from now on is dropped. */
    void end() {
        ended = true;
        channel.close();
    }
}
