package dev.glassbox.web;

import static dev.glassbox.web.WebApiTest.command;
import static dev.glassbox.web.WebApiTest.json;
import static dev.glassbox.web.WebApiTest.newSession;
import static dev.glassbox.web.WebApiTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The labs through the JSON API: the pane's view, live goals in each command's answer, a server restart, the teacher's view. */
class WebLabApiTest extends StartedServer {
    private JsonNode lab(String id) throws Exception {
        HttpResponse<String> r = send(web, "GET", "/api/sessions/" + id + "/lab", null);
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    private HttpResponse<String> teacher(String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/teacher/sessions"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return WebApiTest.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token() {
        return web.teacherUrl().substring(web.teacherUrl().indexOf("#token=") + 7);
    }

    @Test
    void theLessonPaneSeesEachGoalMetAsTheStudentWorks() throws Exception {
        String id = newSession(web);
        JsonNode before = lab(id);
        assertTrue(before.path("lesson").isNull());
        assertEquals("run-flow", before.path("lessons").get(0).path("id").asText());

        JsonNode start = command(web, id, "lab start run-flow");
        assertTrue(start.path("text").asText().contains("Step 1/4"), start.toString());
        JsonNode step = start.path("lab").path("lesson").path("step");
        assertEquals(1, step.path("number").asInt());
        assertEquals("docker run -d -p 8080:80 --name web nginx", step.path("commands").get(0).asText());

        JsonNode half = command(web, id, "docker run -d --name web nginx").path("lab").path("lesson").path("step");
        assertTrue(half.path("goals").get(0).path("met").asBoolean(), half.toString());
        assertFalse(half.path("goals").get(1).path("met").asBoolean());
        assertEquals("web does not publish its port 80/tcp (docker run -p HOST:80 publishes it)", half.path("goals").get(1).path("missing").asText());

        command(web, id, "docker rm -f web");
        JsonNode done = command(web, id, "docker run -d -p 8080:80 --name web nginx");
        assertTrue(done.path("text").asText().contains("✓ step 1: a container named web runs nginx with port 8080 published"), done.toString());
        assertEquals(2, done.path("lab").path("lesson").path("step").path("number").asInt());
        assertEquals("run-flow 2/4", lab(id).path("prompt").asText());
    }

    @Test
    void progressAndTheLabSurviveAServerRestart() throws Exception {
        String id = newSession(web);
        command(web, id, "lab start 1");
        command(web, id, "docker run -d -p 8080:80 --name web nginx");
        command(web, id, "docker inspect web");
        command(web, id, "lab step 4");
        command(web, id, "answer 2");
        assertTrue(lab(id).path("lesson").path("finished").asBoolean());
        web.close();
        web = Visualizer.start(Visualizer.Options.defaults().withPort(0).withDataDir(data));
        JsonNode back = lab(id);
        assertEquals("run-flow 4/4", back.path("prompt").asText(), back.toString());
        assertTrue(back.path("lessons").get(0).path("finished").asBoolean());
        assertTrue(command(web, id, "docker ps --format '{{.Names}}'").path("text").asText().contains("web"));
        JsonNode reset = command(web, id, "lab reset");
        assertEquals(1, reset.path("lab").path("lesson").path("step").path("number").asInt());
        assertTrue(reset.path("lab").path("lessons").get(0).path("finished").asBoolean(), "a finished lesson stays finished");
    }

    @Test
    void theTeachersViewNeedsItsTokenAndListsEverySessionAtItsStep() throws Exception {
        String ada = newSession(web);
        String bob = newSession(web);
        command(web, ada, "lab start 1");
        command(web, ada, "docker run -d -p 8080:80 --name web nginx");
        command(web, bob, "lab start run-flow");
        assertEquals(204, send(web, "POST", "/api/sessions/" + ada + "/name", "{\"name\": \"Ada\"}").statusCode());
        assertEquals(400, send(web, "POST", "/api/sessions/" + ada + "/name", "{\"name\": \"" + "x".repeat(41) + "\"}").statusCode());

        HttpResponse<String> none = teacher(null);
        assertEquals(401, none.statusCode());
        assertTrue(json(none).path("error").asText().contains("teacher token"), none.body());
        assertEquals(401, teacher("0".repeat(48)).statusCode());
        HttpResponse<String> ok = teacher(token());
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode rows = json(ok).path("sessions");
        assertEquals(2, rows.size(), rows.toString());
        JsonNode a = rows.get(0);
        assertEquals("Ada", a.path("label").asText());
        assertEquals("run-flow", a.path("lesson").asText());
        assertEquals(2, a.path("step").asInt());
        assertEquals(4, a.path("steps").asInt());
        assertFalse(a.path("stuck").asBoolean());
        JsonNode b = rows.get(1);
        assertTrue(b.path("label").asText().startsWith("session "), b.toString());
        assertEquals(1, b.path("step").asInt());
    }

    @Test
    void labWordsOfAWatchedSessionAreRefusedAndTheViewIsReadable() throws Exception {
        HttpResponse<String> r = send(web, "POST", "/api/sessions", "{\"classroom\": true}");
        JsonNode s = json(r);
        command(web, s.path("id").asText(), "lab start 1");
        HttpResponse<String> watched = send(web, "GET", "/api/watch/" + s.path("watchId").asText() + "/lab", null);
        assertEquals(200, watched.statusCode());
        assertEquals("run-flow 1/4", json(watched).path("prompt").asText());
        assertEquals(403, send(web, "POST", "/api/watch/" + s.path("watchId").asText() + "/commands", "{\"line\": \"hint\"}").statusCode());
    }
}
