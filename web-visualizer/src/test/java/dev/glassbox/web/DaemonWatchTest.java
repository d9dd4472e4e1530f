package dev.glassbox.web;

import static dev.glassbox.web.WebApiTest.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.Engine;
import dev.glassbox.engineapi.EngineApiServer;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** glassbox web --daemon: the page under ?watch=daemon follows what clients of that daemon's socket ask of it. */
class DaemonWatchTest {
    @TempDir
    Path dir;
    EngineApiServer daemon;
    Visualizer web;
    Path socket;

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("glassbox.sock");
        daemon = EngineApiServer.of(Engine.sim()).unix(socket);
        web = Visualizer.start(Visualizer.Options.defaults().withPort(0).withDataDir(dir.resolve("web"))
                .withDaemon("unix://" + socket));
    }

    @AfterEach
    void stop() {
        web.close();
        daemon.close();
    }

    /** What a docker client does: one request on the daemon's socket, its answer read to the end. */
    private String request(String method, String target) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((method + " " + target + " HTTP/1.1\r\nHost: api.moby.localhost\r\nConnection: close\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
            ByteBuffer b = ByteBuffer.allocate(1 << 20);
            while (ch.read(b) >= 0) {
                // to the end: the server closes after its answer
            }
            return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void eachRequestTheDaemonServesReachesTheWatchingPageAsItHappens() throws Exception {
        WebSocketTest.Inbox inbox = new WebSocketTest.Inbox();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + web.port() + "/api/watch/" + watchId() + "/events"), inbox).get(10, TimeUnit.SECONDS);
        assertEquals("hello", inbox.next().path("type").asText());
        assertTrue(web.daemonUrl().matches(".*/\\?watch=daemon-[0-9a-f]{32}"), web.daemonUrl());
        assertTrue(get("/api/watch/" + watchId()).path("daemon").asBoolean());

        String line = "POST /v1.47/images/create?fromImage=busybox&tag=latest HTTP/1.1";
        // the page's feed connects to the daemon on its own thread: ask until the first steps come through
        List<JsonNode> messages = null;
        for (int i = 0; i < 50 && messages == null; i++) {
            String answer = request("POST", "/v1.47/images/create?fromImage=busybox&tag=latest");
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            JsonNode first = inbox.messages.poll(200, TimeUnit.MILLISECONDS);
            if (first != null) {
                messages = new java.util.ArrayList<>(List.of(first));
                if (!first.path("type").asText().equals("done")) {
                    messages.addAll(inbox.untilDone());
                }
            }
        }
        assertTrue(messages != null, "no message from the daemon reached the page");
        JsonNode done = messages.get(messages.size() - 1);
        assertEquals(line, done.path("line").asText());
        JsonNode root = messages.get(0).path("event");
        assertEquals(line, root.path("object").asText(), "the trace's root is the request line as the client sent it");
        assertTrue(messages.stream().anyMatch(m -> m.path("event").path("layer").asText().equals("registry")), messages.toString());

        JsonNode trace = get("/api/watch/" + watchId() + "/trace");
        assertEquals(line, trace.path("command").asText());
        JsonNode state = get("/api/watch/" + watchId() + "/state");
        assertTrue(state.path("state").path("daemon").toString().contains("busybox"), "the daemon's state shows the pulled image");
        int last = trace.path("events").size() - 1;
        assertEquals(get("/api/watch/" + watchId() + "/trace/state?step=" + last).toString().contains("busybox"), true);
    }

    @Test
    void aLineTypedOnTheWatchingPageRunsInTheDaemonsEngine() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + web.port() + "/api/watch/" + watchId() + "/commands"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"line\":\"docker run -d --name web nginx\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode answer = JSON.readTree(r.body());
        assertEquals(0, answer.path("exitStatus").asInt(), answer.toString());
        assertEquals("docker run -d --name web nginx", answer.path("trace").path("command").asText());
        String list = request("GET", "/v1.47/containers/json");
        assertTrue(list.contains("\"Names\":[\"/web\"]"), "a client of the socket sees the container the page ran: " + list);
    }

    /** The daemon page's id, as printed at start: 128 random bits, so no one else on the network can type into the daemon. */
    private String watchId() {
        return web.daemonUrl().substring(web.daemonUrl().indexOf("?watch=") + 7);
    }

    @Test
    void theDaemonIsNotReachedUnderAGuessableId() throws Exception {
        for (String guess : List.of("daemon", "daemon-0", watchId().substring(0, 38))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + web.port() + "/api/watch/" + guess + "/commands"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"line\":\"docker ps\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, r.statusCode(), r.body());
            assertEquals(404, HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + web.port() + "/api/watch/" + guess + "/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void aCommandForAClassroomWatchIdThatIsNotTheDaemonIsRefused() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + web.port() + "/api/watch/nosuch/commands"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"line\":\"docker ps\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), r.body());
    }

}
