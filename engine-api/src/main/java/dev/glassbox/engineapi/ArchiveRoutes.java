package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** {@code docker cp} and {@code docker export}: {@code HEAD|GET|PUT /containers/{id}/archive}, {@code GET /containers/{id}/export}. */
final class ArchiveRoutes {
    private static final java.util.concurrent.atomic.AtomicLong EXPORTS = new java.util.concurrent.atomic.AtomicLong();

    private ArchiveRoutes() {}

    static List<Route> routes() {
        return List.of(
                Route.of("HEAD", "/containers/{id}/archive", c -> {
                    Api.PathStat s = c.api(a -> a.statPath(c.path("id"), path(c)));
                    statHeader(c, s);
                }),
                Route.of("GET", "/containers/{id}/archive", c -> {
                    String p = path(c);
                    Object[] r = c.api(a -> new Object[] {a.statPath(c.path("id"), p), a.archive(c.path("id"), p)});
                    c.exchange.header("X-Docker-Container-Path-Stat", stat((Api.PathStat) r[0]));
                    c.exchange.send(200, "application/x-tar", (byte[]) r[1]);
                }),
                Route.of("PUT", "/containers/{id}/archive", c -> {
                    String p = path(c);
                    c.apiRun(a -> a.extractArchive(c.path("id"), p, c.request.body()));
                    c.exchange.send(200, null, new byte[0]);
                }),
                Route.of("GET", "/containers/{id}/export", c -> {
                    String name = "api-export-" + EXPORTS.incrementAndGet() + ".tar";
                    byte[] tar = c.api(a -> {
                        a.export(c.path("id"), name);
                        try {
                            return c.loop.engine().transferFile(name).orElse(new byte[0]);
                        } finally {
                            c.loop.engine().transferFile(name, null);
                        }
                    });
                    c.exchange.send(200, "application/x-tar", tar);
                }));
    }

    private static String path(Call c) {
        String p = c.request.param("path", "");
        if (p.isEmpty()) {
            throw dev.glassbox.api.DockerException.invalid("path is required");
        }
        return p;
    }

    private static void statHeader(Call c, Api.PathStat s) throws IOException {
        c.exchange.header("X-Docker-Container-Path-Stat", stat(s));
        c.exchange.send(200, null, null);
    }

    /** The stat as base64 JSON, as dockerd puts it in its header. */
    static String stat(Api.PathStat s) {
        String json = new String(Exchange.toJson(ContainerRoutes.ordered("name", s.name(), "size", s.size(), "mode", s.mode(), "mtime",
                java.time.Instant.ofEpochMilli(s.mtimeMillis()).toString(), "linkTarget", s.linkTarget() == null ? "" : s.linkTarget())),
                StandardCharsets.UTF_8).strip();
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
