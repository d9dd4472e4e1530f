package dev.glassbox.linux;

import dev.glassbox.kernel.NatRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * docker-proxy on the Linux kernel: for each published port, a listener on the host's loopback that
 * copies each connection to the container's address on the bridge. DNAT ({@link LinuxNat}) serves
 * the bridge's gateway address; connections to 127.0.0.1 never pass the nat table (catching them
 * would need the host-wide sysctl {@code route_localnet}, which glassbox does not change), so they
 * come here, as with Docker's default userland-proxy=true. Only TCP, and only on 127.0.0.1 (a
 * "0.0.0.0" publication is served on loopback): nothing outside the machine reaches a container.
 *
 * <p>One selector thread accepts for every listener. Withdrawing a port hands the close to that thread
 * and waits for it: when {@link #withdraw} returns the port is closed in the kernel (a listener closed
 * from another thread while a thread is blocked in accept() keeps answering until that accept returns).
 */
final class PortProxy implements AutoCloseable {
    static final int MAX_CONNECTIONS = 256;

    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private Selector selector;
    private Thread acceptor;

    static String key(NatRule r) {
        return r.proto() + "/" + r.hostIp() + ":" + r.hostPort();
    }

    /** The loopback address a publication listens on (beside its bridge's address, see {@link #publish(NatRule, InetAddress)}). */
    static String listenIp(NatRule r) {
        return anyAddress(r) ? "127.0.0.1" : r.hostIp();
    }

    /** Published on all the host's addresses (no host IP given), as docker-proxy then listens. */
    private static boolean anyAddress(NatRule r) {
        return r.hostIp().equals("0.0.0.0") || r.hostIp().isEmpty();
    }

    /**
     * The second address a rule on all the host's addresses is served on: the IPv4 address of the
     * rule's own bridge, where containers reach the host (the DNAT rule skips packets that come in on
     * the bridge, as Docker's does, and docker-proxy, listening everywhere, serves them). Null for a
     * rule bound to one address, or when the bridge has none. Never an address of another link: that
     * could lead out of the machine.
     */
    static InetAddress gatewayOf(NatRule r) {
        if (!anyAddress(r)) {
            return null;
        }
        try {
            java.net.NetworkInterface link = java.net.NetworkInterface.getByName(r.bridge());
            return link == null ? null : link.inetAddresses().filter(a -> a instanceof java.net.Inet4Address).findFirst().orElse(null);
        } catch (IOException e) {
            return null; // no such link: no address
        }
    }

    /** docker-proxy's own command line for this rule, listening on loopback: the trace's real-world equivalent. */
    static String commandLine(NatRule r) {
        return new NatRule(r.proto(), listenIp(r), r.hostPort(), r.destIp(), r.destPort(), r.bridge()).proxyCommand();
    }

    void publish(NatRule r) {
        publish(r, null);
    }

    /** Listens for the rule on loopback and, when {@code gateway} ({@link #gatewayOf}) is given, on that address too. */
    void publish(NatRule r, InetAddress gateway) {
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
        bind(r, ip, key(r));
        if (gateway != null) {
            try {
                bind(r, gateway, key(r) + "@" + gateway.getHostAddress());
            } catch (RuntimeException e) {
                withdraw(r);
                throw e;
            }
        }
    }

    private void bind(NatRule r, InetAddress ip, String key) {
        ServerSocketChannel server;
        try {
            server = ServerSocketChannel.open();
            server.socket().setReuseAddress(true);
            server.bind(new InetSocketAddress(ip, r.hostPort()), 64);
            server.configureBlocking(false);
        } catch (IOException e) {
            throw new IllegalStateException("driver failed programming external connectivity: Bind for " + ip.getHostAddress() + ":"
                    + r.hostPort() + " failed: port is already allocated");
        }
        Listener l = new Listener(r, server);
        if (listeners.putIfAbsent(key, l) != null) {
            l.closeConnections();
            quietly(server);
            throw new IllegalStateException("Bind for " + ip.getHostAddress() + ":" + r.hostPort() + " failed: port is already allocated");
        }
        onAcceptor(() -> {
            try {
                l.key = server.register(selector, SelectionKey.OP_ACCEPT, l);
            } catch (IOException | RuntimeException e) {
                quietly(server);
            }
        });
    }

    /** Stops the port's listener and its connections; the port is closed when this returns. */
    void withdraw(NatRule r) {
        for (String k : List.copyOf(listeners.keySet())) {
            if (k.equals(key(r)) || k.startsWith(key(r) + "@")) {
                stop(listeners.remove(k));
            }
        }
    }

    private void stop(Listener l) {
        if (l == null) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        onAcceptor(() -> {
            l.stop(selector);
            done.complete(null);
        });
        try {
            done.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            quietly(l.server); // the acceptor is gone: close it from here
        }
        l.closeConnections();
    }

    List<NatRule> rules() {
        List<NatRule> out = new ArrayList<>();
        listeners.forEach((k, l) -> {
            if (k.equals(key(l.rule))) {
                out.add(l.rule);
            }
        });
        return out;
    }

    @Override
    public void close() {
        for (String k : List.copyOf(listeners.keySet())) {
            Listener l = listeners.get(k);
            if (l != null) {
                withdraw(l.rule);
            }
        }
        synchronized (this) {
            if (acceptor != null) {
                acceptor.interrupt();
                selector.wakeup();
            }
        }
    }

    /** Runs a task on the selector thread, starting it at first use. */
    private synchronized void onAcceptor(Runnable task) {
        if (acceptor == null) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new IllegalStateException("glassbox: cannot open a selector for the port proxy: " + e.getMessage(), e);
            }
            acceptor = new Thread(this::acceptLoop, "glassbox-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }
        tasks.add(task);
        selector.wakeup();
    }

    private void acceptLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                selector.select();
                for (Runnable t; (t = tasks.poll()) != null; ) {
                    t.run();
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    if (k.isValid() && k.isAcceptable()) {
                        ((Listener) k.attachment()).acceptAll();
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                // one listener's failure does not stop the others
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void quietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            // already closed
        }
    }

    private static final class Listener {
        final NatRule rule;
        final ServerSocketChannel server;
        final List<Socket> open = new ArrayList<>();
        final AtomicInteger active = new AtomicInteger();
        SelectionKey key;

        Listener(NatRule rule, ServerSocketChannel server) {
            this.rule = rule;
            this.server = server;
        }

        /** On the selector thread: takes every pending connection off the backlog. */
        void acceptAll() throws IOException {
            for (SocketChannel ch; (ch = server.accept()) != null; ) {
                ch.configureBlocking(true);
                Socket client = ch.socket();
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

        /** On the selector thread: deregisters and closes the listening socket at once. */
        void stop(Selector selector) {
            if (key != null) {
                key.cancel();
            }
            quietly(server);
            try {
                selector.selectNow(); // deregisters the cancelled key: only then is the socket really closed
            } catch (IOException e) {
                // the close still happens at the next select
            }
        }

        private void serve(Socket client) {
            Socket upstream = new Socket();
            if (!track(client, upstream)) {
                return;
            }
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

        /** False when the listener was withdrawn meanwhile: the connection is closed instead of served. */
        private synchronized boolean track(Socket a, Socket b) {
            if (!server.isOpen()) {
                quietly(a);
                active.decrementAndGet();
                return false;
            }
            open.add(a);
            open.add(b);
            return true;
        }

        private synchronized void untrack(Socket a, Socket b) {
            open.remove(a);
            open.remove(b);
        }

        synchronized void closeConnections() {
            for (Socket s : open) {
                quietly(s);
            }
            open.clear();
        }
    }
}
