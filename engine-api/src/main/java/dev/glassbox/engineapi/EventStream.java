package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /events}: the daemon's events as a stream of JSON objects, those since {@code since}
 * first, then each new one as it happens, until {@code until} or until the client hangs up. The
 * daemon applies the filters, as dockerd does.
 */
final class EventStream {
    private EventStream() {}

    static void serve(Call c) throws IOException {
        Filters f = Filters.parse(c.request.param("filters"));
        f.allow("type", "event", "container", "image", "label", "network", "volume", "daemon", "plugin", "node", "service", "secret",
                "config", "scope");
        long now = c.loop.call(EventStream::currentNanos);
        long since = nanos(c.request.param("since"), -1);
        long until = nanos(c.request.param("until"), Long.MAX_VALUE);
        long from = since < 0 ? now : since;
        List<Api.Event> first = c.api(a -> a.events(from, until));
        Exchange.Chunked body = c.exchange.stream(200, "application/json");
        long last = from - 1;
        int seenAtLast = 0;
        for (Api.Event e : first) {
            if (matches(f, e)) {
                body.json(shape(e));
            }
            if (e.timeNanos() == last) {
                seenAtLast++;
            } else {
                last = e.timeNanos();
                seenAtLast = 1;
            }
        }
        while (true) {
            long at = c.loop.call(EventStream::currentNanos);
            if (until != Long.MAX_VALUE && at >= until) {
                body.end();
                return;
            }
            if (c.exchange.wire.clientGone()) {
                c.exchange.closeAfter();
                return;
            }
            long lastNow = last;
            List<Api.Event> more = c.quietly(a -> a.events(Math.max(lastNow, from), until));
            int skip = 0;
            for (Api.Event e : more) {
                if (e.timeNanos() == last && skip < seenAtLast) {
                    skip++;
                    continue;
                }
                if (matches(f, e)) {
                    body.json(shape(e));
                }
                if (e.timeNanos() == last) {
                    seenAtLast++;
                    skip++;
                } else {
                    last = e.timeNanos();
                    seenAtLast = 1;
                    skip = 1;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long currentNanos(dev.glassbox.Engine e) {
        return e.currentTimeMillis() * 1_000_000L;
    }

    /** since/until as the CLI sends them: Unix seconds with an optional fraction. */
    private static long nanos(String v, long fallback) {
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return (long) (Double.parseDouble(v) * 1e9);
        } catch (NumberFormatException e) {
            throw dev.glassbox.api.DockerException.invalid("invalid value for since/until: " + v);
        }
    }

    private static boolean matches(Filters f, Api.Event e) {
        String name = e.attributes().getOrDefault("name", "");
        return f.any("type", v -> v.equals(e.type()))
                && f.any("event", v -> v.equals(e.action()) || e.action().startsWith(v + ":"))
                && f.any("container", v -> e.type().equals("container") && (e.actorId().startsWith(v) || name.equals(v)))
                && f.any("image", v -> v.equals(e.attributes().get("image")) || (e.type().equals("image") && (e.actorId().equals(v) || name.equals(v))))
                && f.any("network", v -> e.type().equals("network") && (e.actorId().startsWith(v) || name.equals(v)))
                && f.any("volume", v -> e.type().equals("volume") && e.actorId().equals(v))
                && f.any("label", v -> Filters.label(v, e.attributes()));
    }

    static Map<String, Object> shape(Api.Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e.type().equals("container") || e.type().equals("image")) {
            m.put("status", e.action());
            m.put("id", e.actorId());
            if (e.attributes().containsKey("image")) {
                m.put("from", e.attributes().get("image"));
            }
        }
        m.put("Type", e.type());
        m.put("Action", e.action());
        m.put("Actor", ContainerRoutes.ordered("ID", e.actorId(), "Attributes", e.attributes()));
        m.put("scope", "local");
        m.put("time", e.timeNanos() / 1_000_000_000L);
        m.put("timeNano", e.timeNanos());
        return m;
    }
}
