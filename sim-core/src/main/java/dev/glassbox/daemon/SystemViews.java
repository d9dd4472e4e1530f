package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.kernel.CgroupFeature;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The daemon-wide reports. docker info (GET /info): counts and the host's facts. docker system df (GET /system/df): the layers' bytes once each however many images share them, each
 * image's size and the part of it other images share, each container's writable layer, each volume's
 * data and how many containers mount it. glassbox builds no images with BuildKit: no build cache.
 */
final class SystemViews {
    private SystemViews() {}

    static Api.SystemInfo info(Daemon d) {
        int running = 0;
        int paused = 0;
        for (Container c : d.containers.values()) {
            running += c.status == Container.Status.RUNNING ? 1 : 0;
            paused += c.status == Container.Status.PAUSED ? 1 : 0;
        }
        var k = d.kernel.info();
        Set<CgroupFeature> features = d.tasks.features();
        int all = d.containers.size();
        return new Api.SystemInfo("GLAS:SBOX:" + d.kernel.name().toUpperCase(java.util.Locale.ROOT), all, running, paused,
                all - running - paused, d.images.byId.size(), Daemon.VERSION, d.images.storage.driver.kind().id(), k.operatingSystem(), "linux",
                k.architecture(), k.release(), k.cpus(), k.memTotal(), k.hostname(), d.layout.dataRoot(), k.cgroupVersion(), k.cgroupDriver(),
                d.kernel.name(), d.options.remapped() ? List.of("name=userns") : List.of(), features.contains(CgroupFeature.SWAP_LIMIT),
                features.contains(CgroupFeature.CPUSET), Discarded.infoWarnings(features), d.images.storage.driver.status());
    }

    static Api.DiskUsage diskUsage(Daemon d) {
        Map<String, Integer> imagesPerLayer = new HashMap<>();
        for (Images.Stored s : d.images.byId.values()) {
            s.chain().forEach(chain -> imagesPerLayer.merge(chain, 1, Integer::sum));
        }
        long layersSize = 0;
        for (Storage.LayerDir dir : d.images.storage.layers().values()) {
            layersSize += d.images.storage.diskBytes(dir);
        }
        Map<String, Long> shared = new HashMap<>();
        for (Images.Stored s : d.images.byId.values()) {
            long bytes = 0;
            for (String chain : s.chain()) {
                Storage.LayerDir dir = d.images.storage.get(chain);
                bytes += dir != null && imagesPerLayer.getOrDefault(chain, 0) > 1 ? d.images.storage.diskBytes(dir) : 0;
            }
            shared.put(s.image().id().toString(), bytes);
        }
        Map<String, Long> containerSizes = new HashMap<>();
        for (Container c : d.containers.values()) {
            containerSizes.put(c.id, d.images.storage.driver.diskBytes(c.rootfs));
        }
        Map<String, Long> volumeSizes = new HashMap<>();
        Map<String, Integer> refCounts = new HashMap<>();
        for (Volumes.Volume v : d.volumes.all()) {
            volumeSizes.put(v.name(), d.volumes.size(v.name()));
            refCounts.put(v.name(), VolumeUsers.of(d, v.name()).size());
        }
        List<Api.ContainerSummary> containers = d.containers(true);
        return new Api.DiskUsage(layersSize, d.images(true), containers, containerSizes, d.volumes(), volumeSizes, refCounts, shared);
    }
}
