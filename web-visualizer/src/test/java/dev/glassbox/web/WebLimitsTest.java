package dev.glassbox.web;

import static dev.glassbox.web.WebApiTest.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one client may send: request bodies, WebSocket messages and their rate, connections from one address. */
class WebLimitsTest {
    @TempDir
    Path data;
    Visualizer web;

    Visualizer start(ClientLimits clients) {
        web = Visualizer.start(Visualizer.Options.defaults().withPort(0).withDataDir(data).withClients(clients));
        return web;
    }

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    static HttpResponse<String> send(HttpClient http, Visualizer v, String method, String path, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + v.port() + path)).method(method, body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String error(HttpResponse<String> r, int status) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertFalse(r.body().contains("\n"), r.body());
        return JSON.readTree(r.body()).path("error").asText();
    }

    @Test
    void aBodyOverTheLimitIsRefusedInOneLineAnnouncedOrNot() throws Exception {
        start(ClientLimits.defaults());
        HttpClient http = HttpClient.newHttpClient();
        String id = WebApiTest.newSession(web);
        String big = "{\"line\":\"" + "x".repeat(70_000) + "\"}";
        String announced = error(send(http, web, "POST", "/api/sessions/" + id + "/commands", HttpRequest.BodyPublishers.ofString(big)), 413);
        assertEquals("glassbox: this request has " + big.length() + " bytes of body; a request here holds at most 65536.", announced);
        // chunked, without a Content-Length: stopped once past the limit
        String chunked = error(send(http, web, "POST", "/api/sessions/" + id + "/commands",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes()))), 413);
        assertEquals("glassbox: this request has more than 65536 bytes of body; a request here holds at most 65536.", chunked);
        String file = error(send(http, web, "PUT", "/api/sessions/" + id + "/files?path=a.bin",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[SessionFiles.MAX_FILE_BYTES + 10]))), 413);
        assertEquals("glassbox: this file has more than 1000000 bytes; a file here holds at most 1000000 (1 MB).", file);
        assertEquals(0, JSON.readTree(send(http, web, "GET", "/api/sessions/" + id, HttpRequest.BodyPublishers.noBody()).body())
                .path("history").size(), "nothing refused ran");
        assertEquals(200, send(http, web, "PUT", "/api/sessions/" + id + "/files?path=a.bin",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[SessionFiles.MAX_FILE_BYTES]))).statusCode());
    }

    /** The status and reason a socket was closed with by the server. */
    static final class Closing implements WebSocket.Listener {
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("error " + error);
        }
    }

    WebSocket socket(String id, Closing listener) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + web.port() + "/api/sessions/" + id + "/events"), listener).get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWebSocketMessageOverTheSizeIsAnsweredByClosingWithOneLine() throws Exception {
        start(ClientLimits.defaults());
        String id = WebApiTest.newSession(web);
        Closing small = new Closing();
        WebSocket ok = socket(id, small);
        ok.sendText("x".repeat(4096), true).get(5, TimeUnit.SECONDS);
        Closing listener = new Closing();
        WebSocket ws = socket(id, listener);
        ws.sendText("x".repeat(5000), true).get(5, TimeUnit.SECONDS);
        String closed = listener.closed.get(10, TimeUnit.SECONDS); // Jetty's line, its numbers in the default locale's format
        assertTrue(closed.matches("1009 Text message too large: \\(actual\\) 5.?000 > \\(configured max text message size\\) 4.?096"), closed);
        Thread.sleep(200);
        assertFalse(small.closed.isDone(), "a message at the limit is taken: " + small.closed.getNow(""));
        ok.abort();
    }

    @Test
    void aWebSocketFloodIsAnsweredByClosingWithOneLine() throws Exception {
        start(ClientLimits.defaults().withSocketRate(10, 20));
        String id = WebApiTest.newSession(web);
        Closing listener = new Closing();
        WebSocket ws = socket(id, listener);
        for (int i = 0; i < 60 && !listener.closed.isDone(); i++) {
            ws.sendText("{}", true).get(5, TimeUnit.SECONDS);
        }
        assertEquals("1008 Too many messages: at most 10 a second on this socket.", listener.closed.get(10, TimeUnit.SECONDS));
        Closing calm = new Closing();
        WebSocket other = socket(id, calm);
        for (int i = 0; i < 5; i++) {
            other.sendText("{}", true).get(5, TimeUnit.SECONDS);
        }
        Thread.sleep(300);
        assertFalse(calm.closed.isDone(), "another socket keeps its own allowance: " + calm.closed.getNow(""));
        other.abort();
    }

    @Test
    void connectionsFromOneAddressPastTheLimitAreRefusedInOneLineUntilSomeClose() throws Exception {
        start(ClientLimits.defaults().withConnections(4));
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(new Socket("127.0.0.1", web.port()));
        }
        Thread.sleep(200); // the server counts a connection once it has accepted it
        HttpClient http = HttpClient.newHttpClient();
        String refused = error(send(http, web, "POST", "/api/sessions", HttpRequest.BodyPublishers.noBody()), 429);
        assertEquals("Too many connections from 127.0.0.1: 5 are open, at most 4 at once; close some tabs and try again.", refused);
        for (Socket s : held) {
            s.close();
        }
        int status = 0;
        for (int i = 0; i < 50 && status != 201; i++) { // the server sees each close when it next reads that socket
            Thread.sleep(100);
            status = send(HttpClient.newHttpClient(), web, "POST", "/api/sessions", HttpRequest.BodyPublishers.noBody()).statusCode();
        }
        assertEquals(201, status);
    }
}
