package dev.glassbox.linux;

import dev.glassbox.kernel.Sandbox;
import dev.glassbox.linux.dns.DnsAnswers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Docker's embedded DNS server at 127.0.0.11:53 inside each container on a user-defined network. Per
 * container one thread setns()'s into the container's network namespace (a thread may, the process
 * stays where it is), opens a UDP socket bound to 127.0.0.11:53 there (127.0.0.0/8 is local on the
 * container's own loopback, so no address is added) and answers queries from the names the daemon
 * pushed ({@link DnsAnswers}). dockerd redirects port 53 to a random port with iptables instead; a
 * socket bound in the namespace needs no rule. Closing the socket ends the thread.
 */
final class EmbeddedDns {
    static final String ADDRESS = "127.0.0.11";

    private final Map<String, Server> servers = new HashMap<>();

    /** Starts the server in the sandbox's namespace if it has none yet, and gives it {@code names} to answer. */
    synchronized void serve(Sandbox sandbox, Map<String, String> names) {
        Server s = servers.get(sandbox.id());
        if (s == null) {
            s = new Server(Map.copyOf(names));
            s.start(sandbox.pid());
            servers.put(sandbox.id(), s);
        }
        s.names = Map.copyOf(names);
    }

    /** Stops the sandbox's server: its socket closes, its thread ends. */
    synchronized void stop(Sandbox sandbox) {
        Server s = servers.remove(sandbox.id());
        if (s != null) {
            s.close();
        }
    }

    synchronized void closeAll() {
        servers.values().forEach(Server::close);
        servers.clear();
    }

    private static final class Server {
        volatile Map<String, String> names;
        private volatile DatagramChannel channel;

        Server(Map<String, String> names) {
            this.names = names;
        }

        void start(int pid) {
            CompletableFuture<DatagramChannel> opened = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    enter(pid);
                    DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
                    ch.bind(new InetSocketAddress(ADDRESS, 53));
                    channel = ch;
                    opened.complete(ch);
                } catch (Throwable e) {
                    opened.completeExceptionally(e);
                    return;
                }
                serve();
            }, "glassbox-dns-" + pid);
            t.setDaemon(true);
            t.start();
            try {
                opened.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("embedded DNS in the namespace of process " + pid + ": " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted starting the embedded DNS", e);
            }
        }

        /** setns(2) this thread into the network namespace of process {@code pid}; it never goes back, it ends there. */
        private static void enter(int pid) {
            Sys.LibC c = Sys.libc();
            String path = "/proc/" + pid + "/ns/net";
            int ns = c.open(path, Sys.O_RDONLY | Sys.O_CLOEXEC);
            if (ns < 0) {
                throw Sys.fail(Sys.errno(), "open " + path);
            }
            try {
                if (c.setns(ns, Sys.CLONE_NEWNET) != 0) {
                    throw Sys.fail(Sys.errno(), "setns(" + path + ", CLONE_NEWNET)");
                }
            } finally {
                c.close(ns);
            }
        }

        private void serve() {
            ByteBuffer in = ByteBuffer.allocate(DnsAnswers.MAX_PACKET + 1);
            DatagramChannel ch = channel;
            while (ch.isOpen()) {
                try {
                    in.clear();
                    SocketAddress from = ch.receive(in);
                    byte[] reply = DnsAnswers.reply(in.array(), in.position(), names);
                    if (from != null && reply != null) {
                        ch.send(ByteBuffer.wrap(reply), from);
                    }
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    // one bad exchange (a client gone before the reply) does not stop the server
                }
            }
        }

        void close() {
            try {
                DatagramChannel ch = channel;
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
