package dev.glassbox.web;

import static dev.glassbox.web.WebApiTest.json;
import static dev.glassbox.web.WebApiTest.newSession;
import static dev.glassbox.web.WebApiTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's bounds on what it keeps, over HTTP, and its periodic sweep of sessions on disk. */
class WebStoreTest {
    @TempDir
    Path data;

    @Test
    void theFlagsBoundTheStore() {
        StoreLimits s = Visualizer.Options.parse(List.of("--max-sessions", "5", "--max-store-mb=2")).store();
        assertEquals(new StoreLimits(5, 2L << 20), s);
        assertEquals(StoreLimits.defaults(), Visualizer.Options.parse(List.of()).store());
    }

    @Test
    void aSessionPastTheLimitIsRefusedWith503AndOneLine() throws Exception {
        try (Visualizer web = Visualizer.start(Visualizer.Options.defaults().withPort(0).withDataDir(data).withStore(StoreLimits.defaults().withSessions(1)))) {
            newSession(web);
            HttpResponse<String> r = send(web, "POST", "/api/sessions", "");
            assertEquals(503, r.statusCode());
            assertEquals("glassbox: this server keeps at most 1 sessions and all are in use: try again when some have expired "
                    + "(after 120 minutes idle), or ask whoever runs it to raise --max-sessions.", json(r).path("error").asText());
        }
    }

    @Test
    void theServerSweepsExpiredSessionsOffTheDiskWithoutAnyoneAskingForThem() throws Exception {
        Path file;
        try (Visualizer before = Visualizer.start(Visualizer.Options.defaults().withPort(0).withDataDir(data))) {
            file = data.resolve(newSession(before) + ".json");
        }
        assertTrue(Files.exists(file));
        Visualizer.Options idle = Visualizer.Options.defaults().withPort(0).withDataDir(data).withLimits(Limits.defaults().withIdle(Duration.ofMillis(200)));
        try (Visualizer after = Visualizer.start(idle)) {
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Files.exists(file) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertFalse(Files.exists(file), "the sweep (every second with this idle limit) removed the session's file");
            assertEquals(0, after.liveSessions());
        }
    }
}
