package dev.glassbox.web;

import static dev.glassbox.web.WebApiTest.JSON;
import static dev.glassbox.web.WebApiTest.command;
import static dev.glassbox.web.WebApiTest.json;
import static dev.glassbox.web.WebApiTest.newSession;
import static dev.glassbox.web.WebApiTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event stream: every trace event of a command, in order, then its answer. */
class WebSocketTest extends StartedServer {
    static final class Inbox implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode m = messages.poll(10, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message within 10 s");
            }
            return m;
        }

        List<JsonNode> untilDone() throws InterruptedException {
            List<JsonNode> out = new ArrayList<>();
            JsonNode m;
            do {
                m = next();
                out.add(m);
            } while (!m.path("type").asText().equals("done"));
            return out;
        }
    }

    Inbox connect(String path) throws Exception {
        Inbox inbox = new Inbox();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + web.port() + path), inbox).get(10, TimeUnit.SECONDS);
        assertEquals("hello", inbox.next().path("type").asText());
        return inbox;
    }

    @Test
    void pushesEveryTraceEventInOrderThenTheAnswer() throws Exception {
        String id = newSession(web);
        Inbox inbox = connect("/api/sessions/" + id + "/events");
        JsonNode answer = command(web, id, "docker run -d -p 8080:80 nginx");
        List<JsonNode> messages = inbox.untilDone();
        JsonNode events = answer.path("trace").path("events");
        assertEquals(events.size() + 1, messages.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals("event", messages.get(i).path("type").asText());
            assertEquals(events.get(i), messages.get(i).path("event"));
        }
        JsonNode done = messages.get(messages.size() - 1);
        assertEquals("docker run -d -p 8080:80 nginx", done.path("line").asText());
        assertEquals(0, done.path("exitStatus").asInt());
        assertTrue(messages.stream().anyMatch(m -> m.path("event").path("action").asText().equals("add DNAT rule")));
    }

    @Test
    void studentsOfAClassroomReceiveTheTeachersEvents() throws Exception {
        JsonNode created = json(send(web, "POST", "/api/sessions", "{\"classroom\":true}"));
        Inbox student = connect("/api/watch/" + created.path("watchId").asText() + "/events");
        command(web, created.path("id").asText(), "docker run -d --name demo nginx");
        List<JsonNode> seen = student.untilDone();
        assertTrue(seen.size() > 30, "events seen: " + seen.size());
    }

    @Test
    void anotherSessionsEventsAreNotPushed() throws Exception {
        String a = newSession(web);
        String b = newSession(web);
        Inbox inboxB = connect("/api/sessions/" + b + "/events");
        command(web, a, "docker run -d nginx");
        command(web, b, "docker ps");
        List<JsonNode> seen = inboxB.untilDone();
        assertEquals("docker ps", seen.get(seen.size() - 1).path("line").asText());
        assertTrue(seen.stream().noneMatch(m -> m.path("event").path("action").asText().equals("clone")));
    }
}
