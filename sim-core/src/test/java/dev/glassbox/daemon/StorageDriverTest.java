package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.api.Api;
import dev.glassbox.daemon.storage.DriverKind;
import dev.glassbox.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dockerd --storage-driver: overlay2 and vfs side by side, the same script under each. */
class StorageDriverTest {
    /** Everything a user sees of containers' files: the same under both drivers. */
    private static final List<String> SCRIPT = List.of(
            "docker pull nginx",
            "docker run --name web busybox sh -c 'echo hi > /tmp/f; rm /etc/passwd; mkdir -p /data/sub; echo x > /data/sub/y; rm -r /usr/sbin'",
            "docker diff web",
            "docker cp web:/tmp/f f",
            "docker ps -a -s --format '{{.Names}} {{.Size}}'",
            "docker commit web snap",
            "docker run --rm snap cat /tmp/f /data/sub/y",
            "docker run --rm snap ls /etc /usr",
            "docker run --rm snap sh -c 'rm /tmp/f; echo more > /tmp/g; ls /tmp'",
            "docker history --format '{{.Size}}' snap",
            "docker images --format '{{.Repository}} {{.ID}} {{.Size}}'",
            "docker run --rm nginx ls /etc/nginx",
            "docker rm web",
            "docker rmi snap",
            "docker images --format '{{.Repository}}'");

    private static Engine engine(DriverKind kind) {
        return Engine.sim(DaemonOptions.DEFAULT.withStorageDriver(kind.id()));
    }

    private static List<String> run(DriverKind kind) {
        List<String> out = new ArrayList<>();
        try (Engine e = engine(kind)) {
            for (String line : SCRIPT) {
                out.add(line + "\n" + ok(e, line).text());
            }
        }
        return out;
    }

    @Test
    void theSameScriptGivesTheSameFilesAndOutputUnderBothDrivers() {
        List<String> overlay = run(DriverKind.OVERLAY2);
        List<String> vfs = run(DriverKind.VFS);
        for (int i = 0; i < SCRIPT.size(); i++) {
            assertEquals(overlay.get(i), vfs.get(i));
        }
        String diff = overlay.get(2);
        assertTrue(diff.contains("A /tmp/f") && diff.contains("D /etc/passwd") && diff.contains("D /usr/sbin")
                && diff.contains("A /data/sub/y") && diff.contains("C /etc"), diff);
        assertFalse(diff.contains("/usr/sbin/"), "a deleted tree is one deletion: " + diff);
        assertEquals("docker run --rm snap cat /tmp/f /data/sub/y\nhi\nx\n", overlay.get(6));
        assertFalse(overlay.get(7).contains("passwd"), overlay.get(7));
        assertFalse(overlay.get(7).contains("sbin"), overlay.get(7));
    }

    @Test
    void infoAndInspectNameTheDriverAsDockerDoes() {
        try (Engine e = engine(DriverKind.VFS)) {
            assertTrue(ok(e, "docker info").out().contains(" Storage Driver: vfs\n"));
            assertEquals("vfs\n", ok(e, "docker info -f '{{.Driver}}'").out());
            assertNull(e.api().info().driverStatus());
            ok(e, "docker create --name box busybox");
            Map<String, Object> c = e.api().inspectContainer("box");
            assertEquals("vfs", c.get("Driver"));
            @SuppressWarnings("unchecked")
            Map<String, Object> graph = (Map<String, Object>) c.get("GraphDriver");
            assertEquals("vfs", graph.get("Name"));
            assertTrue(graph.containsKey("Data") && graph.get("Data") == null, graph.toString());
            assertEquals("vfs null\n", ok(e, "docker image inspect -f '{{.GraphDriver.Name}} {{json .GraphDriver.Data}}' busybox").out());
        }
        try (Engine e = engine(DriverKind.OVERLAY2)) {
            assertTrue(ok(e, "docker info").out().contains(" Storage Driver: overlay2\n"));
            ok(e, "docker pull busybox");
            assertTrue(ok(e, "docker image inspect -f '{{.GraphDriver.Data.UpperDir}}' busybox").out().startsWith("/var/lib/docker/overlay2/"));
        }
    }

