package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.registry.SimHub;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The daemon's state file round trip on the sim kernel: a persistent engine writes it under the data
 * root; the data root copied onto a fresh sim kernel (a disk moved to a new machine) gives a daemon
 * with the same images, containers, volumes and networks, whose volume data and committed image work.
 * {@link Engine#sim()} writes no such file.
 */
class PersistenceTest {
    private static Map<String, String> listings(Engine e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ps", ok(e, "docker ps -a --format '{{.ID}} {{.Names}} {{.Image}} {{.Command}} {{.Ports}}'").out());
        m.put("images", ok(e, "docker images --format '{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}'").out());
        m.put("volumes", ok(e, "docker volume ls").out());
        m.put("logs", ok(e, "docker logs -t writer").text());
        m.put("networks", ok(e, "docker network ls").out());
        m.put("inspect", ok(e, "docker inspect --format '{{json .Config}} {{json .HostConfig}} {{json .Mounts}} {{.State.ExitCode}} {{.State.Status}}' writer web").out());
        return m;
    }

    @Test
    void theStateFileBringsTheDaemonsObjectsBackOnAnotherKernel() {
        Kernel first = new SimKernel(7, Programs::lookup);
        Map<String, String> before;
        String file = first.layout().dataRoot() + "/" + Persistence.FILE;
        try (Engine e = Engine.persistent(first, SimHub.standard(), false)) {
            ok(e, "docker volume create data");
            ok(e, "docker network create appnet");
            ok(e, "docker run --name writer -v data:/data --label team=blue -e A=1 busybox sh -c 'echo hello > /data/greeting; echo baked > /baked.txt; echo done; echo oops >&2'");
            ok(e, "docker commit writer baked:1");
            ok(e, "docker run -d --name web --network appnet -p 8080:80 --restart unless-stopped nginx");
            ok(e, "docker stop web");
            ok(e, "docker tag busybox mybox:2");
            before = listings(e);
            assertTrue(first.fs().exists(file), "the state file is written under the data root");
            String index = new String(first.fs().readFile(first.layout().dataRoot() + "/image/index.json"), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(index.contains("\"io.containerd.image.name\":\"docker.io/library/baked:1\""), index);
            assertTrue(first.fs().exists(first.layout().dataRoot() + "/image/oci-layout"), "the images are an OCI image layout");
            for (String digest : index.split("\"digest\":\"sha256:")) {
                if (digest.matches("^[0-9a-f]{64}.*")) {
                    assertTrue(first.fs().exists(first.layout().dataRoot() + "/image/blobs/sha256/" + digest.substring(0, 64)), "each manifest is a blob");
                }
            }
        }
        Kernel second = new SimKernel(8, Programs::lookup);
        String root = first.layout().dataRoot();
        second.fs().unpackLayer(root, first.fs().readTree(root));
        second.fs().mkdirs(root + "/overlay2/0123456789abcdef/diff"); // a crashed pull's leftover
        try (Engine e = Engine.persistent(second, SimHub.standard(), false)) {
            assertFalse(second.fs().exists(root + "/overlay2/0123456789abcdef"), "a layer directory nobody references is removed at start");
            assertEquals(before, listings(e));
            assertEquals("hello", ok(e, "docker run --rm -v data:/data busybox cat /data/greeting").out().strip());
            assertEquals("baked", ok(e, "docker run --rm baked:1 cat /baked.txt").out().strip(), "the committed layer is back");
            ok(e, "docker start web");
            ok(e, "docker exec web hostname");
            assertTrue(ok(e, "docker inspect --format '{{.NetworkSettings.Networks.appnet.IPAddress}}' web").out().startsWith("172."));
            ok(e, "docker rm -f web writer");
            ok(e, "docker rmi baked:1 nginx mybox:2 busybox");
            assertEquals("", ok(e, "docker images -q").out());
            assertEquals(java.util.List.of(), second.fs().list(root + "/overlay2"), "rm and rmi after the restart leave no overlay2 directory");
            assertEquals(java.util.List.of(), second.fs().list(root + "/image/blobs/sha256"), "nor an image blob");
        }
    }

    @Test
    void anUnreadableStateFileStartsAnEmptyDaemonAndSaysSo() {
        Kernel k = new SimKernel(9, Programs::lookup);
        k.fs().writeFile(k.layout().dataRoot() + "/" + Persistence.FILE, "{\"version\": 1, \"containers\": [".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (Engine e = Engine.persistent(k, SimHub.standard(), false)) {
            assertTrue(e.restoreNotes().get(0).contains("cannot be read"), e.restoreNotes().toString());
            assertEquals("", ok(e, "docker ps -aq").out());
            ok(e, "docker run --name xy busybox true");
            assertTrue(new String(k.fs().readFile(k.layout().dataRoot() + "/" + Persistence.FILE), java.nio.charset.StandardCharsets.UTF_8).contains("\"xy\""),
                    "the next call writes a good state file over it");
        }
    }

    @Test
    void theSimEngineWritesNoStateFile() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name xy busybox true");
            assertFalse(e.restoreNotes().iterator().hasNext());
        }
        Kernel k = new SimKernel(Engine.DEFAULT_SEED, Programs::lookup);
        try (Engine e = Engine.on(k)) {
            ok(e, "docker run --name xy busybox true");
            assertFalse(k.fs().exists(k.layout().dataRoot() + "/" + Persistence.FILE));
        }
    }
}
