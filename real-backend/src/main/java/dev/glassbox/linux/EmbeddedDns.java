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
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Docker's embedded DNS server at 127.0.0.11:53 inside each container on a user-defined network. Per
 * container one thread setns()'s into the container's network namespace (a thread may, the process
 * stays where it is), opens a UDP socket bound to 127.0.0.11:53 there (127.0.0.0/8 is local on the
 * container's own loopback, so no address is added) and a TCP listener on the same address (a client
 * falls back to TCP for a long answer; each message there comes after its length in two bytes), and
 * answers queries from the names the daemon pushed ({@link DnsAnswers}). dockerd redirects port 53 to a random port with iptables instead; a
 * socket bound in the namespace needs no rule. Closing the sockets ends the threads.
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
        /** A TCP client that sends nothing for this long is dropped, as a DNS server does with idle connections. */
        private static final int TCP_IDLE_MILLIS = 10_000;

        volatile Map<String, String> names;
        private volatile DatagramChannel udp;
        private volatile ServerSocketChannel tcp;
        private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();

        Server(Map<String, String> names) {
            this.names = names;
        }

        /** Opens both sockets from a thread inside the namespace; the UDP one is served there, the TCP one by a thread of its own. */
        void start(int pid) {
            CompletableFuture<Void> opened = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    enterNetNs(pid);
                    DatagramChannel u = DatagramChannel.open(StandardProtocolFamily.INET);
                    u.bind(new InetSocketAddress(ADDRESS, 53));
                    udp = u;
                    ServerSocketChannel l = ServerSocketChannel.open(StandardProtocolFamily.INET);
                    l.bind(new InetSocketAddress(ADDRESS, 53));
                    tcp = l;
                    opened.complete(null);
                } catch (Throwable e) {
                    close();
                    opened.completeExceptionally(e);
                    return;
                }
                daemonThread(this::acceptTcp, "glassbox-dns-tcp-" + pid).start();
                serveUdp();
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

        private void serveUdp() {
            ByteBuffer in = ByteBuffer.allocate(DnsAnswers.MAX_PACKET + 1);
            DatagramChannel ch = udp;
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

        private void acceptTcp() {
            ServerSocketChannel l = tcp;
            while (l.isOpen()) {
                try {
                    SocketChannel c = l.accept();
                    clients.add(c);
                    daemonThread(() -> serveTcp(c), "glassbox-dns-tcp-client").start();
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    // a failed accept does not stop the server
                }
            }
        }

        /** RFC 1035 4.2.2: each message on a TCP connection comes after its length in two bytes; the client may send several. */
        private void serveTcp(SocketChannel c) {
            try (c) {
                c.socket().setSoTimeout(TCP_IDLE_MILLIS);
                java.io.InputStream in = c.socket().getInputStream();
                java.io.OutputStream out = c.socket().getOutputStream();
                while (true) {
                    int hi = in.read();
                    int lo = hi < 0 ? -1 : in.read();
                    if (lo < 0) {
                        return;
                    }
                    byte[] query = in.readNBytes((hi << 8) | lo);
                    byte[] reply = DnsAnswers.reply(query, query.length, names);
                    if (reply == null) {
                        return;
                    }
                    out.write(new byte[] {(byte) (reply.length >> 8), (byte) reply.length});
                    out.write(reply);
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                // the client went away or idled out
            } finally {
                clients.remove(c);
            }
        }

        void close() {
            for (java.io.Closeable ch : new java.io.Closeable[] {udp, tcp}) {
                try {
                    if (ch != null) {
                        ch.close();
                    }
                } catch (IOException e) {
                    // already closed
                }
            }
            for (SocketChannel c : clients) {
                try {
                    c.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** setns(2) this thread into the network namespace of process {@code pid}; it never goes back, it ends there. */
    static void enterNetNs(int pid) {
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
}
