package dev.glassbox.linux;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import dev.glassbox.kernel.TcpConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * The daemon's TCP connection on the Linux kernel: a java.net socket from the host's network
 * namespace, where the daemon runs. Loopback only: glassbox's traffic never leaves the machine, and a
 * registry published on this host answers on 127.0.0.1 through docker-proxy.
 */
final class HostSocket implements TcpConnection {
    private final Socket socket;

    private HostSocket(Socket socket) {
        this.socket = socket;
    }

    static HostSocket connect(String ip, int port) {
        if (!ip.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            throw new SysError(Errno.EINVAL); // an address, never a name to look up
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(ip);
        } catch (IOException e) {
            throw new SysError(Errno.EINVAL);
        }
        if (!address.isLoopbackAddress()) {
            throw SysError.enetunreach();
        }
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(address, port), 5000);
            return new HostSocket(s);
        } catch (ConnectException e) {
            close(s);
            throw SysError.econnrefused();
        } catch (SocketTimeoutException e) {
            close(s);
            throw SysError.etimedout();
        } catch (IOException e) {
            close(s);
            throw new SysError(Errno.EIO, e.getMessage());
        }
    }

    @Override
    public void send(byte[] data) {
        try {
            socket.getOutputStream().write(data);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new SysError(Errno.EPIPE);
        }
    }

    @Override
    public byte[] receive(long timeoutMillis) {
        byte[] buf = new byte[64 * 1024];
        try {
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis)));
            InputStream in = socket.getInputStream();
            int n = in.read(buf);
            return n < 0 ? new byte[0] : Arrays.copyOf(buf, n);
        } catch (SocketTimeoutException e) {
            throw SysError.etimedout();
        } catch (IOException e) {
            throw new SysError(Errno.ECONNRESET);
        }
    }

    @Override
    public void close() {
        close(socket);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
