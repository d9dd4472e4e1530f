package dev.glassbox.sim;

import dev.glassbox.kernel.SysError;
import dev.glassbox.kernel.TcpConnection;

/**
 * The daemon's end of a TCP connection on the sim kernel. The daemon is no simulated process: while
 * it waits for an answer, the kernel runs the processes that became runnable (the server that
 * accepted the connection) and lets virtual time pass to their next timer, as a blocked recv(2)
 * would, until bytes arrive, the peer closes, or the wait times out.
 */
final class HostConnection implements TcpConnection {
    private final SimKernel kernel;
    private final SimNet net;
    private final SimNet.Socket socket;

    HostConnection(SimKernel kernel, SimNet net, SimNet.Socket socket) {
        this.kernel = kernel;
        this.net = net;
        this.socket = socket;
    }

    @Override
    public void send(byte[] data) {
        net.send(socket, data);
    }

    @Override
    public byte[] receive(long timeoutMillis) {
        Scheduler s = kernel.scheduler;
        long deadline = timeoutMillis >= Long.MAX_VALUE - s.now() ? Long.MAX_VALUE : s.now() + timeoutMillis;
        while (true) {
            s.runReady();
            if (socket.inbox.size() > 0 || socket.peerClosed) {
                byte[] b = socket.inbox.toByteArray();
                socket.inbox.reset();
                return b;
            }
            long next = s.nextTimer();
            if (next > deadline || next == Long.MAX_VALUE) {
                // nothing will run before the deadline: wait it out (no timer at all: nothing can ever answer)
                if (deadline != Long.MAX_VALUE) {
                    s.advanceTo(deadline);
                    if (socket.inbox.size() > 0 || socket.peerClosed) {
                        continue;
                    }
                }
                throw SysError.etimedout();
            }
            s.advanceTo(next);
        }
    }

    @Override
    public void close() {
        if (!socket.closed) {
            net.close(socket);
            kernel.scheduler.runReady();
        }
    }
}
