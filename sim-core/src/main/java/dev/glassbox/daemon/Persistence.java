package dev.glassbox.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.api.Api;
import dev.glassbox.image.Digest;
import dev.glassbox.image.Image;
import dev.glassbox.image.Layer;
import dev.glassbox.kernel.HostFs;
import dev.glassbox.registry.ImageJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * dockerd's on-disk state: the daemon's objects (images and their tags, the overlay2 layer
 * directories, containers, volumes, user-defined networks) written as one JSON file under the data
 * root after every Engine API call that changed them, and read back when a daemon starts on the same
 * root. File contents never go into the JSON: each image layer is kept once as its uncompressed tar in
 * an OCI-style blob store ({@code DATA_ROOT/image/blobs/sha256/DIFF_ID}), next to the image configs.
 *
 * <p>Containers that were running when the previous daemon ended come back exited with status 137:
 * the kernel killed their processes and took their mounts, cgroups and links apart at open.
 */
public final class Persistence {
    /** The state file's name under the data root. */
    public static final String FILE = "glassbox-daemon.json";
    static final int VERSION = 1;
    /** Log lines kept per container across a restart (Docker's json-file keeps them all; this keeps the tail). */
    static final int LOG_LINES = 1000;

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.INDENT_OUTPUT, true);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private final Daemon d;
    private final HostFs fs;
    private final String file;
    private final String blobs;
    private final Set<String> blobsKnown = new HashSet<>();
    private byte[] last;
    private byte[] lastIndex;
    /** The blobs the last written state named: those it no longer names are deleted after the next write. */
    private Set<String> blobsReferenced = new HashSet<>();
    /**
     * An image's config and manifest blobs, by image id: an image never changes, so its JSON and
     * digests are computed once, not at every save (kept while both blobs are still stored).
     */
    private final java.util.Map<String, ImageBlobs> imageBlobs = new java.util.HashMap<>();
    /**
     * A container's fixed parts as JSON (its config, host config, path and lowerdirs never change after
     * create), converted once: by reflection, each conversion costs more than the rest of a save.
     */
    private java.util.Map<Container, JsonNode[]> fixedParts = new java.util.IdentityHashMap<>();
    /** The host config each container's fixed parts were made from: docker update replaces it. */
    private final java.util.Map<Container, dev.glassbox.api.HostConfig> fixedHosts = new java.util.IdentityHashMap<>();

    private record ImageBlobs(String config, String manifest, long manifestSize) {}
    /** What the last restore did, one line each (the REPL may show it; tests read it). */
    private final List<String> notes = new ArrayList<>();
    private boolean restoring;

    public Persistence(Daemon d) {
        this.d = d;
        this.fs = d.kernel.fs();
        String root = d.layout.dataRoot();
        this.file = root + "/" + FILE;
        this.blobs = root + "/image/blobs/sha256";
    }

    public String file() {
        return file;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * The API with a save after each call: between the traced API layer and the daemon, so every door
     * (REPL, web page, HTTP Engine API) goes through it, and a change that happened between calls (a
     * container that exited by itself) is written at the next one. Nothing is written when the state
     * did not change.
     */
    /** The API's calls that only read the daemon's objects. */
    private static final java.util.Set<String> READS = java.util.Set.of("version", "info", "images", "inspectImage", "history",
            "containers", "inspectContainer", "logs", "top", "stats", "execInspect", "changes", "readFile", "statPath", "archive",
            "volumes", "inspectVolume", "networks", "inspectNetwork", "events", "diskUsage");

    public Api wrap(Api inner) {
        return (Api) Proxy.newProxyInstance(Api.class.getClassLoader(), new Class<?>[] {Api.class}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(inner, args);
            }
            try {
                return method.invoke(inner, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (!READS.contains(method.getName())) {
                    saveOrWarn(); // a read changes nothing to keep: an API server's streams poll inspect many times a second
                }
            }
        });
    }

    /** A state file that cannot be written must not fail the command that changed the state: one line on stderr. */
    private void saveOrWarn() {
        try {
            save();
        } catch (RuntimeException e) {
            System.err.println("glassbox: could not write the daemon's state to " + file + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- save

    /** Writes the state file if the state changed since the last write: temp file, then rename over the old one. */
    public synchronized void save() {
        ObjectNode state = snapshot();
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (last != null && Arrays.equals(last, bytes)) {
            return;
        }
        writeLayout(state);
        fs.replaceFile(file, bytes);
        last = bytes;
        Set<String> used = blobsUsed(state);
        if (!used.containsAll(blobsReferenced)) {
            fs.settleWrites(); // a blob is deleted only once the state file on the disk no longer names it
        }
        for (String b : blobsReferenced) {
            if (!used.contains(b)) {
                removeQuietly(blobs + "/" + b);
                blobsKnown.remove(b);
            }
        }
        imageBlobs.values().removeIf(ib -> !used.contains(ib.config().substring(7))); // images removed meanwhile
        blobsReferenced = used;
    }

    /** The blobs (hex) the state names: image configs and layer tars. */
    private static Set<String> blobsUsed(JsonNode state) {
        Set<String> used = new HashSet<>();
        for (JsonNode img : state.path("images")) {
            used.add(img.path("config").asText().substring(7));
            used.add(img.path("manifest").asText().substring(7));
            img.path("layers").forEach(l -> used.add(l.path("blob").asText().substring(7)));
        }
        return used;
    }

    /** The daemon's objects as JSON (writes the blobs of layers and configs not stored yet). */
    ObjectNode snapshot() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("storageDriver", d.images.storage.driver.kind().id());
        ArrayNode images = root.putArray("images");
        for (Images.Stored s : d.images.byId.values()) {
            Image img = s.image();
            ObjectNode o = images.addObject();
            o.put("id", img.id().toString());
            o.put("manifestDigest", img.manifestDigest().toString());
            ImageBlobs ib = imageBlobs(img);
            o.put("config", ib.config());
            o.set("repoDigests", JSON.valueToTree(s.repoDigestsFull()));
            o.set("chain", JSON.valueToTree(s.chain()));
            o.put("pulledAt", s.pulledAt());
            o.put("author", s.author());
            o.put("parent", s.parent());
            ArrayNode layers = o.putArray("layers");
            for (Layer l : img.layers()) {
                ObjectNode lo = layers.addObject();
                lo.put("digest", l.digest().toString());
                lo.put("size", l.size());
                lo.put("diffId", l.diffId().toString());
                lo.put("uncompressedSize", l.uncompressedSize());
                lo.put("blob", layerBlob(l));
            }
            o.put("manifest", ib.manifest());
        }
        root.set("tags", JSON.valueToTree(d.images.tags));
        ArrayNode layers = root.putArray("layers");
        for (Storage.LayerDir l : d.images.storage.layers().values()) {
            ObjectNode o = layers.addObject();
            o.put("chainId", l.chainId());
            o.put("cacheId", l.cacheId());
            o.put("diffId", l.diffId());
            o.put("size", l.size());
            o.put("refs", l.refs()[0]);
        }
        ArrayNode volumes = root.putArray("volumes");
        for (Volumes.Volume v : d.volumes.all()) {
            volumes.add(JSON.valueToTree(v));
        }
        ArrayNode networks = root.putArray("networks");
        for (Network n : d.networks.byName.values()) {
            if (n.predefined()) {
                continue;
            }
            ObjectNode o = networks.addObject();
            o.put("id", n.id());
            o.put("name", n.name());
            o.put("driver", n.driver().wire());
            o.put("bridge", n.bridge());
            o.put("subnet", n.ipam().subnet);
            o.put("gateway", n.ipam().gateway);
            o.put("ipRange", n.ipam().range);
            o.put("created", n.created());
            o.set("labels", JSON.valueToTree(n.labels()));
            o.set("options", JSON.valueToTree(n.options()));
        }
        ArrayNode containers = root.putArray("containers");
        java.util.Map<Container, JsonNode[]> fixed = new java.util.IdentityHashMap<>();
        for (Container c : d.containers.values()) {
            JsonNode[] parts = fixedHosts.get(c) == c.hostConfig ? fixedParts.get(c) : null;
            if (parts == null) {
                fixedHosts.put(c, c.hostConfig);
                parts = new JsonNode[] {JSON.valueToTree(c.config), JSON.valueToTree(c.hostConfig), JSON.valueToTree(c.path),
                        JSON.valueToTree(c.lowerdirs)};
            }
            fixed.put(c, parts);
            containers.add(container(c, parts));
        }
        fixedParts = fixed; // the removed containers' parts are forgotten
        fixedHosts.keySet().retainAll(fixed.keySet());
        return root;
    }

    private ObjectNode container(Container c, JsonNode[] fixed) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", c.id);
        o.put("name", c.name);
        o.put("created", c.created);
        o.set("config", fixed[0]);
        o.set("hostConfig", fixed[1]);
        o.put("image", c.image.id().toString());
        o.put("imageName", c.imageName);
        o.set("path", fixed[2]);
        o.put("cacheId", c.cacheId);
        o.set("lowerdirs", fixed[3]);
        o.put("hostname", c.hostname);
        o.put("status", c.status.name());
        o.put("exitCode", c.exitCode);
        o.put("oomKilled", c.oomKilled);
        o.put("error", c.error);
        o.put("startedAt", c.startedAt);
        o.put("finishedAt", c.finishedAt);
        o.put("restartCount", c.restartCount);
        o.put("manuallyStopped", c.manuallyStopped);
        o.put("mac", c.mac);
        o.set("mounts", JSON.valueToTree(c.mounts));
        ArrayNode eps = o.putArray("endpoints");
        for (Endpoint e : c.endpoints) {
            eps.addObject().put("network", e.network).put("ifname", e.ifname);
        }
        o.set("endpointSettings", JSON.valueToTree(c.endpointSettings));
        if (c.health != null) {
            o.set("health", JSON.valueToTree(c.health.saved()));
        }
        // while it runs: what the next daemon needs to tell what it left behind
        o.put("pid", c.pid);
        o.put("ip", c.ip);
        o.put("vethHost", c.vethHost);
        List<Api.LogLine> logs = c.logs.size() > LOG_LINES ? c.logs.subList(c.logs.size() - LOG_LINES, c.logs.size()) : c.logs;
        o.set("logs", JSON.valueToTree(logs));
        return o;
    }

    private ImageBlobs imageBlobs(Image img) {
        String id = img.id().toString();
        ImageBlobs ib = imageBlobs.get(id);
        if (ib == null || !blobsKnown.contains(ib.config().substring(7)) || !blobsKnown.contains(ib.manifest().substring(7))) {
            byte[] config = ImageJson.config(img.config());
            byte[] manifest = manifest(config, img);
            ib = new ImageBlobs(blob(config, null), blob(manifest, null), manifest.length);
            imageBlobs.put(id, ib);
        }
        return ib;
    }

    /** The image's OCI manifest over the stored blobs: its config and its layers as uncompressed tars. */
    private static byte[] manifest(byte[] config, Image img) {
        ObjectNode m = COMPACT.createObjectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", ImageArchives.MANIFEST_TYPE);
        m.set("config", descriptor(ImageArchives.CONFIG_TYPE, Digest.of(config).toString(), config.length));
        ArrayNode layers = m.putArray("layers");
        for (Layer l : img.layers()) {
            layers.add(descriptor(ImageArchives.LAYER_TYPE, l.diffId().toString(), l.uncompressedSize()));
        }
        return compact(m);
    }

    private static ObjectNode descriptor(String type, String digest, long size) {
        ObjectNode d = COMPACT.createObjectNode();
        d.put("mediaType", type);
        d.put("digest", digest);
        d.put("size", size);
        return d;
    }

    private static byte[] compact(JsonNode n) {
        try {
            return COMPACT.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code image/index.json} of the OCI image layout: one manifest per tag (named by the tag, as
     * containerd names them), and the untagged images without a name.
     */
    private byte[] index(JsonNode state) {
        ObjectNode idx = COMPACT.createObjectNode();
        idx.put("schemaVersion", 2);
        idx.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = idx.putArray("manifests");
        for (JsonNode img : state.path("images")) {
            String id = img.path("id").asText();
            String manifest = img.path("manifest").asText();
            ImageBlobs ib = imageBlobs.get(id);
            long size = ib != null && ib.manifest().equals(manifest) ? ib.manifestSize() : fs.readFile(blobs + "/" + manifest.substring(7)).length;
            List<String> tags = d.images.tagsOf(id);
            if (tags.isEmpty()) {
                manifests.add(descriptor(ImageArchives.MANIFEST_TYPE, manifest, size));
            }
            for (String t : tags) {
                ObjectNode desc = descriptor(ImageArchives.MANIFEST_TYPE, manifest, size);
                desc.putObject("annotations").put("io.containerd.image.name", t)
                        .put("org.opencontainers.image.ref.name", t.substring(t.lastIndexOf(':') + 1));
                manifests.add(desc);
            }
        }
        return compact(idx);
    }

    private void writeLayout(JsonNode state) {
        byte[] index = index(state);
        if (lastIndex != null && Arrays.equals(lastIndex, index)) {
            return;
        }
        String dir = blobs.substring(0, blobs.length() - "/blobs/sha256".length());
        if (!fs.exists(dir + "/oci-layout")) {
            fs.writeFile(dir + "/oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        fs.writeFile(dir + "/index.json.tmp", index);
        fs.rename(dir + "/index.json.tmp", dir + "/index.json");
        lastIndex = index;
    }

    /** Stores bytes once by digest (or under {@code name}); answers the blob's digest. */
    private String blob(byte[] data, Digest name) {
        Digest digest = name != null ? name : Digest.of(data);
        if (blobsKnown.add(digest.hex())) {
            String path = blobs + "/" + digest.hex();
            if (!fs.exists(path)) {
                fs.writeFile(path + ".tmp", data);
                fs.rename(path + ".tmp", path);
            }
        }
        return digest.toString();
    }

    /** A layer's uncompressed tar, stored under its diff id (which is that tar's digest). */
    private String layerBlob(Layer l) {
        if (blobsKnown.contains(l.diffId().hex())) {
            return l.diffId().toString();
        }
        if (fs.exists(blobs + "/" + l.diffId().hex())) {
            blobsKnown.add(l.diffId().hex());
            return l.diffId().toString();
        }
        byte[] tar = ImageArchives.tar(l.entries());
        Digest digest = Digest.of(tar);
        return blob(tar, digest);
    }

    // ---------------------------------------------------------------- restore

    /** Whether a state file from an earlier daemon is there. */
    public boolean exists() {
        return fs.exists(file);
    }

    /**
     * Brings back what an earlier daemon on this data root saved, then removes the storage driver's
     * and container directories nobody references any more, then restarts the containers whose restart
     * policy asks for it at daemon start ({@code always}, {@code unless-stopped} not stopped by hand).
     */
    public synchronized void restore() {
        if (!exists()) {
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(fs.readFile(file));
        } catch (IOException | RuntimeException e) {
            notes.add("glassbox: the state file " + file + " cannot be read (" + e.getMessage() + "); starting empty");
            return;
        }
        if (root.path("version").asInt() != VERSION) {
            notes.add("glassbox: the state file " + file + " has version " + root.path("version").asText() + "; starting empty");
            return;
        }
        String driver = root.path("storageDriver").asText("overlay2");
        if (!driver.equals(d.images.storage.driver.kind().id())) {
            // dockerd keeps each driver's images and containers apart; this state file holds one driver's
            throw new IllegalStateException("glassbox: the daemon state under " + d.layout.dataRoot() + " was made with the " + driver
                    + " storage driver: start with --storage-driver " + driver + ", or use another --state-root");
        }
        List<Container> restart = new StateReader(d, fs, blobs, blobsKnown, notes).read(root);
        ObjectNode state = snapshot();
        blobsReferenced = blobsUsed(state);
        restoring = true;
        try {
            removeOrphans(blobsReferenced);
        } finally {
            restoring = false;
        }
        try {
            last = JSON.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Container c : restart) {
            try {
                d.lifecycle.start(c);
                notes.add("restarted " + c.name + " (restart policy " + c.hostConfig.restartPolicy().name() + ")");
            } catch (RuntimeException e) {
                c.error = String.valueOf(e.getMessage());
                notes.add("could not restart " + c.name + ": " + e.getMessage());
            }
        }
        save();
    }

    /** Layer and container directories no image layer and no container references: a crash's leftovers. */
    private void removeOrphans(Set<String> blobsUsed) {
        Set<String> keep = new HashSet<>();
        d.images.storage.layers().values().forEach(l -> keep.add(l.cacheId()));
        for (Container c : d.containers.values()) {
            keep.add(c.cacheId);
            keep.add(c.cacheId + "-init");
        }
        String overlay = d.images.storage.driver.layersDir();
        for (String name : fs.list(overlay)) {
            if (!keep.contains(name)) {
                removeQuietly(overlay + "/" + name);
            }
        }
        String containers = d.layout.dataRoot() + "/containers";
        for (String id : fs.list(containers)) {
            if (d.containers.values().stream().noneMatch(c -> c.id.equals(id))) {
                removeQuietly(containers + "/" + id);
            }
        }
        for (String b : fs.list(blobs)) {
            if (!blobsUsed.contains(b)) {
                removeQuietly(blobs + "/" + b);
                blobsKnown.remove(b);
            }
        }
    }

    private void removeQuietly(String path) {
        try {
            fs.remove(path);
            if (restoring) {
                notes.add("removed " + path + ": nothing references it");
            }
        } catch (RuntimeException e) {
            if (restoring) {
                notes.add("glassbox: could not remove " + path + ": " + e.getMessage());
            } else {
                System.err.println("glassbox: could not remove " + path + ": " + e.getMessage());
            }
        }
    }
}
