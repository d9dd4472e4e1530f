package dev.glassbox.engineapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.trace.TraceEvent;
import dev.glassbox.trace.TraceJson;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What a visualizer watching this daemon receives: each trace step as soon as it is complete
 * ({@code {"type":"event",…}}) and, after each request, {@code {"type":"done","line":…}} with the
 * request line as the client sent it. The messages are those a browser session's page reads.
 */
final class TraceFeed {
    /** A subscriber that falls this far behind is dropped rather than let the daemon's memory grow. */
    static final int MAX_QUEUED = 10_000;

    private final List<BlockingQueue<String>> subscribers = new CopyOnWriteArrayList<>();

    void event(TraceEvent e) {
        if (subscribers.isEmpty()) {
            return;
        }
        ObjectNode m = TraceJson.JSON.createObjectNode();
        m.put("type", "event");
        m.set("event", TraceJson.event(e));
        publish(m.toString());
    }

    void done(String requestLine) {
        done(requestLine, "", 0);
    }

    /** A line's trace is complete: what it printed and its status go to the watching pages with it. */
    void done(String line, String text, int exitStatus) {
        if (subscribers.isEmpty()) {
            return;
        }
        ObjectNode m = TraceJson.JSON.createObjectNode();
        m.put("type", "done");
        m.put("line", line);
        m.put("text", text);
        m.put("exitStatus", exitStatus);
        publish(m.toString());
    }

    private void publish(String message) {
        for (BlockingQueue<String> q : subscribers) {
            if (!q.offer(message) || q.size() > MAX_QUEUED) {
                subscribers.remove(q);
            }
        }
    }

    BlockingQueue<String> subscribe() {
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        subscribers.add(q);
        return q;
    }

    void unsubscribe(BlockingQueue<String> q) {
        subscribers.remove(q);
    }
}
