package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API against the server started on port 0, as a page uses it. */
class WebApiTest extends StartedServer {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> send(Visualizer v, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + v.port() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    static String newSession(Visualizer v) throws Exception {
        HttpResponse<String> r = send(v, "POST", "/api/sessions", "");
        assertEquals(201, r.statusCode(), r.body());
        return json(r).path("id").asText();
    }

    static JsonNode command(Visualizer v, String id, String line) throws Exception {
        HttpResponse<String> r = send(v, "POST", "/api/sessions/" + id + "/commands", JSON.createObjectNode().put("line", line).toString());
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    @Test
    void servesThePageFromTheJar() throws Exception {
        HttpResponse<String> r = send(web, "GET", "/", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("glassbox"), r.body());
        assertEquals(200, send(web, "GET", "/app.js", null).statusCode());
        assertTrue(web.url().startsWith("http://127.0.0.1:"), web.url());
    }

    @Test
    void runsACommandAndAnswersAsTheCliWithItsTrace() throws Exception {
        String id = newSession(web);
        JsonNode r = command(web, id, "docker run -d -p 8080:80 --name web nginx");
        assertEquals(0, r.path("exitStatus").asInt());
        assertTrue(r.path("out").asText().matches("(?s).*[0-9a-f]{64}\n"), r.path("out").asText());
        JsonNode events = r.path("trace").path("events");
        assertTrue(events.size() > 30, "events: " + events.size());
        assertEquals("command", events.get(0).path("action").asText());
        assertTrue(r.path("trace").path("before").path("daemon").path("containers").isEmpty());

        JsonNode state = json(send(web, "GET", "/api/sessions/" + id + "/state", null)).path("state");
        assertEquals("running", state.path("daemon").path("containers").path("web").path("status").asText());
        assertEquals(8080, state.path("host").path("nat").get(0).path("hostPort").asInt());

        JsonNode ps = command(web, id, "docker ps --format '{{.Names}} {{.Ports}}'");
        assertEquals("web 0.0.0.0:8080->80/tcp\n", ps.path("out").asText());
    }

    @Test
    void givesTheStateAtAnyStepGoingForwardAndBack() throws Exception {
        String id = newSession(web);
        JsonNode trace = command(web, id, "docker run -d --name web nginx").path("trace");
        int mkdir = -1;
        JsonNode events = trace.path("events");
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).path("subsystem").asText().equals("cgroup") && events.get(i).path("action").asText().equals("mkdir")) {
                mkdir = i;
            }
        }
        assertTrue(mkdir > 0);
        String base = "/api/sessions/" + id + "/trace/state?step=";
        JsonNode after = json(send(web, "GET", base + mkdir, null));
        JsonNode before = json(send(web, "GET", base + (mkdir - 1), null));
        assertEquals(1, after.path("host").path("cgroups").size());
        assertEquals(0, before.path("host").path("cgroups").size());
        assertEquals(json(send(web, "GET", base + (events.size() - 1), null)), json(send(web, "GET", "/api/sessions/" + id + "/state", null)).path("state"));
        assertEquals(400, send(web, "GET", base + "99999", null).statusCode());
        assertEquals(400, send(web, "GET", base + "x", null).statusCode());
    }

    @Test
    void sessionsAreIsolated() throws Exception {
        String a = newSession(web);
        String b = newSession(web);
        command(web, a, "docker run -d --name only-in-a nginx");
        JsonNode stateB = json(send(web, "GET", "/api/sessions/" + b + "/state", null)).path("state");
        assertTrue(stateB.path("daemon").path("containers").isEmpty(), stateB.toString());
        assertEquals("", command(web, b, "docker ps -q").path("out").asText());
    }

    @Test
    void unknownSessionsAndBadBodiesGetAClearError() throws Exception {
        HttpResponse<String> r = send(web, "GET", "/api/sessions/0123456789abcdef0123456789abcdef/state", null);
        assertEquals(404, r.statusCode());
        assertTrue(json(r).path("error").asText().startsWith("No such session"), r.body());
        String id = newSession(web);
        assertEquals(400, send(web, "POST", "/api/sessions/" + id + "/commands", "{\"nope\":1}").statusCode());
        assertEquals(400, send(web, "POST", "/api/sessions/" + id + "/commands", "not json").statusCode());
        assertEquals(404, send(web, "GET", "/api/sessions/" + id + "/trace", null).statusCode());
        assertEquals(404, send(web, "GET", "/api/sessions/..%2F..%2Fetc/state", null).statusCode());
    }

    @Test
    void aResetForgetsTheSession() throws Exception {
        String id = newSession(web);
        command(web, id, "docker run -d nginx");
        assertEquals(204, send(web, "DELETE", "/api/sessions/" + id, null).statusCode());
        assertEquals(404, send(web, "GET", "/api/sessions/" + id + "/state", null).statusCode());
    }

    @Test
    void aFailingCommandAnswersAsDockerDoes() throws Exception {
        String id = newSession(web);
        JsonNode r = command(web, id, "docker stop nothing-here");
        assertEquals(1, r.path("exitStatus").asInt());
        assertTrue(r.path("err").asText().contains("No such container: nothing-here"), r.toString());
    }

    @Test
    void completesLikeTheRepl() throws Exception {
        String id = newSession(web);
        command(web, id, "docker run -d --name webserver nginx");
        JsonNode c = json(send(web, "GET", "/api/sessions/" + id + "/complete?line=docker%20sto", null));
        assertTrue(c.path("words").toString().contains("\"stop\""), c.toString());
        c = json(send(web, "GET", "/api/sessions/" + id + "/complete?line=docker%20stop%20we", null));
        assertEquals("[\"webserver\"]", c.path("words").toString());
        c = json(send(web, "GET", "/api/sessions/" + id + "/complete?line=docker%20run%20ngi", null));
        assertTrue(c.path("words").toString().contains("nginx"), c.toString());
    }

    @Test
    void exportsTheTraceAsAMermaidSequenceDiagram() throws Exception {
        String id = newSession(web);
        command(web, id, "docker run -d --name web nginx");
        HttpResponse<String> r = send(web, "GET", "/api/sessions/" + id + "/trace/mermaid", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("sequenceDiagram\n"), r.body());
        assertTrue(r.body().contains("Runtime->>Kernel: cgroup: mkdir docker/"), r.body());
        assertFalse(r.body().contains(";"), "';' ends a Mermaid statement");
    }
}
