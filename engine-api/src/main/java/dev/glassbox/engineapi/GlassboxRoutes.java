package dev.glassbox.engineapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.trace.TraceJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * glassbox's own routes beside Docker's, under {@code /glassbox/}: what a visualizer needs to watch
 * this daemon ({@code glassbox web --daemon}): the state, the last request's trace, and a feed of
 * each step as it happens. Not part of the Engine API: a docker client never calls them.
 */
final class GlassboxRoutes {
    private GlassboxRoutes() {}

    static List<Route> routes(TraceFeed feed) {
        return List.of(
                Route.of("GET", "/glassbox/state", c -> {
                    ObjectNode o = c.loop.call(e -> {
                        ObjectNode s = TraceJson.JSON.createObjectNode();
                        s.set("state", e.state());
                        s.set("catalog", TraceJson.JSON.valueToTree(e.imageNames()));
                        return s;
                    });
                    c.exchange.send(200, "application/json", o.toString().getBytes(StandardCharsets.UTF_8));
                }),
                Route.of("GET", "/glassbox/trace", c -> {
                    ObjectNode o = c.loop.call(e -> TraceJson.trace(e.lastTrace()));
                    c.exchange.send(200, "application/json", o.toString().getBytes(StandardCharsets.UTF_8));
                }),
                Route.of("GET", "/glassbox/feed", c -> feed(c, feed)));
    }

    /** One JSON message a line, as they come, until the client hangs up. */
    private static void feed(Call c, TraceFeed feed) throws IOException {
        BlockingQueue<String> q = feed.subscribe();
        try {
            Exchange.Chunked body = c.exchange.stream(200, "application/x-ndjson");
            body.write("{\"type\":\"hello\"}\n".getBytes(StandardCharsets.UTF_8));
            while (true) {
                String m = q.poll(500, TimeUnit.MILLISECONDS);
                if (m != null) {
                    body.write((m + "\n").getBytes(StandardCharsets.UTF_8));
                } else if (c.exchange.wire.clientGone()) {
                    c.exchange.closeAfter();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            feed.unsubscribe(q);
        }
    }
}
