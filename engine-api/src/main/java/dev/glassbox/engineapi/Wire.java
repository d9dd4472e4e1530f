package dev.glassbox.engineapi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One client connection's bytes, over a UNIX or TCP socket channel: buffered blocking reads, whole
 * writes, and a look without blocking at whether the client has gone (what a long {@code /wait}
 * needs to notice a CLI that abandoned it). Reads and writes may happen on two threads at once (a
 * hijacked attach reads the client's keystrokes while it writes the container's output).
 */
final class Wire implements AutoCloseable {
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    private final Object writeLock = new Object();
    private boolean eof;

    Wire(SocketChannel channel) {
        this.channel = channel;
        in.flip();
    }

    /** The next byte, or -1 at the end of the stream. */
    int read() throws IOException {
        if (!in.hasRemaining() && !fill()) {
            return -1;
        }
        return in.get() & 0xff;
    }

    /** Up to {@code max} bytes, blocking until at least one is there; an empty array at the end of the stream. */
    byte[] readSome(int max) throws IOException {
        if (!in.hasRemaining() && !fill()) {
            return new byte[0];
        }
        byte[] out = new byte[Math.min(max, in.remaining())];
        in.get(out);
        return out;
    }

    /** Exactly {@code n} bytes, or fewer if the stream ends first. */
    byte[] readExactly(int n) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n) {
            if (!in.hasRemaining() && !fill()) {
                return java.util.Arrays.copyOf(out, got);
            }
            int k = Math.min(n - got, in.remaining());
            in.get(out, got, k);
            got += k;
        }
        return out;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        in.compact();
        try {
            int n = channel.read(in);
            if (n < 0) {
                eof = true;
                return false;
            }
            return true;
        } finally {
            in.flip();
        }
    }

    /**
     * Whether the client has closed its side, looked at without blocking: bytes it sent meanwhile stay
     * buffered for the next read. Only while no other thread reads.
     */
    boolean clientGone() {
        if (eof) {
            return true;
        }
        try {
            channel.configureBlocking(false);
            try {
                in.compact();
                try {
                    if (channel.read(in) < 0) {
                        eof = true;
                    }
                } finally {
                    in.flip();
                }
            } finally {
                channel.configureBlocking(true);
            }
            return eof;
        } catch (IOException e) {
            return true;
        }
    }

    void write(byte[] data) throws IOException {
        synchronized (writeLock) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }
    }

    /** Half-closes the writing side (the end of a hijacked stream while the client may still type). */
    void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            // gone already
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
