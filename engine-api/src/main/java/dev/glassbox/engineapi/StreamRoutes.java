package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The routes that answer over time: attach (hijacked), wait (headers at once, the body at the exit),
 * logs with follow. Each polls the engine every {@link #POLL_MILLIS} on its own thread and writes
 * what it finds; a client that goes away ends it.
 */
final class StreamRoutes {
    static final long POLL_MILLIS = 20;

    private StreamRoutes() {}

    static List<Route> routes() {
        return List.of(
                Route.of("POST", "/containers/{id}/attach", StreamRoutes::attach),
                Route.of("POST", "/containers/{id}/wait", StreamRoutes::await),
                Route.of("GET", "/containers/{id}/logs", StreamRoutes::logs));
    }

    static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the server is stopping");
        }
    }

    private static void attach(Call c) throws IOException {
        String id = c.path("id");
        Request r = c.request;
        boolean stdout = r.flag("stdout");
        boolean stderr = r.flag("stderr");
        Api.AttachOptions o = new Api.AttachOptions(r.flag("stdin"), stdout, stderr, r.flag("logs"), r.param("detachKeys", ""));
        if (!r.flag("stream")) {
            logsOnly(c, id, stdout, stderr);
            return;
        }
        Api.Attachment at = c.api(a -> a.attach(id, o));
        upgradeOrOk(c, at.tty() ? Frames.RAW : Frames.MULTIPLEXED);
        Thread input = o.stdin() ? Pipes.forward(c.exchange.wire, c.loop, at) : null;
        try {
            pumpOutput(c, at, at.tty(), stdout, stderr);
        } finally {
            c.loop.run(e -> at.close());
            c.exchange.closeAfter();
            if (input != null) {
                input.interrupt();
            }
            c.exchange.wire.close();
        }
    }

    /**
     * Writes what the attachment gathers until the process behind it is over ({@link Api.Attachment#ended},
     * then what is left), the client detaches, or the client is gone.
     */
    static void pumpOutput(Call c, Api.Attachment att, boolean tty, boolean stdout, boolean stderr) throws IOException {
        while (true) {
            Object[] step = c.loop.call(e -> new Object[] {att.drain(), att.ended(), att.detached()});
            @SuppressWarnings("unchecked")
            List<Api.LogLine> lines = (List<Api.LogLine>) step[0];
            byte[] bytes = Frames.encode(lines, tty, stdout, stderr);
            if (bytes.length > 0) {
                c.exchange.wire.write(bytes);
            }
            if ((Boolean) step[1] || (Boolean) step[2]) {
                byte[] rest = Frames.encode(c.loop.call(e -> att.drain()), tty, stdout, stderr);
                if (rest.length > 0) {
                    c.exchange.wire.write(rest);
                }
                return;
            }
            pause();
        }
    }

    /** Docker answers a hijack request 101 when it asked to upgrade, else 200, and streams either way. */
    static void upgradeOrOk(Call c, String contentType) throws IOException {
        if (c.exchange.wantsUpgrade()) {
            c.exchange.upgrade(contentType);
        } else {
            c.exchange.rawOk(contentType);
        }
        // The first output never follows the 101 at once: the docker SDK for Python reads the
        // headers through http.client's buffered reader, then reads the stream from the raw socket,
        // so output that arrived with the headers is lost in that buffer (exec_run printed nothing
        // now and then, the sim's exec being done before the client had parsed the 101). With
        // dockerd a process start takes that long anyway. This narrows the race; only the client can
        // close it (docker-py 5.0.3 reads from response.raw._fp.fp.raw). That SDK gets the time a
        // runc exec takes on dockerd (~100 ms), so that a busy machine does not lose its output.
        String agent = c.request.header("User-Agent");
        if (agent != null && agent.startsWith("docker-sdk-python")) {
            sleep(SDK_PYTHON_HEADROOM_MILLIS);
        } else {
            pause();
        }
    }

    /** How long the first output waits after the 101 for the docker SDK for Python (see {@link #upgradeOrOk}). */
    static final long SDK_PYTHON_HEADROOM_MILLIS = 100;

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the server is stopping");
        }
    }

    private static void logsOnly(Call c, String id, boolean stdout, boolean stderr) throws IOException {
        List<Api.LogLine> lines = c.api(a -> a.logs(id, stdout, stderr, "all", false));
        boolean tty = c.quietly(a -> Boolean.TRUE.equals(config(a.inspectContainer(id)).get("Tty")));
        upgradeOrOk(c, tty ? Frames.RAW : Frames.MULTIPLEXED);
        c.exchange.wire.write(Frames.encode(lines, tty, stdout, stderr));
        c.exchange.wire.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> config(Map<String, Object> inspect) {
        Object conf = inspect.get("Config");
        return conf instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /**
     * {@code POST /containers/{id}/wait?condition=…}: the 200 and its headers go at once (the CLI
     * starts the container only once it has them), the body {@code {"StatusCode": N}} when the
     * condition is met. A client that hangs up first ends the wait.
     */
    private static void await(Call c) throws IOException {
        String id = c.path("id");
        String condition = c.request.param("condition", "not-running");
        if (condition.isEmpty()) {
            condition = "not-running";
        }
        if (!List.of("not-running", "next-exit", "removed").contains(condition)) {
            throw DockerException.invalid("invalid condition: \"" + condition + "\"");
        }
        String cond = condition;
        Watch before = c.api(a -> {
            Watch w = Watch.of(a, id);
            if (w.removed()) {
                throw DockerException.noSuchContainer(id);
            }
            return w;
        });
        Exchange.Chunked body = c.exchange.stream(200, "application/json");
        java.util.concurrent.CompletableFuture<Watch> result = new java.util.concurrent.CompletableFuture<>();
        Watch[] last = {before};
        c.loop.watch(e -> {
            if (result.isDone()) {
                return true;
            }
            Watch now = Watch.of(e.api(), before.id());
            boolean done = switch (cond) {
                case "not-running" -> !now.running();
                case "next-exit" -> now.exitedSince(before);
                default -> now.removed();
            };
            if (done) {
                result.complete(now.removed() && now.exitCode() == 0 && last[0] != before ? last[0] : now);
            } else {
                last[0] = now;
            }
            return done;
        });
        try {
            while (!result.isDone()) {
                if (c.exchange.wire.clientGone()) {
                    result.cancel(false);
                    c.exchange.closeAfter();
                    return;
                }
                pause();
            }
            Watch w = result.join();
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("StatusCode", w.exitCode());
            if (w.error() != null && !w.error().isEmpty() && !w.error().equals("null")) {
                out.put("Error", Map.of("Message", w.error()));
            }
            body.json(out);
            body.end();
        } finally {
            result.cancel(false);
        }
    }

    /** What a logs request finds at once: the lines so far, whether they are a terminal's, and the stream to follow (or null). */
    private record Logged(List<Api.LogLine> lines, boolean tty, Api.Attachment live) {}

    /** {@code GET /containers/{id}/logs}: what was printed (tail, since, until, timestamps), then with follow what comes. */
    private static void logs(Call c) throws IOException {
        String id = c.path("id");
        Request r = c.request;
        boolean stdout = r.flag("stdout");
        boolean stderr = r.flag("stderr");
        if (!stdout && !stderr) {
            throw DockerException.invalid("Bad parameters: you must choose at least one stream");
        }
        boolean timestamps = r.flag("timestamps");
        String tail = r.param("tail", "all");
        long since = seconds(r.param("since"));
        long until = seconds(r.param("until"));
        boolean follow = r.flag("follow");
        Logged first = c.api(a -> {
            List<Api.LogLine> lines = a.logs(id, stdout, stderr, tail.isEmpty() ? "all" : tail, timestamps);
            boolean tty = Boolean.TRUE.equals(config(a.inspectContainer(id)).get("Tty"));
            Api.Attachment live = follow && Watch.of(a, id).running() ? a.attach(id, Api.AttachOptions.OUTPUT) : null;
            return new Logged(lines, tty, live);
        });
        List<Api.LogLine> lines = window(first.lines(), since, until);
        boolean tty = first.tty();
        Api.Attachment live = first.live();
        Exchange.Chunked body = c.exchange.stream(200, tty ? Frames.RAW : Frames.MULTIPLEXED);
        body.write(Frames.encode(timestamps ? stamped(lines) : lines, tty, stdout, stderr));
        if (live == null) {
            body.end();
            return;
        }
        try {
            while (true) {
                Object[] step = c.loop.call(e -> new Object[] {live.drain(), live.ended()});
                @SuppressWarnings("unchecked")
                List<Api.LogLine> more = window((List<Api.LogLine>) step[0], since, until);
                body.write(Frames.encode(timestamps ? stamped(more) : more, tty, stdout, stderr));
                if ((Boolean) step[1]) {
                    body.end();
                    return;
                }
                pause();
            }
        } finally {
            c.loop.run(e -> live.close());
        }
    }

    /** What {@code docker logs -t} shows before each line: RFC 3339 with nine fraction digits, as jsonmessage's RFC3339NanoFixed. */
    private static final java.time.format.DateTimeFormatter STAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private static List<Api.LogLine> stamped(List<Api.LogLine> lines) {
        List<Api.LogLine> out = new ArrayList<>();
        for (Api.LogLine l : lines) {
            String ts = STAMP.format(java.time.Instant.ofEpochMilli(l.timeMillis()));
            out.add(new Api.LogLine(l.stream(), l.timeMillis(), ts + " " + l.text()));
        }
        return out;
    }

    private static List<Api.LogLine> window(List<Api.LogLine> lines, long sinceSeconds, long untilSeconds) {
        if (sinceSeconds <= 0 && untilSeconds <= 0) {
            return lines;
        }
        List<Api.LogLine> out = new ArrayList<>();
        for (Api.LogLine l : lines) {
            if ((sinceSeconds <= 0 || l.timeMillis() >= sinceSeconds * 1000) && (untilSeconds <= 0 || l.timeMillis() < untilSeconds * 1000)) {
                out.add(l);
            }
        }
        return out;
    }

    /** A since/until value as the CLI sends it: Unix seconds, maybe with a fraction. */
    private static long seconds(String v) {
        if (v == null || v.isEmpty()) {
            return 0;
        }
        try {
            return (long) Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw DockerException.invalid("invalid value for since/until: " + v);
        }
    }
}
