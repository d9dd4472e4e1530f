package dev.glassbox.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Images, external networks and volumes: pull, down --rmi, and what a project uses but does not own. */
class ComposeResourcesTest {
    private Engine engine;
    private MemoryWorkspace files;

    @BeforeEach
    void start() {
        engine = Engine.sim();
        files = new MemoryWorkspace("/home/student/app");
        engine.workspace(files);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private Result ok(String line) {
        Result r = engine.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    @Test
    void pullFetchesEachServicesImageWithItsLayersUnderIt() {
        files.put("compose.yaml", "services:\n  cache:\n    image: redis\n  local:\n    build: .\n");
        Result r = ok("docker compose pull");
        String[] lines = r.err().split("\n");
        assertEquals("[+] Pulling " + (lines.length - 1) + "/" + (lines.length - 1), lines[0]);
        assertTrue(lines[1].startsWith(" ✔ cache Pulled "), lines[1]);
        assertTrue(lines[2].matches("   ✔ [0-9a-f]{12} Pull complete +0\\.0s "), lines[2]);
        assertTrue(r.err().contains("\n ✔ local Skipped - No image to be pulled "), r.err());
        assertTrue(ok("docker images --format {{.Repository}}").out().contains("redis\n"));
        assertEquals("", ok("docker compose pull -q").err());
    }

    @Test
    void upPullsWhatIsMissingBeforeItCreatesAnything() {
        files.put("compose.yaml", "services:\n  cache:\n    image: redis\n");
        Result r = ok("docker compose up -d");
        assertTrue(r.err().startsWith("[+] Running "), r.err());
        assertTrue(r.err().contains("\n ✔ cache Pulled "), r.err());
        assertTrue(r.err().contains("[+] Running 2/2\n ✔ Network app_default    Created "), r.err());
    }

    @Test
    void downRmiAllRemovesTheServicesImagesAndLocalOnlyTheBuiltOnes() {
        files.put("Dockerfile", "FROM busybox\nCMD [\"sleep\", \"300\"]\n");
        files.put("compose.yaml", "services:\n  cache:\n    image: redis\n  tool:\n    build: .\n");
        ok("docker compose up -d");
        Result local = ok("docker compose down --rmi local");
        assertTrue(local.err().contains("\n ✔ Image app-tool         Removed "), local.err());
        assertTrue(!local.err().contains("Image redis"), local.err());
        ok("docker compose up -d");
        Result all = ok("docker compose down --rmi all");
        assertTrue(all.err().contains("\n ✔ Image redis            Removed "), all.err());
        String images = ok("docker images --format {{.Repository}}").out();
        assertTrue(!images.contains("redis\n") && !images.contains("app-tool\n"), images);
        assertEquals("invalid value for --rmi: some\n", engine.run("docker compose down --rmi some").err());
    }

    @Test
    void externalNetworksAndVolumesMustExistAndOutliveTheProject() {
        files.put("compose.yaml", """
                services:
                  box:
                    image: busybox
                    command: [sleep, "300"]
                    networks: [shared]
                    volumes: [keep:/keep]
                networks:
                  shared:
                    external: true
                volumes:
                  keep:
                    external: true
                    name: kept-data
                """);
        Result r = engine.run("docker compose up -d");
        assertEquals(1, r.exitStatus());
        assertTrue(r.err().endsWith("network shared declared as external, but could not be found\n"), r.err());
        ok("docker network create shared");
        r = engine.run("docker compose up -d");
        assertTrue(r.err().endsWith("external volume \"kept-data\" not found\n"), r.err());
        ok("docker volume create kept-data");
        assertEquals("[+] Running 1/1\n ✔ Container app-box-1  Started", ok("docker compose up -d").err().split(" {2,}0\\.0s")[0]);
        ok("docker compose down -v");
        assertTrue(ok("docker network ls --format {{.Name}}").out().contains("shared\n"));
        assertEquals("kept-data\n", ok("docker volume ls -q").out());
    }
}
