package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** ps -s and inspect -s: the writable layer's size and all the container sees; ps filters on status and exit code. */
class ContainerSizeTest {
    @Test
    void psSizeShowsTheWritableLayerAndTheVirtualSize() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name box busybox sleep 1000");
            ok(e, "docker exec box sh -c 'echo hi > /hello'");
            String table = ok(e, "docker ps -s").out();
            String[] lines = table.split("\n");
            assertTrue(lines[0].endsWith("   NAMES     SIZE"), lines[0]);
            long image = Long.parseLong(ok(e, "docker image inspect -f '{{.Size}}' busybox").out().strip());
            String virtual = dev.glassbox.client.UnitsProbe.humanSize(image + 3);
            assertTrue(lines[1].endsWith("box       3B (virtual " + virtual + ")"), lines[1]);
            assertEquals("3B (virtual " + virtual + ")\n", ok(e, "docker container ls --size --format '{{.Size}}'").out());
            assertEquals("3B (virtual " + virtual + ")\n", ok(e, "docker ps --format '{{.Size}}'").out(), "a format that shows .Size asks for sizes");
            assertEquals("3 " + (image + 3) + "\n", ok(e, "docker inspect -s -f '{{.SizeRw}} {{.SizeRootFs}}' box").out());
            assertEquals("<no value>\n", ok(e, "docker inspect -f '{{.SizeRw}}' box").out(), "without -s no sizes");
        }
    }

    @Test
    void aStatusFilterListsStoppedContainersWithoutDashA() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name ok busybox true");
            e.run("docker run --name bad busybox false");
            ok(e, "docker run -d --name up busybox sleep 1000");
            assertEquals("bad\nok\n", ok(e, "docker ps --filter status=exited --format '{{.Names}}'").out());
            assertEquals("", ok(e, "docker ps --filter exited=1 --format '{{.Names}}'").out(), "exited= alone lists running ones only");
            assertEquals("bad\n", ok(e, "docker ps -a --filter exited=1 --format '{{.Names}}'").out());
            Result bad = e.run("docker ps --filter status=sleeping");
            assertEquals("Error response from daemon: invalid filter 'status=sleeping'\n", bad.err());
            Result health = e.run("docker ps --filter health=great");
            assertEquals("Error response from daemon: Unrecognised filter value for health: great\n", health.err());
        }
    }
}
