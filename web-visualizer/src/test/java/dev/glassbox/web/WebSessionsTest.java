package dev.glassbox.web;

import static dev.glassbox.web.WebApiTest.command;
import static dev.glassbox.web.WebApiTest.json;
import static dev.glassbox.web.WebApiTest.newSession;
import static dev.glassbox.web.WebApiTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions over time: a server restart, expiry, limits and the classroom view. */
class WebSessionsTest {
    @TempDir
    Path data;

    Visualizer start(Limits limits) {
        return Visualizer.start(Visualizer.Options.defaults().withPort(0).withDataDir(data).withLimits(limits));
    }

    @Test
    void aSessionSurvivesAServerRestartWithTheIdenticalStateAndTrace() throws Exception {
        String id;
        JsonNode state;
        JsonNode trace;
        try (Visualizer web = start(Limits.defaults())) {
            id = newSession(web);
            command(web, id, "docker run -d -p 8080:80 --name web nginx");
            command(web, id, "docker run -d --name cache redis");
            state = json(send(web, "GET", "/api/sessions/" + id + "/state", null)).path("state");
            trace = json(send(web, "GET", "/api/sessions/" + id + "/trace", null));
        }
        try (Visualizer again = start(Limits.defaults())) {
            assertEquals(state, json(send(again, "GET", "/api/sessions/" + id + "/state", null)).path("state"));
            assertEquals(trace, json(send(again, "GET", "/api/sessions/" + id + "/trace", null)));
            JsonNode info = json(send(again, "GET", "/api/sessions/" + id, null));
            assertEquals("[\"docker run -d -p 8080:80 --name web nginx\",\"docker run -d --name cache redis\"]", info.path("history").toString());
            assertEquals("web\n", command(again, id, "docker ps --filter name=web --format '{{.Names}}'").path("out").asText());
        }
    }

    @Test
    void commandsSentAtOnceToOneSessionAreRunAndSavedOneAfterTheOther() throws Exception {
        try (Visualizer web = start(Limits.defaults().withRate(1000, 1000))) {
            String id = newSession(web);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            java.util.List<java.util.concurrent.Future<Integer>> codes = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String line = i % 2 == 0 ? "docker ps" : "docker images";
                codes.add(pool.submit(() -> send(web, "POST", "/api/sessions/" + id + "/commands", "{\"line\":\"" + line + "\"}").statusCode()));
            }
            for (java.util.concurrent.Future<Integer> c : codes) {
                assertEquals(200, c.get());
            }
            pool.shutdown();
            assertEquals(24, json(send(web, "GET", "/api/sessions/" + id, null)).path("history").size());
        }
        try (Visualizer again = start(Limits.defaults())) {
            assertEquals(0, again.liveSessions());
        }
    }

    @Test
    void idleSessionsExpireInMemoryAndOnDisk() throws Exception {
        try (Visualizer web = start(Limits.defaults().withIdle(Duration.ofMillis(300)))) {
            String id = newSession(web);
            command(web, id, "docker run -d nginx");
            Thread.sleep(400);
            web.expireIdleSessions();
            HttpResponse<String> r = send(web, "GET", "/api/sessions/" + id + "/state", null);
            assertEquals(404, r.statusCode());
            assertEquals(0, web.liveSessions());
        }
        try (Visualizer again = start(Limits.defaults())) {
            assertEquals(0, again.liveSessions());
        }
    }

    @Test
    void theContainerLimitIsAClearMessage() throws Exception {
        try (Visualizer web = start(Limits.defaults().withContainers(2))) {
            String id = newSession(web);
            command(web, id, "docker run -d nginx");
            command(web, id, "docker create redis");
            HttpResponse<String> r = send(web, "POST", "/api/sessions/" + id + "/commands", "{\"line\":\"docker run -d nginx\"}");
            assertEquals(429, r.statusCode());
            assertEquals("glassbox: this session has 2 containers, its limit is 2: remove some first (docker rm -f NAME, or docker container prune).",
                    json(r).path("error").asText());
            assertEquals(0, command(web, id, "docker ps").path("exitStatus").asInt(), "other commands still run");
        }
    }

    @Test
    void theCommandRateIsLimitedPerSession() throws Exception {
        try (Visualizer web = start(Limits.defaults().withRate(0.5, 3))) {
            String a = newSession(web);
            for (int i = 0; i < 3; i++) {
                command(web, a, "docker ps");
            }
            HttpResponse<String> r = send(web, "POST", "/api/sessions/" + a + "/commands", "{\"line\":\"docker ps\"}");
            assertEquals(429, r.statusCode());
            assertTrue(json(r).path("error").asText().startsWith("glassbox: slow down"), r.body());
            String b = newSession(web);
            assertEquals(0, command(web, b, "docker ps").path("exitStatus").asInt(), "another session is not slowed");
        }
    }

    @Test
    void storedBytesAreLimited() throws Exception {
        try (Visualizer web = start(Limits.defaults().withStoredBytes(40))) {
            String id = newSession(web);
            command(web, id, "docker ps");
            command(web, id, "docker images");
            HttpResponse<String> r = send(web, "POST", "/api/sessions/" + id + "/commands", "{\"line\":\"docker run -d nginx\"}");
            assertEquals(429, r.statusCode());
            assertTrue(json(r).path("error").asText().contains("stored 24 bytes of commands, its limit is 40"), r.body());
        }
    }

    @Test
    void studentsWatchATeachersClassroomSessionReadOnly() throws Exception {
        try (Visualizer web = start(Limits.defaults())) {
            HttpResponse<String> created = send(web, "POST", "/api/sessions", "{\"classroom\":true}");
            String id = json(created).path("id").asText();
            String watch = json(created).path("watchId").asText();
            assertEquals(32, watch.length());
            command(web, id, "docker run -d --name demo nginx");
            JsonNode seen = json(send(web, "GET", "/api/watch/" + watch + "/state", null)).path("state");
            assertEquals("running", seen.path("daemon").path("containers").path("demo").path("status").asText());
            JsonNode info = json(send(web, "GET", "/api/watch/" + watch, null));
            assertTrue(info.path("readOnly").asBoolean());
            assertTrue(info.path("id").isMissingNode(), "a student never learns the teacher's id");
            HttpResponse<String> refused = send(web, "POST", "/api/watch/" + watch + "/commands", "{\"line\":\"docker rm -f demo\"}");
            assertEquals(403, refused.statusCode());
            assertTrue(json(refused).path("error").asText().contains("classroom view"));

            String plain = newSession(web);
            String plainWatch = json(send(web, "GET", "/api/sessions/" + plain, null)).path("watchId").asText();
            assertTrue(plainWatch.isEmpty(), "only a classroom session has a watch id");
        }
    }
}
