package dev.glassbox.web;

import static dev.glassbox.web.WebApiTest.command;
import static dev.glassbox.web.WebApiTest.json;
import static dev.glassbox.web.WebApiTest.newSession;
import static dev.glassbox.web.WebApiTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session's files are kept with it: after a server restart the replay finds each file as it was when its line ran. */
class WebFilesRestartTest {
    @TempDir
    Path data;

    Visualizer start() {
        return Visualizer.start(Visualizer.Options.defaults().withPort(0).withDataDir(data).withLimits(Limits.defaults().withRate(1000, 1000)));
    }

    @Test
    void aFileCopiedIntoAContainerIsBackInBothAfterARestart() throws Exception {
        String id;
        JsonNode state;
        JsonNode files;
        try (Visualizer web = start()) {
            id = newSession(web);
            assertEquals(200, send(web, "PUT", "/api/sessions/" + id + "/files?path=index.html", "<h1>first</h1>\n").statusCode());
            command(web, id, "docker run -d --name web nginx");
            assertEquals(0, command(web, id, "docker cp index.html web:/usr/share/nginx/html/").path("exitStatus").asInt());
            // written after the copy: the replay must copy the first text, and the pane show this one
            assertEquals(200, send(web, "PUT", "/api/sessions/" + id + "/files?path=index.html", "<h1>second, longer</h1>\n").statusCode());
            state = json(send(web, "GET", "/api/sessions/" + id + "/state", null)).path("state");
            files = json(send(web, "GET", "/api/sessions/" + id + "/files", null));
        }
        try (Visualizer again = start()) {
            assertEquals(state, json(send(again, "GET", "/api/sessions/" + id + "/state", null)).path("state"));
            assertEquals(files, json(send(again, "GET", "/api/sessions/" + id + "/files", null)));
            assertEquals("<h1>first</h1>\n", command(again, id, "docker exec web cat /usr/share/nginx/html/index.html").path("out").asText());
            assertEquals("<h1>second, longer</h1>\n", command(again, id, "cat index.html").path("out").asText());
        }
    }

    @Test
    void theFilesKeptForTheReplayAreBoundedOnDisk() throws Exception {
        String big = "x".repeat(SessionFiles.MAX_FILE_BYTES - 20);
        try (Visualizer web = start()) {
            String id = newSession(web);
            for (int i = 0; i < 20; i++) { // saved again and again with no line between: one write is kept
                assertEquals(200, send(web, "PUT", "/api/sessions/" + id + "/files?path=page.html", big).statusCode());
            }
            assertTrue(Files.size(data.resolve(id + ".json")) < 2 * SessionFiles.MAX_FILE_BYTES, "" + Files.size(data.resolve(id + ".json")));
            HttpResponse<String> r = null;
            int kept = 1;
            for (int i = 0; i < 20 && (r == null || r.statusCode() == 200); i++) {
                command(web, id, "docker ps");
                r = send(web, "PUT", "/api/sessions/" + id + "/files?path=page.html", big);
                kept += r.statusCode() == 200 ? 1 : 0;
            }
            assertEquals(413, r.statusCode());
            assertEquals(8, kept);
            assertEquals("glassbox: this session has stored 7999920 bytes of written files, its limit is 8388608: reset the session (the ⟲ button) to start again.",
                    json(r).path("error").asText());
            long onDisk = Files.size(data.resolve(id + ".json"));
            assertTrue(onDisk < FileHistory.MAX_BYTES * 4 / 3 + 64 * 1024, "" + onDisk);
            assertEquals(big.length(), json(send(web, "GET", "/api/sessions/" + id + "/files", null)).path("files").get(0).path("size").asInt());
        }
    }
}
