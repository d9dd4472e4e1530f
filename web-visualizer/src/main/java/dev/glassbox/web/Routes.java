package dev.glassbox.web;

import dev.glassbox.trace.TraceJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.Result;
import dev.glassbox.trace.Trace;
import dev.glassbox.trace.TraceEvent;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The JSON API and the event stream. A page drives its session under {@code /api/sessions/{id}};
 * students of a classroom watch the teacher's session read-only under {@code /api/watch/{watchId}},
 * where the same reads answer and commands are refused.
 */
final class Routes {
    private final Sessions sessions;
    private final LongSupplier clock;
    private final Teacher teacher;
    private final Map<String, Consumer<String>> sockets = new ConcurrentHashMap<>();
    /** The daemon this visualizer watches ({@code --daemon}), or null. */
    private final DaemonWatch daemon;

    private final SocketLimits socketLimits;

    Routes(Sessions sessions, LongSupplier clock, Teacher teacher, DaemonWatch daemon, ClientLimits clients) {
        this.socketLimits = new SocketLimits(clients);
        this.sessions = sessions;
        this.daemon = daemon;
        this.clock = clock;
        this.teacher = teacher;
    }

    void install(Javalin app) {
        app.exception(Refusal.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        app.exception(java.io.UncheckedIOException.class, (e, ctx) -> error(ctx, 503, "glassbox: " + e.getMessage() + ": "
                + e.getCause().getMessage()));
        app.exception(IOException.class, (e, ctx) -> error(ctx, 400, "The request body is not the JSON expected: " + e.getMessage()));
        app.post("/api/sessions", this::create);
        app.delete("/api/sessions/{id}", ctx -> {
            sessions.reset(sessions.get(ctx.pathParam("id")));
            ctx.status(204);
        });
        app.post("/api/sessions/{id}/commands", this::command);
        app.post("/api/watch/{id}/commands", ctx -> {
            if (daemon == null || !ctx.pathParam("id").equals(daemon.watchId())) {
                throw Refusal.readOnly();
            }
            JsonNode body = TraceJson.JSON.readTree(ctx.body());
            if (body == null || !body.path("line").isTextual()) {
                throw new Refusal(400, "A command is sent as {\"line\": \"docker ps\"}.");
            }
            ObjectNode o = (ObjectNode) daemon.run(body.path("line").asText());
            o.set("lab", daemon.labView());
            ctx.header("Server-Timing", "run;dur=0, total;dur=0");
            json(ctx, 200, o);
        });
        reads(app, "/api/sessions/{id}", ctx -> sessions.get(ctx.pathParam("id")));
        reads(app, "/api/watch/{id}", ctx -> watched(ctx.pathParam("id")));
        app.post("/api/sessions/{id}/name", this::name);
        app.get("/api/teacher/sessions", ctx -> {
            if (!teacher.allows(ctx.header("Authorization"))) {
                throw new Refusal(401, "The teacher's view needs the teacher token that `glassbox web` printed when it started.");
            }
            json(ctx, 200, teacher.overview(sessions.everyone(), WebSession.lessons(), clock.getAsLong()));
        });
        app.ws("/api/sessions/{id}/events", ws -> events(ws, id -> sessions.get(id)));
        app.ws("/api/watch/{id}/events", ws -> events(ws, this::watched));
    }

    /** A classroom's session, or the daemon under its watch id. */
    private Watched watched(String watchId) {
        return daemon != null && watchId.equals(daemon.watchId()) ? daemon : sessions.watched(watchId);
    }

    private void reads(Javalin app, String base, Function<Context, ? extends Watched> find) {
        app.get(base, ctx -> {
            Watched w = find.apply(ctx);
            json(ctx, 200, w instanceof WebSession s && !base.startsWith("/api/watch") ? info(s, false) : watchInfo(w));
        });
        app.get(base + "/state", ctx -> {
            Watched s = find.apply(ctx);
            ObjectNode o = TraceJson.JSON.createObjectNode();
            o.set("state", s.state());
            o.set("catalog", TraceJson.JSON.valueToTree(s.imageCatalog()));
            json(ctx, 200, o);
        });
        app.get(base + "/trace", ctx -> json(ctx, 200, TraceJson.trace(trace(find.apply(ctx)))));
        app.get(base + "/lab", ctx -> json(ctx, 200, find.apply(ctx).labView()));
        app.get(base + "/trace/state", ctx -> {
            Trace t = trace(find.apply(ctx));
            int step = step(ctx.queryParam("step"), t);
            json(ctx, 200, t.stateAt(step));
        });
        app.get(base + "/trace/mermaid", ctx -> ctx.contentType("text/plain; charset=utf-8").result(Mermaid.sequence(trace(find.apply(ctx)))));
        app.get(base + "/complete", ctx -> {
            String line = ctx.queryParamAsClass("line", String.class).getOrDefault("");
            List<String> words = new ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
            words.removeIf(String::isEmpty);
            boolean fresh = line.isEmpty() || Character.isWhitespace(line.charAt(line.length() - 1));
            String current = fresh ? "" : words.get(words.size() - 1);
            int index = fresh ? words.size() : words.size() - 1;
            ObjectNode o = TraceJson.JSON.createObjectNode();
            o.put("word", current);
            o.set("words", TraceJson.JSON.valueToTree(find.apply(ctx).completions(words, index, current)));
            json(ctx, 200, o);
        });
    }

    private void create(Context ctx) throws IOException {
        boolean classroom = false;
        if (!ctx.body().isBlank()) {
            classroom = TraceJson.JSON.readTree(ctx.body()).path("classroom").asBoolean(false);
        }
        WebSession s = sessions.create(classroom);
        json(ctx, 201, info(s, false));
    }

    /** What a watching page learns of what it watches: no session id, no history. */
    private static ObjectNode watchInfo(Watched w) {
        ObjectNode o = TraceJson.JSON.createObjectNode();
        o.put("watchId", w.watchId());
        o.put("classroom", w.classroom());
        o.put("readOnly", true);
        o.put("storedBytes", w.storedBytes());
        if (w instanceof DaemonWatch) {
            o.put("daemon", true);
        }
        return o;
    }

    private ObjectNode info(WebSession s, boolean watching) {
        ObjectNode o = TraceJson.JSON.createObjectNode();
        if (watching) {
            o.put("watchId", s.watchId());
        } else {
            o.put("id", s.id());
            if (s.classroom()) {
                o.put("watchId", s.watchId());
            }
            o.set("history", TraceJson.JSON.valueToTree(s.history()));
        }
        o.put("classroom", s.classroom());
        o.put("readOnly", watching);
        o.put("storedBytes", s.storedBytes());
        return o;
    }

    private void command(Context ctx) throws IOException {
        WebSession s = sessions.get(ctx.pathParam("id"));
        JsonNode body = TraceJson.JSON.readTree(ctx.body());
        if (body == null || !body.path("line").isTextual()) {
            throw new Refusal(400, "A command is sent as {\"line\": \"docker ps\"}.");
        }
        String line = body.path("line").asText();
        sessions.room(2L * line.length() + 32); // the line as its file keeps it, escaped, with its comma and quotes
        long t0 = System.nanoTime();
        WebSession.Outcome outcome = s.run(line, clock.getAsLong());
        long t1 = System.nanoTime();
        sessions.save(s);
        long t2 = System.nanoTime();
        Result r = outcome.result();
        ObjectNode o = TraceJson.JSON.createObjectNode();
        o.put("out", r.out());
        o.put("err", r.err());
        o.put("text", r.text());
        o.put("exitStatus", r.exitStatus());
        o.set("trace", outcome.trace() == null ? null : TraceJson.trace(outcome.trace()));
        ObjectNode lab = s.labView();
        o.set("lab", lab);
        String text = o.toString();
        long t3 = System.nanoTime();
        ctx.header("Server-Timing", String.format(java.util.Locale.ROOT, "run;dur=%.1f, save;dur=%.1f, json;dur=%.1f, total;dur=%.1f",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t3 - t0) / 1e6));
        ctx.status(200).contentType("application/json").result(text);
        publish(s, line, r, lab);
    }

