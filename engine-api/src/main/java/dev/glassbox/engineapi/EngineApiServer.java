package dev.glassbox.engineapi;

import dev.glassbox.Engine;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Docker Engine API over HTTP/1.1, on a UNIX socket and optionally TCP: what the real docker
 * CLI and the SDKs talk to. One engine behind it, worked on one thread ({@link EngineLoop}); one
 * thread per client connection, bounded. Every request becomes a trace whose root is its request
 * line as the client sent it.
 */
public final class EngineApiServer implements AutoCloseable {
    public static final String API_VERSION = "1.50";
    public static final String MIN_API_VERSION = "1.40";
    public static final String ENGINE_VERSION = "28.2.2";
    /** Connections served at once; one more waits for a free slot. */
    public static final int MAX_CONNECTIONS = 256;
    /** The largest request body taken (an image tar to load, an archive for docker cp). */
    public static final long MAX_BODY = 512L * 1024 * 1024;

    private final EngineLoop loop;
    private final Router router;
    private final TraceFeed feed = new TraceFeed();
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final List<Path> socketFiles = new ArrayList<>();
    private final ExecutorService connections;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final AtomicInteger open = new AtomicInteger();
    private final List<Thread> acceptors = new ArrayList<>();
    private volatile boolean closed;
    private int tcpPort = -1;

    private EngineApiServer(Engine engine) {
        this.loop = new EngineLoop(engine, feed);
        engine.onTraceEvent(feed::event);
        this.router = Routes.all(feed);
        AtomicInteger n = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "glassbox-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A server for this engine, listening nowhere yet. */
    public static EngineApiServer of(Engine engine) {
        return new EngineApiServer(engine);
    }

    /** Listens on a UNIX socket at {@code path} (a stale socket file is replaced), mode 0660. */
    public EngineApiServer unix(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.deleteIfExists(path);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(path));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        socketFiles.add(path);
        listen(ch);
        return this;
    }

    /** Listens on TCP at host:port (port 0: any free port, see {@link #tcpPort}). */
    public EngineApiServer tcp(String host, int port) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.INET);
        ch.bind(new InetSocketAddress(host, port));
        tcpPort = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        listen(ch);
        return this;
    }

    public int tcpPort() {
        return tcpPort;
    }

    /** Connections open now (a test's check that nothing leaked). */
    public int openConnections() {
        return open.get();
    }

    /** The engine's loop, for work that must run where the engine lives (the visualizer's own commands). */
    public <T> T onEngine(java.util.function.Function<Engine, T> work) {
        return loop.call(work);
    }

    private void listen(ServerSocketChannel ch) {
        listeners.add(ch);
        Thread t = new Thread(() -> accept(ch), "glassbox-api-accept");
        t.setDaemon(true);
        acceptors.add(t);
        t.start();
    }

    private void accept(ServerSocketChannel ch) {
        while (!closed) {
            SocketChannel client;
            try {
                slots.acquire();
                client = ch.accept();
            } catch (IOException | InterruptedException e) {
                slots.release();
                return;
            }
            open.incrementAndGet();
            connections.execute(() -> {
                try (Wire wire = new Wire(client)) {
                    serve(wire);
                } finally {
                    open.decrementAndGet();
                    slots.release();
                }
            });
        }
    }

    /** Requests on one connection, one after another, until the client closes it or an answer ends it. */
    private void serve(Wire wire) {
        HttpReader reader = new HttpReader(wire, MAX_BODY);
        try {
            while (!closed) {
                Request request;
                try {
                    request = reader.next();
                } catch (HttpReader.BadRequest e) {
                    badRequest(wire, e);
                    return;
                }
                if (request == null) {
                    return;
                }
                Exchange ex = new Exchange(request, wire);
                answer(request, ex);
                if (!ex.keepAlive()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away; its connection is closed by the caller
        }
    }

    private static void badRequest(Wire wire, HttpReader.BadRequest e) {
        try {
            Exchange ex = new Exchange(Request.of("GET / HTTP/1.1", Map.of(), new byte[0]), wire);
            ex.closeAfter();
            ex.error(e.status, e.getMessage());
        } catch (IOException ignored) {
            // gone
        }
    }

    private void answer(Request request, Exchange ex) throws IOException {
        String versionError = Versions.check(request.version());
        if (versionError != null) {
            ex.error(400, versionError);
            return;
        }
        Router.Match m = router.find(request.method(), request.path());
        if (m == null) {
            ex.error(404, "page not found");
            return;
        }
        try {
            m.route().handler().handle(new Call(request, ex, loop, m.params()));
            if (!ex.answered()) {
                ex.noContent();
            }
        } catch (DockerException e) {
            if (ex.answered()) {
                ex.closeAfter();
                return;
            }
            if (e.kind() == ErrorKind.NOT_MODIFIED) {
                ex.send(304, null, null);
            } else {
                ex.error(e.kind().httpStatus(), e.getMessage());
            }
        } catch (RuntimeException e) {
            System.err.println("glassbox daemon: " + request.line() + ": " + e);
            if (ex.answered()) {
                ex.closeAfter();
                return;
            }
            ex.error(500, "glassbox: internal error: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ServerSocketChannel ch : listeners) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        connections.shutdownNow();
        loop.close();
        for (Path p : socketFiles) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // left behind; the next start replaces it
            }
        }
    }
}
