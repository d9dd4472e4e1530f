package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** glassbox web --storage-driver vfs: every session's sim daemon keeps its layers and containers with vfs. */
class WebStorageDriverTest {
    @TempDir
    Path data;

    @Test
    void sessionsRunUnderTheServersStorageDriver() throws Exception {
        Visualizer.Options o = Visualizer.Options.parse(List.of("--port", "0", "--data", data.toString(), "--storage-driver", "vfs"));
        try (Visualizer web = Visualizer.start(o)) {
            String id = WebApiTest.newSession(web);
            JsonNode info = WebApiTest.command(web, id, "docker info -f '{{.Driver}}'");
            assertEquals("vfs\n", info.path("out").asText());
            JsonNode run = WebApiTest.command(web, id, "docker create --name box busybox");
            boolean copied = false;
            for (JsonNode ev : run.path("trace").path("events")) {
                copied |= ev.path("action").asText().equals("copy tree");
            }
            assertTrue(copied, "the trace shows vfs's copies");
        }
    }

    @Test
    void anUnknownDriverIsRefusedInDockerdsWords() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> Visualizer.Options.parse(List.of("--storage-driver", "aufs")));
        assertEquals("error initializing graphdriver: driver not supported: aufs", x.getMessage());
    }
}
