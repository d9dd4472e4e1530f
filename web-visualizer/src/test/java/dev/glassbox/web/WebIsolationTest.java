package dev.glassbox.web;

import static dev.glassbox.web.WebApiTest.command;
import static dev.glassbox.web.WebApiTest.json;
import static dev.glassbox.web.WebApiTest.newSession;
import static dev.glassbox.web.WebApiTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A session's state, trace and files answer only to its id, and the teacher's view only to the
 * teacher's token: another student's id, a guessed id or a classroom's watch id reach nothing more.
 */
class WebIsolationTest extends StartedServer {
    static final List<String> READS = List.of("", "/state", "/trace", "/trace/state?step=0", "/trace/mermaid", "/lab", "/files",
            "/complete?line=docker%20run%20");

    String alpha;
    String bravo;

    void twoStudents() throws Exception {
        alpha = newSession(web);
        bravo = newSession(web);
        command(web, alpha, "docker run -d --name alphacontainer nginx");
        assertEquals(200, send(web, "PUT", "/api/sessions/" + alpha + "/files?path=alphafile.txt", "alpha's secret").statusCode());
        command(web, bravo, "docker run -d --name bravocontainer redis");
    }

    @Test
    void idsAre128RandomBitsAndNeverRepeat() throws Exception {
        Set<String> seen = new HashSet<>();
        int[] ones = new int[128];
        for (int i = 0; i < 64; i++) {
            HttpResponse<String> r = send(web, "POST", "/api/sessions", "{\"classroom\":true}");
            for (String id : List.of(json(r).path("id").asText(), json(r).path("watchId").asText())) {
                assertTrue(id.matches("[0-9a-f]{32}"), id);
                assertTrue(seen.add(id), "an id came twice: " + id);
                byte[] b = HexFormat.of().parseHex(id);
                for (int bit = 0; bit < 128; bit++) {
                    ones[bit] += (b[bit / 8] >> (bit % 8)) & 1;
                }
            }
        }
        for (int bit = 0; bit < 128; bit++) { // 128 draws per bit: a fixed or counting bit is 0 or 128, a random one 40..88
            assertTrue(ones[bit] > 25 && ones[bit] < 103, "bit " + bit + " was set in " + ones[bit] + " of 128 ids");
        }
    }

    @Test
    void eachReadAnswersWithItsOwnSessionOnly() throws Exception {
        twoStudents();
        for (String read : READS) {
            String mine = send(web, "GET", "/api/sessions/" + bravo + read, null).body();
            assertFalse(mine.contains("alpha") || mine.contains(alpha), read + " of bravo shows alpha's: " + mine);
        }
        assertTrue(send(web, "GET", "/api/sessions/" + alpha + "/state", null).body().contains("alphacontainer"));
        assertTrue(send(web, "GET", "/api/sessions/" + alpha + "/files", null).body().contains("alphafile.txt"));
        assertTrue(send(web, "GET", "/api/sessions/" + bravo + "/state", null).body().contains("bravocontainer"));
        assertTrue(command(web, bravo, "docker ps -a --format '{{.Names}}'").path("out").asText().equals("bravocontainer\n"));
    }

    @Test
    void aGuessedOrMalformedIdReachesNothing() throws Exception {
        twoStudents();
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        String guess = HexFormat.of().formatHex(b);
        for (String id : List.of(guess, alpha.substring(0, 31) + (alpha.charAt(31) == '0' ? '1' : '0'), alpha.toUpperCase(),
                "..%2F" + alpha, "%2E%2E", alpha + "%00")) {
            for (String read : READS) {
                HttpResponse<String> r = send(web, "GET", "/api/sessions/" + id + read, null);
                assertTrue(r.statusCode() == 404 || r.statusCode() == 400, id + read + " → " + r.statusCode());
                assertFalse(r.body().contains("alphacontainer") || r.body().contains("alphafile"), r.body());
            }
            for (HttpResponse<String> r : List.of(
                    send(web, "POST", "/api/sessions/" + id + "/commands", "{\"line\":\"docker rm -f alphacontainer\"}"),
                    send(web, "PUT", "/api/sessions/" + id + "/files?path=alphafile.txt", "overwritten"),
                    send(web, "POST", "/api/sessions/" + id + "/name", "{\"name\":\"Mallory\"}"),
                    send(web, "DELETE", "/api/sessions/" + id, null))) {
                assertTrue(r.statusCode() == 404 || r.statusCode() == 400 && id.contains("%"), r.request() + " → " + r.statusCode());
            }
        }
        assertTrue(send(web, "GET", "/api/sessions/" + alpha + "/state", null).body().contains("alphacontainer"), "alpha is untouched");
        assertTrue(send(web, "GET", "/api/sessions/" + alpha + "/files", null).body().contains("alphafile.txt"));
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + web.port() + "/api/sessions/" + guess + "/events"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                        closed.complete(status);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertEquals(4404, closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aClassroomsWatchIdReadsItsDiagramButNeitherItsFilesNorItsId() throws Exception {
        HttpResponse<String> created = send(web, "POST", "/api/sessions", "{\"classroom\":true}");
        String id = json(created).path("id").asText();
        String watch = json(created).path("watchId").asText();
        command(web, id, "docker run -d --name demo nginx");
        send(web, "PUT", "/api/sessions/" + id + "/files?path=notes.txt", "teacher's notes");
        assertEquals(200, send(web, "GET", "/api/watch/" + watch + "/state", null).statusCode());
        for (String read : READS) {
            assertFalse(send(web, "GET", "/api/watch/" + watch + read, null).body().contains(id), read + " shows the teacher's id");
        }
        assertEquals(404, send(web, "GET", "/api/watch/" + watch + "/files", null).statusCode());
        assertEquals(404, send(web, "PUT", "/api/watch/" + watch + "/files?path=notes.txt", "x").statusCode());
        assertEquals(404, send(web, "GET", "/api/sessions/" + watch + "/state", null).statusCode(), "a watch id is no session id");
        assertEquals(403, send(web, "POST", "/api/watch/" + watch + "/commands", "{\"line\":\"docker ps\"}").statusCode());
        assertTrue(send(web, "DELETE", "/api/watch/" + watch, null).statusCode() >= 400);
        assertEquals(200, send(web, "GET", "/api/sessions/" + id + "/state", null).statusCode(), "the teacher's session is still there");
    }

    @Test
    void theTeachersViewNeedsTheTeachersTokenAndShowsNoSessionId() throws Exception {
        twoStudents();
        String token = web.teacherUrl().substring(web.teacherUrl().indexOf("#token=") + 7);
        assertTrue(token.matches("[0-9a-f]{48}"), token);
        String url = "/api/teacher/sessions";
        String wrong = token.substring(0, 47) + (token.charAt(47) == 'a' ? 'b' : 'a');
        for (String authorization : List.of("", "Bearer ", "Bearer " + wrong, "Bearer " + token.substring(0, 47), "Basic " + token,
                "Bearer " + token + "0", "bearer" + token, "Bearer " + alpha)) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + url));
            if (!authorization.isEmpty()) {
                r.header("Authorization", authorization);
            }
            HttpResponse<String> answer = WebApiTest.HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, answer.statusCode(), authorization);
            assertFalse(answer.body().contains("sessions\":"), answer.body());
        }
        assertEquals(401, send(web, "GET", url + "?token=" + token, null).statusCode());
        HttpResponse<String> ok = WebApiTest.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertEquals(2, json(ok).path("sessions").size());
        assertFalse(ok.body().contains(alpha) || ok.body().contains(bravo), "the teacher's view hands out no session id: " + ok.body());
    }
}