    @Test
    void vfsCopiesEveryLayerAndEveryContainerAndTheTraceShowsEachCopy() {
        try (Engine overlay = engine(DriverKind.OVERLAY2); Engine vfs = engine(DriverKind.VFS)) {
            for (Engine e : List.of(overlay, vfs)) {
                ok(e, "docker pull nginx");
            }
            List<TraceEvent> pullCopies = copies(vfs);
            assertTrue(copies(overlay).isEmpty());
            Api.DiskUsage o = overlay.api().diskUsage();
            Api.DiskUsage v = vfs.api().diskUsage();
            Api.ImageSummary nginx = o.images().stream().filter(i -> i.repoTags().contains("nginx:latest")).findFirst().orElseThrow();
            assertEquals(nginxLayers(vfs) - 1, pullCopies.size(), "one copy per layer above the base");
            long copied = pullCopies.stream().mapToLong(StorageDriverTest::bytes).sum();
            assertTrue(copied > 0);
            assertEquals(nginx.size(), o.layersSize(), "overlay2: each layer's own files once");

            for (Engine e : List.of(overlay, vfs)) {
                ok(e, "docker create --name box nginx");
            }
            List<TraceEvent> createCopies = copies(vfs);
            assertEquals(2, createCopies.size(), "the init layer from the image, the container's layer from the init layer");
            assertTrue(copies(overlay).isEmpty());
            long image = bytes(createCopies.get(0)); // the files a container of nginx sees: its top vfs layer
            assertEquals(image, bytes(createCopies.get(1)), "the init layer adds only empty files");
            assertTrue(image <= nginx.size() && image > nginx.size() / 2, image + " of " + nginx.size());
            // vfs: every layer below the top was copied once into the layer above it, and the top holds the whole image
            assertEquals(copied + image, v.layersSize());
            long overlayContainer = overlay.api().diskUsage().containerSizes().values().iterator().next();
            long vfsContainer = vfs.api().diskUsage().containerSizes().values().iterator().next();
            assertEquals(0, overlayContainer);
            assertEquals(2 * image, vfsContainer, "two full copies of the image's files");
            assertTrue(ok(vfs, "docker ps -a -s --format '{{.Size}}'").out().startsWith("0B "), "SizeRw: the changes only");
        }
    }

    private static long bytes(TraceEvent copy) {
        return Long.parseLong(copy.sentence().replaceAll(".*\\((\\d+) bytes of files\\).*", "$1"));
    }

    private static long nginxLayers(Engine e) {
        return ((List<?>) ((Map<?, ?>) e.api().inspectImage("nginx").get("RootFS")).get("Layers")).size();
    }

    private static List<TraceEvent> copies(Engine e) {
        return e.lastTrace().events().stream().filter(ev -> ev.action().equals(dev.glassbox.kernel.TreeCopy.ACTION)).toList();
    }

    @Test
    void anUnknownDriverIsRefusedInDockerdsWords() {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> DaemonOptions.DEFAULT.withStorageDriver("aufs"));
        assertEquals("error initializing graphdriver: driver not supported: aufs", x.getMessage());
    }

    @Test
    void removingContainersAndImagesLeavesNoDirectoryBehind() {
        dev.glassbox.kernel.Kernel kernel = new dev.glassbox.sim.SimKernel(Engine.DEFAULT_SEED, dev.glassbox.sim.programs.Programs::lookup);
        try (Engine e = Engine.persistent(kernel, dev.glassbox.registry.SimHub.standard(), false, DaemonOptions.DEFAULT.withStorageDriver("vfs"))) {
            ok(e, "docker run --name web busybox sh -c 'echo hi > /f'");
            assertEquals(2 + 1, kernel.fs().list("/var/lib/docker/vfs/dir").size(), "the container's two and busybox's one");
            ok(e, "docker commit web snap");
            assertEquals(4, kernel.fs().list("/var/lib/docker/vfs/dir").size(), "and the committed layer's");
            ok(e, "docker rm web");
            ok(e, "docker rmi snap busybox");
            assertEquals(List.of(), e.api().images(true));
            assertEquals(List.of(), kernel.fs().list("/var/lib/docker/vfs/dir"));
            assertFalse(kernel.fs().exists("/var/lib/docker/overlay2"), "nothing of the other driver");
        }
    }
}
