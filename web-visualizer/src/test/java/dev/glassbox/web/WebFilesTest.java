package dev.glassbox.web;

import static dev.glassbox.web.WebApiTest.command;
import static dev.glassbox.web.WebApiTest.json;
import static dev.glassbox.web.WebApiTest.newSession;
import static dev.glassbox.web.WebApiTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A session's files over HTTP: written by the page, read by docker cp in that session's engine, bounded. */
class WebFilesTest extends StartedServer {
    @Test
    void aFileWrittenByThePageIsWhatDockerCpSends() throws Exception {
        String id = newSession(web);
        HttpResponse<String> put = send(web, "PUT", "/api/sessions/" + id + "/files?path=site/index.html", "<h1>made in the page</h1>\n");
        assertEquals(200, put.statusCode(), put.body());
        JsonNode listing = json(put);
        assertEquals("/home/student", listing.path("cwd").asText());
        assertEquals("site", listing.path("files").get(0).path("path").asText());
        assertEquals("site/index.html", listing.path("files").get(1).path("path").asText());
        assertEquals(26, listing.path("files").get(1).path("size").asInt());
        assertEquals(0, command(web, id, "docker run -d --name web nginx").path("exitStatus").asInt());
        JsonNode cp = command(web, id, "docker cp site/index.html web:/usr/share/nginx/html/");
        assertEquals(0, cp.path("exitStatus").asInt(), cp.toString());
        assertEquals("<h1>made in the page</h1>\n", command(web, id, "docker exec web cat /usr/share/nginx/html/index.html").path("out").asText());
        command(web, id, "docker cp web:/etc/nginx/conf.d ./conf");
        JsonNode after = json(send(web, "GET", "/api/sessions/" + id + "/files", null));
        assertTrue(after.toString().contains("\"conf/default.conf\""), after.toString());
        assertEquals("<h1>made in the page</h1>\n", command(web, id, "cat site/index.html").path("out").asText());
    }

    @Test
    void refusesBadNamesAndTooMuchInOneLine() throws Exception {
        String id = newSession(web);
        HttpResponse<String> up = send(web, "PUT", "/api/sessions/" + id + "/files?path=../etc/passwd", "x");
        assertEquals(400, up.statusCode());
        assertEquals("glassbox: a file is named by a path below /home/student such as Dockerfile or site/index.html: ../etc/passwd",
                json(up).path("error").asText());
        HttpResponse<String> big = send(web, "PUT", "/api/sessions/" + id + "/files?path=big.bin", "x".repeat(SessionFiles.MAX_FILE_BYTES + 1));
        assertEquals(413, big.statusCode());
        assertEquals("glassbox: this file has 1000001 bytes; a file here holds at most 1000000 (1 MB).", json(big).path("error").asText());
        for (int i = 0; i < SessionFiles.MAX_ENTRIES; i++) {
            assertEquals(200, send(web, "PUT", "/api/sessions/" + id + "/files?path=f" + i, "x").statusCode());
        }
        HttpResponse<String> more = send(web, "PUT", "/api/sessions/" + id + "/files?path=one-more", "x");
        assertEquals(413, more.statusCode());
        assertEquals("glassbox: your files hold 200 entries; a session keeps at most 200.", json(more).path("error").asText());
        assertEquals(404, send(web, "GET", "/api/sessions/nope/files", null).statusCode());
    }
}