    /** A student's name for the teacher's view: {"name": "Ada"}, at most 40 characters, printable. */
    private void name(Context ctx) throws IOException {
        WebSession s = sessions.get(ctx.pathParam("id"));
        JsonNode body = TraceJson.JSON.readTree(ctx.body());
        String n = body == null ? null : body.path("name").asText(null);
        if (n == null || n.strip().length() > 40 || !n.strip().codePoints().allMatch(c -> !Character.isISOControl(c))) {
            throw new Refusal(400, "A name is sent as {\"name\": \"Ada\"}: at most 40 printable characters.");
        }
        s.name(n.strip());
        sessions.save(s);
        ctx.status(204);
    }

    /** The command's events went out as they happened (WebSession); its answer follows them to every watching page. */
    private void publish(WebSession s, String line, Result r, ObjectNode lab) {
        ObjectNode done = TraceJson.JSON.createObjectNode();
        done.put("type", "done");
        done.put("line", line);
        done.put("text", r.text());
        done.put("exitStatus", r.exitStatus());
        done.set("lab", lab);
        s.publish(done.toString());
    }

    private void events(WsConfig ws, Function<String, ? extends Watched> find) {
        ws.onConnect(ctx -> {
            Watched s;
            try {
                s = find.apply(ctx.pathParam("id"));
            } catch (Refusal e) {
                ctx.closeSession(4404, "no such session");
                return;
            }
            ctx.enableAutomaticPings();
            Object lock = new Object();
            Consumer<String> sink = m -> {
                synchronized (lock) {
                    ctx.send(m);
                }
            };
            sockets.put(ctx.sessionId(), sink);
            s.watch(sink);
            ctx.send("{\"type\":\"hello\"}");
        });
        socketLimits.install(ws);
        ws.onClose(ctx -> drop(ctx, find));
        ws.onError(ctx -> drop(ctx, find));
    }

    private void drop(WsContext ctx, Function<String, ? extends Watched> find) {
        socketLimits.forget(ctx);
        Consumer<String> sink = sockets.remove(ctx.sessionId());
        if (sink != null) {
            try {
                find.apply(ctx.pathParam("id")).unwatch(sink);
            } catch (Refusal e) {
                // the session went away first
            }
        }
    }

    private static Trace trace(Watched s) {
        Trace t = s.lastTrace();
        if (t == null) {
            throw new Refusal(404, "No command has run in this session yet.");
        }
        return t;
    }

    private static int step(String param, Trace t) {
        try {
            int k = param == null ? t.events().size() - 1 : Integer.parseInt(param);
            if (k < -1 || k >= t.events().size()) {
                throw new Refusal(400, "step " + k + " is outside this trace: -1 (before) to " + (t.events().size() - 1));
            }
            return k;
        } catch (NumberFormatException e) {
            throw new Refusal(400, "step must be a number: " + param);
        }
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private static void error(Context ctx, int status, String message) {
        ObjectNode o = TraceJson.JSON.createObjectNode();
        o.put("error", message);
        json(ctx, status, o);
    }
}
