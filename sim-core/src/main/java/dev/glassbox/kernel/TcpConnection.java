package dev.glassbox.kernel;

/**
 * One end of a TCP connection the daemon opened with {@link Net#connect}: what it sends arrives in the
 * peer's socket, what the peer sends is read here. On the sim kernel the peer is a simulated process,
 * which runs while {@link #receive} waits; on the Linux kernel it is a real socket.
 */
public interface TcpConnection extends AutoCloseable {
    /** send(2): the bytes go to the peer. Throws {@link SysError} {@code EPIPE} once the peer has closed. */
    void send(byte[] data);

    /**
     * recv(2): waits up to {@code timeoutMillis} for bytes; answers those that arrived, an empty array
     * once the peer has closed and everything was read. Throws {@link SysError} {@code ETIMEDOUT} when
     * nothing arrived in time.
     */
    byte[] receive(long timeoutMillis);

    /** close(2): the peer reads the end of the stream. */
    @Override
    void close();
}
