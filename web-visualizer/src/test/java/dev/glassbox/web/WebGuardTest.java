package dev.glassbox.web;

import static dev.glassbox.web.WebApiTest.JSON;
import static dev.glassbox.web.WebApiTest.newSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Requests from a page the student visits elsewhere must fail: a DNS name rebound to 127.0.0.1 (a
 * foreign Host), another site's fetch or form (a foreign Origin), a WebSocket opened from there; and
 * every answer tells the browser not to frame, sniff or run inline script.
 */
class WebGuardTest extends StartedServer {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void refusedInOneLine(HttpResponse<String> r, int status, String says) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertFalse(r.body().contains("\n"), r.body());
        String error = JSON.readTree(r.body()).path("error").asText();
        assertTrue(error.contains(says), error);
    }

    @Test
    void aHostThatIsNotTheServersOwnIsRefusedAsADnsRebindingPageWouldSendIt() throws Exception {
        String id = newSession(web);
        int port = web.port();
        for (String host : List.of("evil.example:" + port, "evil.example", "localhost.evil.example:" + port, "127.0.0.1:" + (port + 1),
                "127.0.0.1.nip.io:" + port, "[::2]:" + port)) {
            refusedInOneLine(send("GET", "/", null, "Host", host), 403, "Host " + host + " is not this server's address");
            refusedInOneLine(send("GET", "/api/sessions/" + id + "/state", null, "Host", host), 403, "is not this server's address");
            refusedInOneLine(send("POST", "/api/sessions/" + id + "/commands", "{\"line\":\"docker ps\"}", "Host", host), 403, "refused");
        }
        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST.:" + port, "[::1]:" + port)) {
            assertEquals(200, send("GET", "/api/sessions/" + id + "/state", null, "Host", host).statusCode(), host);
        }
        assertEquals(0, JSON.readTree(send("GET", "/api/sessions/" + id, null).body()).path("history").size(), "no refused command ran");
    }

    @Test
    void aRequestFromAnotherSitesPageIsRefusedAndOurOwnPagesAreServed() throws Exception {
        int port = web.port();
        for (String origin : List.of("http://evil.example", "http://localhost:" + (port + 1), "null", "https://127.0.0.1:" + port,
                "http://127.0.0.1:" + port + ".evil.example")) {
            refusedInOneLine(send("POST", "/api/sessions", "", "Origin", origin), 403,
                    "Requests from the page at " + origin + " are refused");
            refusedInOneLine(send("OPTIONS", "/api/sessions", null, "Origin", origin, "Access-Control-Request-Method", "POST"), 403, "refused");
        }
        assertEquals(201, send("POST", "/api/sessions", "", "Origin", "http://127.0.0.1:" + port).statusCode());
        assertEquals(201, send("POST", "/api/sessions", "", "Origin", "http://localhost:" + port).statusCode());
        // an <img> or <script> of another site (no Origin sent): refused by what the browser says of the fetch
        refusedInOneLine(send("GET", "/api/sessions/x/state", null, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "no-cors"), 403,
                "another site's page");
        refusedInOneLine(send("GET", "/", null, "Sec-Fetch-Site", "same-site", "Sec-Fetch-Mode", "no-cors"), 403, "another site's page");
        // a link to the page from elsewhere still opens it
        assertEquals(200, send("GET", "/", null, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate").statusCode());
    }

    @Test
    void noCorsHeaderIsEverGrantedToAnotherOrigin() throws Exception {
        for (HttpResponse<String> r : List.of(send("OPTIONS", "/api/sessions", null, "Origin", "http://evil.example",
                "Access-Control-Request-Method", "POST"), send("POST", "/api/sessions", "", "Origin", "http://127.0.0.1:" + web.port()),
                send("GET", "/app.js", null))) {
            assertTrue(r.headers().map().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("access-control-")),
                    r.headers().map().toString());
        }
    }

    @Test
    void aWebSocketOpenedFromAnotherSiteOrNameIsRefusedAtTheUpgrade() throws Exception {
        String id = newSession(web);
        URI events = URI.create("ws://127.0.0.1:" + web.port() + "/api/sessions/" + id + "/events");
        for (String[] header : List.of(new String[] {"Origin", "http://evil.example"}, new String[] {"Host", "evil.example:" + web.port()})) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
                    .header(header[0], header[1]).buildAsync(events, new WebSocketTest.Inbox()).get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof WebSocketHandshakeException, e.toString());
            assertEquals(403, ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode());
        }
        WebSocketTest.Inbox inbox = new WebSocketTest.Inbox();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "http://127.0.0.1:" + web.port())
                .buildAsync(events, inbox).get(10, TimeUnit.SECONDS);
        assertEquals("hello", inbox.next().path("type").asText());
        ws.abort();
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        String id = newSession(web);
        for (HttpResponse<String> r : List.of(send("GET", "/", null), send("GET", "/teacher.html", null), send("GET", "/app.js", null),
                send("GET", "/style.css", null), send("GET", "/api/sessions/" + id, null), send("GET", "/nosuch", null),
                send("GET", "/api/sessions/" + "0".repeat(32) + "/state", null), send("GET", "/", null, "Host", "evil.example"))) {
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval")
                    && csp.contains("frame-ancestors 'none'"), r.uri() + " " + csp);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), r.uri().toString());
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), r.uri().toString());
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), r.uri().toString());
        }
    }

    @Test
    void thePagesHoldNoInlineScriptOrStyle() throws Exception {
        for (String page : List.of("/", "/teacher.html")) {
            String html = send("GET", page, null).body().toLowerCase();
            assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), page + " has an inline script");
            assertFalse(html.contains("<style") || html.matches("(?s).*\\son[a-z]+=.*") || html.contains(" style="), page);
        }
    }
}
