package dev.glassbox.linux;

import dev.glassbox.kernel.NatRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Published ports on the Linux kernel: a userland proxy, as Docker's {@code docker-proxy}, that
 * listens on the host's loopback and copies each connection to the container's address on the
 * bridge. Why a proxy and not a DNAT rule: PREROUTING never sees a connection the host makes to
 * 127.0.0.1, and catching those in OUTPUT needs the host-wide sysctl {@code route_localnet}, which
 * glassbox does not change. Only TCP, and only on 127.0.0.1 (a "0.0.0.0" publication is served on
 * loopback too): nothing outside the machine can reach a glassbox container.
 */
final class PortProxy implements AutoCloseable {
    static final int MAX_CONNECTIONS = 256;

    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    static String key(NatRule r) {
        return r.proto() + "/" + r.hostIp() + ":" + r.hostPort();
    }

    /** The address a publication listens on: always loopback. */
    static String listenIp(NatRule r) {
        return r.hostIp().equals("0.0.0.0") || r.hostIp().isEmpty() ? "127.0.0.1" : r.hostIp();
    }

    /** docker-proxy's own command line for this rule: the trace's real-world equivalent. */
    static String commandLine(NatRule r) {
        return "docker-proxy -proto " + r.proto() + " -host-ip " + listenIp(r) + " -host-port " + r.hostPort()
                + " -container-ip " + r.destIp() + " -container-port " + r.destPort();
    }

    void publish(NatRule r) {
        if (!r.proto().equals("tcp")) {
            throw new IllegalArgumentException("glassbox: the Linux kernel publishes tcp ports only, not " + r.proto());
        }
        InetAddress ip;
        try {
            ip = InetAddress.getByName(listenIp(r));
        } catch (IOException e) {
            throw new IllegalArgumentException("glassbox: bad host address " + r.hostIp());
        }
        if (!ip.isLoopbackAddress()) {
            throw new IllegalArgumentException("glassbox: the Linux kernel publishes ports on loopback only, not on " + r.hostIp());
        }
        ServerSocket server;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(ip, r.hostPort()), 64);
        } catch (IOException e) {
            throw new IllegalStateException("driver failed programming external connectivity: Bind for " + listenIp(r) + ":"
                    + r.hostPort() + " failed: port is already allocated");
        }
        Listener l = new Listener(r, server);
        if (listeners.putIfAbsent(key(r), l) != null) {
            l.close();
            throw new IllegalStateException("Bind for " + listenIp(r) + ":" + r.hostPort() + " failed: port is already allocated");
        }
        Thread t = new Thread(l::acceptLoop, "glassbox-proxy-" + r.hostPort());
        t.setDaemon(true);
        t.start();
    }

    void withdraw(NatRule r) {
        Listener l = listeners.remove(key(r));
        if (l != null) {
            l.close();
        }
    }

    List<NatRule> rules() {
        List<NatRule> out = new ArrayList<>();
        listeners.values().forEach(l -> out.add(l.rule));
        return out;
    }

    @Override
    public void close() {
        for (String k : List.copyOf(listeners.keySet())) {
            Listener l = listeners.remove(k);
            if (l != null) {
                l.close();
            }
        }
    }

    private static final class Listener {
        final NatRule rule;
        final ServerSocket server;
        final List<Socket> open = new ArrayList<>();
        final AtomicInteger active = new AtomicInteger();

        Listener(NatRule rule, ServerSocket server) {
            this.rule = rule;
            this.server = server;
        }

        void acceptLoop() {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    return;
                }
                if (active.incrementAndGet() > MAX_CONNECTIONS) {
                    active.decrementAndGet();
                    quietly(client);
                    continue;
                }
                Thread t = new Thread(() -> serve(client), "glassbox-proxy-conn-" + rule.hostPort());
                t.setDaemon(true);
                t.start();
            }
        }

        private void serve(Socket client) {
            Socket upstream = new Socket();
            track(client, upstream);
            try {
                upstream.connect(new InetSocketAddress(rule.destIp(), rule.destPort()), 3_000);
                Thread back = new Thread(() -> pump(upstream, client), "glassbox-proxy-back-" + rule.hostPort());
                back.setDaemon(true);
                back.start();
                pump(client, upstream);
                back.join(30_000);
            } catch (IOException | InterruptedException e) {
                // the container refused or is gone: the client sees its connection closed, as with docker-proxy
            } finally {
                quietly(client);
                quietly(upstream);
                untrack(client, upstream);
                active.decrementAndGet();
            }
        }

        private static void pump(Socket from, Socket to) {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                quietly(to);
            }
        }

        private synchronized void track(Socket a, Socket b) {
            open.add(a);
            open.add(b);
        }

        private synchronized void untrack(Socket a, Socket b) {
            open.remove(a);
            open.remove(b);
        }

        synchronized void close() {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
            for (Socket s : open) {
                quietly(s);
            }
            open.clear();
        }

        private static void quietly(Socket s) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                // already closed
            }
        }
    }
}
