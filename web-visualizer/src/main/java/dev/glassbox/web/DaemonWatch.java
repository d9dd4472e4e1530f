package dev.glassbox.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.engineapi.DaemonClient;
import dev.glassbox.trace.Trace;
import dev.glassbox.trace.TraceJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A glassbox daemon the visualizer watches ({@code glassbox web --daemon unix:///…}): the page under
 * {@code /?watch=daemon-…} (128 random bits, printed at start) shows its state, the trace of the last request a client (the docker CLI, an
 * SDK) sent, and each step as it happens, read from the daemon's {@code /glassbox/} routes. A line typed
 * on that page runs in the daemon's engine too: one engine behind the socket, the page and the diagram.
 */
final class DaemonWatch implements Watched, AutoCloseable {
    /** As unguessable as a session's id: lines typed under it run in the daemon's engine. */
    private final String watchId;

    private final DaemonClient daemon;
    private final List<Consumer<String>> watchers = new CopyOnWriteArrayList<>();
    private final Thread feed;
    private volatile boolean closed;

    DaemonWatch(DaemonClient daemon) {
        this.daemon = daemon;
        byte[] b = new byte[16];
        new java.security.SecureRandom().nextBytes(b);
        this.watchId = "daemon-" + java.util.HexFormat.of().formatHex(b);
        this.feed = new Thread(this::follow, "glassbox-web-daemon-feed");
        this.feed.setDaemon(true);
        this.feed.start();
    }

    /** Relays the daemon's feed to the pages; reconnects after a second when the daemon goes and comes back. */
    private void follow() {
        while (!closed) {
            try {
                daemon.follow("/glassbox/feed", m -> {
                    if (!m.isBlank() && !m.contains("\"type\":\"hello\"")) {
                        publish(m);
                    }
                });
            } catch (IOException | RuntimeException e) {
                // the daemon is not there (yet): try again
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void publish(String message) {
        for (Consumer<String> w : watchers) {
            try {
                w.accept(message);
            } catch (RuntimeException e) {
                watchers.remove(w);
            }
        }
    }

    private JsonNode read(String path) {
        try {
            return TraceJson.JSON.readTree(daemon.get(path));
        } catch (IOException e) {
            throw new Refusal(502, "glassbox: " + e.getMessage());
        }
    }

    /**
     * A line typed on the watching page, run by the daemon's engine (its answer and trace as a
     * session's command answers them); the other pages get it through the feed.
     */
    JsonNode run(String line) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode body = TraceJson.JSON.createObjectNode();
            body.put("line", line);
            return TraceJson.JSON.readTree(daemon.post("/glassbox/run", body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new Refusal(502, "glassbox: " + e.getMessage());
        }
    }

    @Override
    public String watchId() {
        return watchId;
    }

    @Override
    public boolean classroom() {
        return true;
    }

    @Override
    public long storedBytes() {
        return 0;
    }

    @Override
    public JsonNode state() {
        return read("/glassbox/state").path("state");
    }

    @Override
    public List<String> imageCatalog() {
        List<String> out = new ArrayList<>();
        read("/glassbox/state").path("catalog").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public Trace lastTrace() {
        Trace t = TraceJson.parse(read("/glassbox/trace"));
        return t.events().isEmpty() ? null : t;
    }

    @Override
    public ObjectNode labView() {
        ObjectNode o = TraceJson.JSON.createObjectNode();
        o.putArray("lessons");
        o.put("prompt", "");
        o.putNull("lesson");
        return o;
    }

    @Override
    public List<String> completions(List<String> words, int index, String current) {
        return List.of();
    }

    @Override
    public void watch(Consumer<String> watcher) {
        watchers.add(watcher);
    }

    @Override
    public void unwatch(Consumer<String> watcher) {
        watchers.remove(watcher);
    }

    @Override
    public void close() {
        closed = true;
        feed.interrupt();
    }
}
