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
                Route.of("GET", "/glassbox/feed", c -> feed(c, feed)),
                Route.of("POST", "/glassbox/run", c -> run(c, feed)));
    }

    /**
     * A command line typed into a visualizer watching this daemon ({@code {"line": "docker ps"}}), run by
     * this daemon's engine as the REPL runs it: the socket's clients, the page and the diagram share one
     * engine. Answers what the CLI would print and the line's trace.
     */
    private static void run(Call c, TraceFeed feed) throws IOException {
        String line = Body.parse(c.request.body(), "RunRequest", "A command is sent as {\"line\": \"docker ps\"}.").string("line");
        if (line.length() > 10_000) {
            throw dev.glassbox.api.DockerException.invalid("glassbox: a command line takes at most 10000 characters");
        }
        ObjectNode o = c.loop.call(e -> {
            dev.glassbox.Result r = e.run(line);
            ObjectNode out = TraceJson.JSON.createObjectNode();
            out.put("out", r.out());
            out.put("err", r.err());
            out.put("text", r.text());
            out.put("exitStatus", r.exitStatus());
            out.set("trace", line.isBlank() || line.strip().startsWith("#") ? null : TraceJson.trace(e.lastTrace()));
            return out;
        });
        feed.done(line, o.path("text").asText(), o.path("exitStatus").asInt());
        c.exchange.send(200, "application/json", o.toString().getBytes(StandardCharsets.UTF_8));
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
