package dev.glassbox.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.api.Api;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.HostConfig;
import dev.glassbox.image.Digest;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.Layer;
import dev.glassbox.kernel.HostFs;
import dev.glassbox.registry.ImageJson;
import dev.glassbox.registry.LayerArchive;
import dev.glassbox.trace.Tracer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading a saved state back into a daemon: networks (their bridges made again), volumes, images
 * (their layers from the layout's blobs) and containers, in that order; one object that cannot be
 * restored is left out with a note. Returns the containers whose restart policy starts them with
 * the daemon. {@link Persistence} writes what this reads.
 */
final class StateReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Daemon d;
    private final HostFs fs;
    private final String blobs;
    private final Set<String> blobsKnown;
    private final List<String> notes;

    StateReader(Daemon d, HostFs fs, String blobs, Set<String> blobsKnown, List<String> notes) {
        this.d = d;
        this.fs = fs;
        this.blobs = blobs;
        this.blobsKnown = blobsKnown;
        this.notes = notes;
    }

    List<Container> read(JsonNode root) {
        restoreNetworks(root.path("networks"));
        restoreVolumes(root.path("volumes"));
        restoreImages(root);
        return restoreContainers(root.path("containers"));
    }

    /** One object of the state file that cannot be restored is left out with a note; the others come back. */
    private void each(JsonNode list, String kind, java.util.function.Consumer<JsonNode> restore) {
        for (JsonNode o : list) {
            try {
                restore.accept(o);
            } catch (RuntimeException e) {
                notes.add("glassbox: " + kind + " " + o.path("name").asText(o.path("id").asText()) + " could not be restored: " + e.getMessage());
            }
        }
    }

    private void restoreNetworks(JsonNode list) {
        each(list, "network", o -> {
            String subnet = o.path("subnet").asText();
            Ipam ipam = new Ipam(subnet, o.path("gateway").asText(), o.path("ipRange").asText(""));
            Map<String, String> labels = JSON.convertValue(o.path("labels"), JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            Map<String, String> options = o.has("options")
                    ? JSON.convertValue(o.path("options"), JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class)) : Map.of();
            NetworkDriver driver = NetworkDriver.named(o.path("driver").asText());
            Network n = new Network(o.path("id").asText(), o.path("name").asText(), driver, driver.onParent() ? null : o.path("bridge").asText(),
                    ipam, o.path("created").asLong(), labels, false, options);
            if (driver.onParent()) {
                try (Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "restore network", n.name(),
                        "The " + driver + " network " + n.name() + " was recorded by the previous daemon: its parent " + n.parent() + " is readied again.", "")) {
                    new MacvlanNetworks(d.networks, d.kernel, d.libnetwork, d.tracer).claim(n);
                }
                d.networks.byName.put(n.name(), n);
                if (n.ipam() != null) {
                    n.ipam().shownBy(d.edits);
                }
                return;
            }
            try (Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "restore network", n.name(),
                    "The network " + n.name() + " was recorded by the previous daemon: its bridge " + n.bridge() + " is made again.", "")) {
                if (!d.libnetwork.bridgeExists(n.bridge())) {
                    d.libnetwork.createBridge(n.bridge(), ipam.gateway + "/" + ipam.prefix);
                }
            }
            d.networks.byName.put(n.name(), n);
            if (n.ipam() != null) {
                n.ipam().shownBy(d.edits);
            }
        });
    }

    private void restoreVolumes(JsonNode list) {
        each(list, "volume", o -> {
            Volumes.Volume v = JSON.convertValue(o, Volumes.Volume.class);
            d.volumes.byName.put(v.name(), v);
            d.kernel.fs().mkdirs(d.volumes.mountpoint(v.name()));
        });
    }

    private void restoreImages(JsonNode root) {
        Map<String, Storage.LayerDir> byChain = d.images.storage.layers();
        for (JsonNode o : root.path("layers")) {
            String chain = o.path("chainId").asText();
            byChain.put(chain, d.images.storage.restore(chain, o.path("cacheId").asText(), o.path("diffId").asText(), o.path("size").asLong(),
                    o.path("refs").asInt()));
        }
        Map<String, List<FileEntry>> entriesByBlob = new HashMap<>();
        for (JsonNode o : root.path("images")) {
            String id = o.path("id").asText();
            try {
                ImageConfig config = ImageJson.parseConfig(fs.readFile(blobs + "/" + Digest.parse(o.path("config").asText()).hex()));
                List<Layer> layers = new ArrayList<>();
                for (JsonNode l : o.path("layers")) {
                    String blob = Digest.parse(l.path("blob").asText()).hex();
                    List<FileEntry> entries = entriesByBlob.computeIfAbsent(blob, b -> readTar(fs.readFile(blobs + "/" + b)));
                    layers.add(new Layer(Digest.parse(l.path("digest").asText()), l.path("size").asLong(), Digest.parse(l.path("diffId").asText()),
                            l.path("uncompressedSize").asLong(), entries));
                    blobsKnown.add(blob);
                }
                Image img = new Image(Digest.parse(id), Digest.parse(o.path("manifestDigest").asText()), config, layers);
                List<String> chain = new ArrayList<>();
                o.path("chain").forEach(c -> chain.add(c.asText()));
                for (String c : chain) {
                    if (!byChain.containsKey(c) || !fs.exists(byChain.get(c).diff())) {
                        throw new IllegalStateException("its layer directory for " + c + " is gone");
                    }
                }
                List<String> repoDigests = new ArrayList<>();
                o.path("repoDigests").forEach(r -> repoDigests.add(r.asText()));
                d.images.byId.put(id, new Images.Stored(img, repoDigests, chain, o.path("pulledAt").asLong(),
                        o.path("author").asText(), o.path("parent").asText()));
            } catch (RuntimeException e) {
                notes.add("glassbox: image " + id + " could not be restored: " + e.getMessage());
            }
        }
        root.path("tags").fields().forEachRemaining(e -> {
            if (d.images.byId.containsKey(e.getValue().asText())) {
                d.images.tags.put(e.getKey(), e.getValue().asText());
            }
        });
    }

    private static List<FileEntry> readTar(byte[] tar) {
        try {
            return LayerArchive.readTar(new ByteArrayInputStream(tar));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Container> restoreContainers(JsonNode list) {
        List<Container> restart = new ArrayList<>();
        long now = d.now();
        each(list, "container", o -> {
            String name = o.path("name").asText();
            Images.Stored image = d.images.byId.get(o.path("image").asText());
            if (image == null) {
                throw new IllegalStateException("its image " + o.path("image").asText() + " is gone");
            }
            ContainerConfig config = JSON.convertValue(o.path("config"), ContainerConfig.class);
            HostConfig hostConfig = JSON.convertValue(o.path("hostConfig"), HostConfig.class);
            Container c = new Container(o.path("id").asText(), name, o.path("created").asLong(), config, hostConfig, image.image(),
                    o.path("imageName").asText(), strings(o.path("path")), d.images.storage.driver.restore(o.path("cacheId").asText(), strings(o.path("lowerdirs"))),
                    o.path("hostname").asText());
            c.layout = d.layout;
            Container.Status status = Container.Status.valueOf(o.path("status").asText());
            c.exitCode = o.path("exitCode").asInt();
            c.oomKilled = o.path("oomKilled").asBoolean();
            c.error = o.path("error").asText();
            c.startedAt = o.path("startedAt").asLong();
            c.finishedAt = o.path("finishedAt").asLong();
            c.restartCount = o.path("restartCount").asInt();
            c.manuallyStopped = o.path("manuallyStopped").asBoolean();
            c.mac = o.path("mac").asText();
            List<MountPoint> mounts = new ArrayList<>();
            o.path("mounts").forEach(m -> mounts.add(JSON.convertValue(m, MountPoint.class)));
            c.mounts = List.copyOf(mounts);
            o.path("endpoints").forEach(e -> c.endpoints.add(new Endpoint(e.path("network").asText(), e.path("ifname").asText())));
            o.path("endpointSettings").fields().forEachRemaining(e -> c.endpointSettings.put(e.getKey(),
                    JSON.convertValue(e.getValue(), dev.glassbox.api.EndpointSettings.class)));
            if (o.has("health")) {
                c.health = Health.restored(JSON.convertValue(o.path("health"), Health.Saved.class));
            }
            o.path("logs").forEach(l -> c.logs.add(new Api.LogLine(l.path("stream").asInt(), l.path("timeMillis").asLong(), l.path("text").asText())));
            switch (status) {
                case RUNNING, PAUSED -> {
                    // the previous daemon died or closed with it running: the kernel killed it at open
                    c.status = Container.Status.EXITED;
                    c.exitCode = 137;
                    c.finishedAt = now;
                    d.tracer.did(dev.glassbox.trace.Layer.DAEMON, null, "restore container", name, "Container " + name
                            + " was running when the previous daemon ended; its processes were killed, so it is recorded as exited with status 137.", "");
                }
                case RESTARTING -> c.status = Container.Status.EXITED;
                case REMOVING, DEAD -> c.status = Container.Status.DEAD;
                default -> c.status = status;
            }
            d.containers.put(name, c);
            if (restartsWithTheDaemon(c)) {
                restart.add(c);
            }
        });
        return restart;
    }

    /**
     * dockerd's restart manager at daemon start: {@code always} restarts a container that ran before
     * (even one stopped by hand), {@code unless-stopped} one not stopped by hand, {@code on-failure} one
     * that ended with a non-zero status (137 for one the previous daemon left running) within its retries.
     */
    static boolean restartsWithTheDaemon(Container c) {
        var p = c.hostConfig.restartPolicy();
        if (c.startedAt <= 0 || c.status != Container.Status.EXITED) {
            return false;
        }
        return switch (p.name()) {
            case "always" -> true;
            case "unless-stopped" -> !c.manuallyStopped;
            case "on-failure" -> !c.manuallyStopped && c.exitCode != 0 && (p.maximumRetryCount() == 0 || c.restartCount < p.maximumRetryCount());
            default -> false;
        };
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }
}
