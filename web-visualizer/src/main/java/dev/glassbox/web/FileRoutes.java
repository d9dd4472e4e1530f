package dev.glassbox.web;

import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * The session's files over HTTP: {@code GET /api/sessions/{id}/files} lists them, {@code PUT
 * /api/sessions/{id}/files?path=site/index.html} with the file's bytes as the body writes one (what the
 * page's editor and its upload send), and answers the listing.
 */
final class FileRoutes {
    private final Sessions sessions;

    FileRoutes(Sessions sessions) {
        this.sessions = sessions;
    }

    void install(Javalin app) {
        app.get("/api/sessions/{id}/files", ctx -> json(ctx, sessions.get(ctx.pathParam("id")).files()));
        app.put("/api/sessions/{id}/files", this::put);
    }

    private void put(Context ctx) {
        WebSession s = sessions.get(ctx.pathParam("id"));
        // a body over SessionFiles.MAX_FILE_BYTES was refused by the Guard before this
        sessions.room(ctx.bodyAsBytes().length * 4L / 3 + 64); // kept as base64
        s.putFile(ctx.queryParam("path"), ctx.bodyAsBytes());
        sessions.save(s);
        json(ctx, s.files());
    }

    private static void json(Context ctx, com.fasterxml.jackson.databind.JsonNode body) {
        ctx.status(200).contentType("application/json").result(body.toString());
    }
}
