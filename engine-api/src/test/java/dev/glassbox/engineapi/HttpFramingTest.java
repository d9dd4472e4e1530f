package dev.glassbox.engineapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.Engine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's HTTP as the docker CLI relies on it, byte by byte, through a bare client on its UNIX socket. */
class HttpFramingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> UPGRADE = Map.of("Connection", "Upgrade", "Upgrade", "tcp");

    @TempDir
    Path dir;
    Path socket;
    EngineApiServer server;

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("docker.sock");
        server = EngineApiServer.of(Engine.sim()).unix(socket);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawClient client() throws IOException {
        return new RawClient(socket);
    }

    private JsonNode json(RawClient.Response r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** Creates a container through the API and answers its id. */
    private String create(RawClient c, String name, String body) throws IOException {
        RawClient.Response r = c.call("POST", "/v1.50/containers/create?name=" + name, body);
        assertEquals(201, r.status(), r.text());
        return json(r).get("Id").asText();
    }

    private void pullBusybox(RawClient c) throws IOException {
        RawClient.Response r = c.call("POST", "/v1.50/images/create?fromImage=docker.io%2Flibrary%2Fbusybox&tag=latest", null);
        assertEquals(200, r.status());
        assertTrue(r.text().contains("Downloaded newer image for busybox:latest"), r.text());
    }

    private String psAll(RawClient c) throws IOException {
        RawClient.Response r = c.call("GET", "/v1.50/containers/json?all=1", null);
        assertEquals(200, r.status());
        StringBuilder b = new StringBuilder();
        for (JsonNode n : json(r)) {
            b.append(n.get("Id").asText()).append(' ').append(n.get("Names").get(0).asText()).append(' ').append(n.get("State").asText()).append('\n');
        }
        return b.toString();
    }

    @Test
    void headPingAnswersTheVersionHeadersAndNoBody() throws IOException {
        try (RawClient c = client()) {
            c.send("HEAD", "/_ping", Map.of(), null);
            RawClient.Response r = c.readHead();
            assertEquals("HTTP/1.1 200 OK", r.statusLine());
            assertEquals("1.50", r.header("Api-Version"));
            assertEquals("linux", r.header("Ostype"));
            // no body follows: the next request's answer is the very next thing on the wire
            RawClient.Response next = c.call("GET", "/_ping", null);
            assertEquals(200, next.status());
            assertEquals("OK", next.text());
        }
    }

    @Test
    void unknownRouteIs404WithDockersJsonError() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response r = c.call("GET", "/v1.50/no/such/route", null);
            assertEquals(404, r.status());
            assertEquals("application/json", r.header("Content-Type"));
            assertEquals("page not found", json(r).get("message").asText());
        }
    }

    @Test
    void tooOldAVersionIs400AndTheOldestTakenWorks() throws IOException {
        try (RawClient c = client()) {
            RawClient.Response old = c.call("GET", "/v1.39/containers/json", null);
            assertEquals(400, old.status());
            assertEquals("application/json", old.header("Content-Type"));
            assertTrue(json(old).get("message").asText().startsWith("client version 1.39 is too old. Minimum supported API version is 1.40"),
                    old.text());
            RawClient.Response ok = c.call("GET", "/v1.40/containers/json", null);
            assertEquals(200, ok.status(), ok.text());
            assertEquals("[]", ok.text().strip());
        }
    }

    @Test
    void severalRequestsShareOneConnection() throws IOException {
        try (RawClient c = client()) {
            pullBusybox(c);
            String id = create(c, "one", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
            assertEquals(200, c.call("GET", "/v1.50/containers/" + id + "/json", null).status());
            assertEquals(204, c.call("POST", "/v1.50/containers/one/start", null).status());
            assertTrue(psAll(c).contains(" /one "));
            assertEquals(204, c.call("DELETE", "/v1.50/containers/one?force=1", null).status());
            assertEquals("", psAll(c));
        }
    }

    @Test
    void attachIsHijackedWith101AndFramesStdoutAndStderr() throws IOException {
        try (RawClient c = client()) {
            pullBusybox(c);
            String id = create(c, "echo", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"echo out; echo err >&2\"],\"AttachStdout\":true,\"AttachStderr\":true}");
            try (RawClient att = client()) {
                att.send("POST", "/v1.50/containers/" + id + "/attach?stream=1&stdout=1&stderr=1", UPGRADE, null);
                RawClient.Response head = att.readHead();
                assertEquals("HTTP/1.1 101 UPGRADED", head.statusLine());
                assertEquals("application/vnd.docker.multiplexed-stream", head.header("Content-Type"));
                assertEquals("Upgrade", head.header("Connection"));
                assertEquals("tcp", head.header("Upgrade"));
                assertEquals(204, c.call("POST", "/v1.50/containers/" + id + "/start", null).status());
                Map<Integer, ByteArrayOutputStream> streams = new LinkedHashMap<>();
                byte[] all = att.untilClose(); // the daemon ends the stream by closing
                int i = 0;
                while (i < all.length) {
                    assertTrue(all.length - i >= 8, "a cut frame header");
                    int stream = all[i];
                    assertEquals(0, all[i + 1] | all[i + 2] | all[i + 3], "bytes 1-3 of a frame header are zero");
                    int len = ((all[i + 4] & 0xff) << 24) | ((all[i + 5] & 0xff) << 16) | ((all[i + 6] & 0xff) << 8) | (all[i + 7] & 0xff);
                    streams.computeIfAbsent(stream, k -> new ByteArrayOutputStream()).write(all, i + 8, len);
                    i += 8 + len;
                }
                assertEquals("out\n", streams.get(1).toString(StandardCharsets.UTF_8));
                assertEquals("err\n", streams.get(2).toString(StandardCharsets.UTF_8));
                assertEquals(2, streams.size());
            }
        }
    }

    @Test
    void attachWithATtyIsRawNotFramed() throws IOException {
        try (RawClient c = client()) {
            pullBusybox(c);
            String id = create(c, "tty", "{\"Image\":\"busybox\",\"Tty\":true,\"Cmd\":[\"echo\",\"hello\"]}");
            try (RawClient att = client()) {
                att.send("POST", "/v1.50/containers/" + id + "/attach?stream=1&stdout=1&stderr=1", UPGRADE, null);
                RawClient.Response head = att.readHead();
                assertEquals("HTTP/1.1 101 UPGRADED", head.statusLine());
                assertEquals("application/vnd.docker.raw-stream", head.header("Content-Type"));
                assertEquals(204, c.call("POST", "/v1.50/containers/" + id + "/start", null).status());
                String out = new String(att.untilClose(), StandardCharsets.UTF_8);
                assertTrue(out.equals("hello\n") || out.equals("hello\r\n"), "raw tty output, no frame header: " + out.replace("\r", "\\r"));
            }
        }
    }

    @Test
    void waitNextExitSendsItsHeadersBeforeTheStartThenTheStatus() throws IOException {
        try (RawClient c = client()) {
            pullBusybox(c);
            String id = create(c, "three", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"exit 3\"]}");
            try (RawClient w = client()) {
                w.send("POST", "/v1.50/containers/" + id + "/wait?condition=next-exit", Map.of(), null);
                RawClient.Response head = w.readHead(); // would block forever if the headers waited for the exit
                assertEquals(200, head.status());
                assertEquals("chunked", head.header("Transfer-Encoding"));
                assertEquals(204, c.call("POST", "/v1.50/containers/" + id + "/start", null).status());
                JsonNode body = JSON.readTree(w.readBody("POST", head));
                assertEquals(3, body.get("StatusCode").asInt());
            }
        }
    }

    @Test
    void badBodiesAre400WithAMessageAndChangeNothing() throws IOException {
        try (RawClient c = client()) {
            pullBusybox(c);
            create(c, "keep", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
            String before = psAll(c);
            for (String body : new String[] {"{\"Image\":\"busybox\",", "{\"Image\":\"busybox\",\"Tty\":\"yes\"}", "", "[1,2]",
                    "{\"Image\":\"busybox\",\"Cmd\":\"true\",\"HostConfig\":{\"PortBindings\":{\"80/tcp\":[{\"HostPort\":\"99999\"}]}}}"}) {
                RawClient.Response r = c.call("POST", "/v1.50/containers/create?name=bad", body);
                assertEquals(400, r.status(), body + " -> " + r.text());
                assertEquals("application/json", r.header("Content-Type"));
                assertFalse(json(r).get("message").asText().isEmpty());
            }
            RawClient.Response tty = c.call("POST", "/v1.50/containers/create", "{\"Image\":\"busybox\",\"Tty\":\"yes\"}");
            assertTrue(json(tty).get("message").asText().contains("Tty"), tty.text());
            assertEquals(before, psAll(c));
        }
        try (RawClient big = client()) {
            big.writeRaw(("POST /v1.50/containers/create?name=huge HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + (EngineApiServer.MAX_BODY + 1) + "\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
            RawClient.Response head = big.readHead();
            assertEquals(413, head.status());
            assertEquals("application/json", head.header("Content-Type"));
            RawClient.Response r = new RawClient.Response(head.statusLine(), head.headers(), big.readBody("POST", head));
            assertFalse(json(r).get("message").asText().isEmpty());
        }
        try (RawClient c = client()) {
            String after = psAll(c);
            assertTrue(after.contains(" /keep created"), after);
            assertEquals(1, after.lines().count(), after);
        }
    }

    @Test
    void aClientThatLeavesMidLogsFollowOrMidWaitLeavesNoConnection() throws IOException, InterruptedException {
        try (RawClient c = client()) {
            pullBusybox(c);
            String id = create(c, "loop", "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"while true; do echo tick; sleep 1; done\"]}");
            assertEquals(204, c.call("POST", "/v1.50/containers/" + id + "/start", null).status());
            RawClient logs = client();
            logs.send("GET", "/v1.50/containers/" + id + "/logs?stdout=1&stderr=1&follow=1", Map.of(), null);
            assertEquals(200, logs.readHead().status());
            RawClient wait = client();
            wait.send("POST", "/v1.50/containers/" + id + "/wait?condition=not-running", Map.of(), null);
            assertEquals(200, wait.readHead().status());
            assertEquals(3, server.openConnections());
            logs.close();
            wait.close();
            // bounded poll: the server notices the hang-ups on its own; this is not a timing assertion
            for (int i = 0; i < 500 && server.openConnections() > 1; i++) {
                Thread.sleep(20);
            }
            assertEquals(1, server.openConnections(), "only the test's own connection is left");
            assertTrue(psAll(c).contains(" /loop running"));
        }
    }

    @Test
    void theTcpListenerServesTheSameApi() throws IOException {
        server.tcp("127.0.0.1", 0);
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.tcpPort())) {
            s.getOutputStream().write("GET /v1.50/version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(all.startsWith("HTTP/1.1 200 OK\r\n"), all);
            assertTrue(all.contains("\"ApiVersion\":\"1.50\""), all);
        }
    }
}
