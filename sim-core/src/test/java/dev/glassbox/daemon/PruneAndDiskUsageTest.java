package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.api.Api;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** POST /containers/prune, POST /images/prune and GET /system/df. */
class PruneAndDiskUsageTest {
    @Test
    void containerPruneTakesTheStoppedOnesAndTheirWritableLayers() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name up busybox sleep 1000");
            String exited = ok(e, "docker run --name done busybox sh -c 'head -c 3000 /dev/zero > /blob'").out();
            String created = ok(e, "docker create --name fresh busybox").out().strip();
            String doneId = (String) e.api().inspectContainer("done").get("Id");
            Api.Pruned p = e.api().pruneContainers();
            assertEquals(Set.of(doneId, created), Set.copyOf(p.deleted()));
            assertEquals(3000, p.spaceReclaimed());
            assertEquals(List.of("up"), e.containerNames());
            assertTrue(exited.isEmpty());
            Api.Event prune = e.api().events(0, Long.MAX_VALUE).stream().filter(ev -> ev.action().equals("prune")).findFirst().orElseThrow();
            assertEquals("3000", prune.attributes().get("reclaimed"));
        }
    }

    @Test
    void imagePruneTakesDanglingImagesOnlyAndWithAllEveryUnusedOne() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            ok(e, "docker pull nginx");
            ok(e, "docker run --name box busybox sh -c 'echo x > /x'");
            String first = ok(e, "docker commit box snap").out().strip();
            ok(e, "docker run --name box2 busybox sh -c 'echo y > /y'");
            ok(e, "docker commit box2 snap");
            ok(e, "docker rm box box2");
            ok(e, "docker create --name keep busybox");
            Api.Pruned dangling = e.api().pruneImages(false);
            assertEquals("deleted: " + first, dangling.deleted().get(0), dangling.deleted().toString());
            assertTrue(dangling.deleted().stream().noneMatch(l -> l.startsWith("untagged:")), dangling.deleted().toString());
            assertEquals(2, dangling.spaceReclaimed(), "the layer holding /x, which no other image has");
            Api.Pruned all = e.api().pruneImages(true);
            List<String> lines = all.deleted();
            assertTrue(lines.contains("untagged: nginx:latest") && lines.contains("untagged: snap:latest"), lines.toString());
            assertTrue(lines.stream().allMatch(l -> l.startsWith("untagged: ") || l.startsWith("deleted: sha256:")), lines.toString());
            assertTrue(all.spaceReclaimed() > 0);
            Set<String> left = e.api().images(true).stream().flatMap(i -> i.repoTags().stream()).collect(Collectors.toSet());
            assertEquals(Set.of("busybox:latest"), left, "busybox stays: container keep uses it");
        }
    }

    @Test
    void diskUsageCountsSharedLayersOnceAndReportsWritableLayersAndVolumes() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            ok(e, "docker run --name box -v data:/data busybox sh -c 'head -c 100 /dev/zero > /f && head -c 40 /dev/zero > /data/g'");
            ok(e, "docker commit box snap");
            Api.DiskUsage df = e.api().diskUsage();
            assertEquals(2, df.images().size());
            Api.ImageSummary busybox = df.images().stream().filter(i -> i.repoTags().contains("busybox:latest")).findFirst().orElseThrow();
            Api.ImageSummary snap = df.images().stream().filter(i -> i.repoTags().contains("snap:latest")).findFirst().orElseThrow();
            assertEquals(busybox.size(), df.imageSharedSizes().get(busybox.id()), "its one layer is under snap too");
            assertEquals(busybox.size(), df.imageSharedSizes().get(snap.id()));
            assertEquals(snap.size(), df.layersSize(), "the base layer is counted once");
            String box = (String) e.api().inspectContainer("box").get("Id");
            assertEquals(100L, df.containerSizes().get(box));
            assertEquals(40L, df.volumeSizes().get("data"));
            assertEquals(1, df.volumeRefCounts().get("data"));
            assertEquals(1, busybox.containers());
        }
    }
}
