package dev.glassbox.world;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.daemon.DaemonOptions;
import org.junit.jupiter.api.Test;

/** {@code node add NAME --storage-driver DRIVER}: one host's daemon started with another storage driver than the world's. */
class NodeStorageDriverTest {
    @Test
    void aHostAddedWithVfsKeepsFullCopiesWhileTheFirstHostKeepsOverlay2() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            assertEquals("copies\n", ok(e, "node add copies --storage-driver vfs").out());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals("node add")
                    && ev.sentence().contains("(dockerd --storage-driver vfs)")), "the trace says how its daemon was started");
            assertEquals("overlay2\n", ok(e, "docker info -f '{{.Driver}}'").out());
            assertEquals("vfs\n", ok(e, "docker -H copies info -f '{{.Driver}}'").out());
            ok(e, "docker pull nginx");
            ok(e, "docker -H copies pull nginx");
            long overlay = e.api().diskUsage().layersSize();
            long vfs = w.named("copies").orElseThrow().api().diskUsage().layersSize();
            assertTrue(vfs > 3 * overlay, "vfs stores each layer with all the files below it: " + vfs + " vs " + overlay);
            ok(e, "docker -H copies run -d --name web nginx");
            assertEquals("vfs null\n", ok(e, "docker -H copies inspect -f '{{.GraphDriver.Name}} {{json .GraphDriver.Data}}' web").out());
        }
    }

    @Test
    void aHostOfAVfsWorldCanBeStartedWithOverlay2() {
        try (World w = World.sim(DaemonOptions.DEFAULT.withStorageDriver("vfs"))) {
            Engine e = w.engine();
            ok(e, "node add plain");
            ok(e, "node add layered --storage-driver overlay2");
            assertEquals("vfs\n", ok(e, "docker -H plain info -f '{{.Driver}}'").out(), "without the flag, the world's driver");
            assertEquals("overlay2\n", ok(e, "docker -H layered info -f '{{.Driver}}'").out());
        }
    }

    @Test
    void anUnknownDriverIsRefusedInDockerdsWordsAndNoHostBoots() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            Result r = e.run("node add old --storage-driver aufs");
            assertEquals(1, r.exitStatus());
            assertEquals("error initializing graphdriver: driver not supported: aufs\n", r.err());
            assertEquals(2, e.run("node add old --storage-driver").exitStatus(), "the flag needs its value: the usage");
            assertEquals(1, w.nodes().size());
        }
    }
}
