package dev.glassbox.daemon;

import dev.glassbox.Progress;
import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.image.Digest;
import dev.glassbox.image.HistoryEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.registry.Registry;
import dev.glassbox.trace.Tracer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The daemon's image store: pulls from the registry layer by layer, tags, removes, describes. */
final class Images {
    /** Simulated download speed: 40 MB/s, so pulls take virtual time as real ones do. */
    private static final long BYTES_PER_SECOND = 40_000_000;

    /**
     * {@code repoDigestsFull} ({@code docker.io/library/nginx@sha256:…}) name the manifests the image was
     * pulled by or pushed as, none for an image made here (commit); {@code parent} its parent image's id or empty.
     */
    record Stored(Image image, List<String> repoDigestsFull, List<String> chain, long pulledAt, String author, String parent) {
        Stored {
            repoDigestsFull = List.copyOf(repoDigestsFull);
        }

        Stored(Image image, String repoDigest, List<String> chain, long pulledAt) {
            this(image, List.of(repoDigest), chain, pulledAt, "", "");
        }

        List<String> repoDigests() {
            return repoDigestsFull.stream().map(d -> d.startsWith("docker.io/library/") ? d.substring(18) : d).toList();
        }

        /** Also known by this repository@digest, as after a push or a pull under another name. */
        Stored withRepoDigest(String full) {
            if (repoDigestsFull.contains(full)) {
                return this;
            }
            List<String> more = new ArrayList<>(repoDigestsFull);
            more.add(full);
            return new Stored(image, more, chain, pulledAt, author, parent);
        }
    }

    private final Kernel kernel;
    private final Tracer tracer;
    private final Registry hub;
    final Storage storage;
    final Map<String, Stored> byId = new LinkedHashMap<>();
    /** docker.io/library/nginx:latest → image id. */
    final TreeMap<String, String> tags = new TreeMap<>();

    final Events events;

    /** Where this store marks the parts of the state it edits. */
    private final dev.glassbox.trace.Edits edits;

    Images(Kernel kernel, Tracer tracer, Registry hub, Storage storage, Events events, dev.glassbox.trace.Edits edits) {
        this.edits = edits;
        this.events = events;
        this.kernel = kernel;
        this.tracer = tracer;
        this.hub = hub;
        this.storage = storage;
    }

    /** Whether {@code hex} can be an image id or its prefix: 12 to 64 lowercase hex digits. */
    private static boolean isIdPrefix(String hex) {
        if (hex.length() < 12 || hex.length() > 64) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Finds a local image by reference, full id, or id prefix. */
    Optional<Stored> find(String name) {
        String hex = name.startsWith("sha256:") ? name.substring(7) : name;
        if (isIdPrefix(hex)) {
            for (Stored s : byId.values()) {
                if (s.image().id().hex().startsWith(hex)) {
                    return Optional.of(s);
                }
            }
        }
        ImageRef ref;
        try {
            ref = ImageRef.parse(name).withDefaultTag();
        } catch (DockerException e) {
            return Optional.empty();
        }
        if (ref.digest() != null) {
            for (Stored s : byId.values()) {
                if (s.repoDigestsFull().contains(ref.fullName() + "@" + ref.digest())) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
        String id = tags.get(ref.toString());
        return id == null ? Optional.empty() : Optional.of(byId.get(id));
    }

    Stored get(String name) {
        return find(name).orElseThrow(() -> DockerException.noSuchImage(familiar(name)));
    }

    static String familiar(String name) {
        try {
            return ImageRef.parse(name).withDefaultTag().familiar();
        } catch (DockerException e) {
            return name;
        }
    }

    Api.PullResult pull(String image, Progress progress) {
        ImageRef ref = ImageRef.parse(image).withDefaultTag();
        String reference = ref.tag() != null ? ref.tag() : ref.digest().toString();
        try (Tracer.Span s = tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "pull", ref.familiar(),
                "The daemon asks the registry for " + ref.familiar() + " and downloads the layers it does not have yet.", "")) {
            Registry hub = this.hub.forDomain(ref.domain());
            Optional<Image> found = hub.resolve(ref);
            String origin = found.isPresent() ? hub.origin(ref) : "";
            registry(hub, "GET", "/v2/" + ref.path() + "/manifests/" + reference, "The registry answers with the image's manifest: its config and the digests of its layers."
                    + (origin.isEmpty() ? "" : " " + origin));
            Image img = found.orElseThrow(() -> hub.hasRepository(ref.path())
                    ? DockerException.notFound("manifest for " + ref.familiar() + " not found: manifest unknown: manifest unknown")
                    : DockerException.notFound("pull access denied for " + ref.repository()
                            + ", repository does not exist or may require 'docker login': denied: requested access to the resource is denied")
                            .withHint(HubHint.of(hub)));
            boolean stored = byId.containsKey(img.id().toString());
            if (stored) {
                // moby's pullSchema2Layers: an image whose config is already in the store has every layer; nothing is fetched
                tracer.note(dev.glassbox.trace.Layer.DAEMON, null, "image exists", img.id().shortId(), "The manifest names config "
                        + img.id().shortId() + ", which is already stored here with all its layers: nothing to download.", "");
            } else {
                registry(hub, "GET", "/v2/" + ref.path() + "/blobs/" + img.id(), "The config blob: environment, command, exposed ports and the layers' diff ids.");
            }
            List<String> chain = Storage.chainIds(img.config().diffIds());
            List<Api.LayerStatus> statuses = new ArrayList<>();
            boolean downloaded = false;
            for (int i = 0; i < (stored ? 0 : img.layers().size()); i++) {
                Layer layer = img.layers().get(i);
                String shortId = layer.digest().shortId();
                if (storage.has(chain.get(i))) {
                    tracer.note(dev.glassbox.trace.Layer.DAEMON, null, "layer exists", shortId, "Layer " + (i + 1) + "/" + img.layers().size()
                            + " is already on disk (another image shares it): nothing to download.", "");
                    progress.update(shortId, "Already exists", 0, 0);
                    statuses.add(new Api.LayerStatus(shortId, "Already exists", layer.size()));
                    continue;
                }
                downloaded = true;
                download(hub, ref, layer, i, img.layers().size(), progress);
                try (Tracer.Span x = tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "extract layer", shortId,
                        storage.driver.extractSentence(), "")) {
                    progress.update(shortId, "Extracting", 0, layer.size());
                    Storage.LayerDir dir = storage.unpack(i == 0 ? null : chain.get(i - 1), chain.get(i), layer);
                    tracer.note(dev.glassbox.trace.Layer.KERNEL, dev.glassbox.trace.Subsystem.UNIONFS, "unpack", dir.diff(),
                            layer.entries().size() + " entries written to " + dir.diff() + ".", "tar -xzf " + layer.digest().hex() + ".tar.gz -C " + dir.diff());
                }
                progress.update(shortId, "Pull complete", layer.size(), layer.size());
                statuses.add(new Api.LayerStatus(shortId, "Pull complete", layer.size()));
            }
            String repoDigest = ref.fullName() + "@" + img.manifestDigest();
            Stored existing = byId.get(img.id().toString());
            boolean known = existing != null && existing.repoDigestsFull().contains(repoDigest);
            if (existing == null) {
                storage.ref(chain, 1);
                byId.put(img.id().toString(), new Stored(img, repoDigest, chain, kernel.currentTimeMillis()));
                edits.mark(dev.glassbox.trace.StatePart.IMAGES);
            } else {
                byId.put(img.id().toString(), existing.withRepoDigest(repoDigest));
                edits.mark(dev.glassbox.trace.StatePart.IMAGES);
            }
            boolean newer;
            if (ref.digest() != null) {
                // pulled by digest: the digest is recorded (RepoDigests), no tag is made, as dockerd's AddDigest does
                newer = downloaded || !known;
                tracer.did(dev.glassbox.trace.Layer.DAEMON, null, "tag", ref.familiar(), "The image " + img.id().shortId()
                        + " is stored and known by its digest " + ref.familiar() + "; no tag is made.", "");
            } else {
                String previous = tags.put(ref.withDefaultTag().toString(), img.id().toString());
                edits.mark(dev.glassbox.trace.StatePart.IMAGES);
                newer = downloaded || previous == null || !previous.equals(img.id().toString());
                tracer.did(dev.glassbox.trace.Layer.DAEMON, null, "tag", ref.familiar(), "The image " + img.id().shortId()
                        + " is stored and the name " + ref.familiar() + " points at it.", "");
            }
            events.image(ref.familiar(), ref.repository(), "pull", img.config().labels());
            return new Api.PullResult(ref.familiar(), reference, img.manifestDigest().toString(), newer, statuses);
        }
    }

    /** Records that the image is known in a registry as {@code repository@digest} (after a push). */
    void addRepoDigest(String id, String full) {
        byId.computeIfPresent(id, (k, s) -> s.withRepoDigest(full));
    }

    void registry(Registry hub, String method, String path, String sentence) {
        tracer.note(dev.glassbox.trace.Layer.REGISTRY, null, method, path, sentence, method + " " + hub.baseUrl() + path);
    }

    private void download(Registry hub, ImageRef ref, Layer layer, int index, int count, Progress progress) {
        String shortId = layer.digest().shortId();
        progress.update(shortId, "Pulling fs layer", 0, layer.size());
        registry(hub, "GET", "/v2/" + ref.path() + "/blobs/" + layer.digest(), "Layer " + (index + 1) + "/" + count + ": "
                + layer.size() + " compressed bytes, checked against its digest after download.");
        long step = Math.max(1, layer.size() / 4);
        for (long done = step; done < layer.size(); done += step) {
            kernel.idle(Math.max(1, step * 1000 / BYTES_PER_SECOND));
            progress.update(shortId, "Downloading", done, layer.size());
        }
        kernel.idle(Math.max(1, (layer.size() % step) * 1000 / BYTES_PER_SECOND));
        progress.update(shortId, "Verifying Checksum", layer.size(), layer.size());
        progress.update(shortId, "Download complete", layer.size(), layer.size());
    }

    /** Stores an image made here: layers the storage lacks are unpacked into the storage driver's directories first. Answers its id. */
    String store(Image img, Image parent, ImageRef ref, String author) {
        List<String> chain = Storage.chainIds(img.config().diffIds());
        for (int i = 0; i < img.layers().size(); i++) {
            if (!storage.has(chain.get(i))) {
                Layer layer = img.layers().get(i);
                Storage.LayerDir dir = storage.unpack(i == 0 ? null : chain.get(i - 1), chain.get(i), layer);
                tracer.did(dev.glassbox.trace.Layer.KERNEL, dev.glassbox.trace.Subsystem.UNIONFS, "unpack", dir.diff(),
                        storage.driver.storedSentence(layer.entries().size()),
                        "tar -xf " + layer.diffId().hex() + ".tar -C " + dir.diff());
            }
        }
        String id = img.id().toString();
        if (!byId.containsKey(id)) {
            storage.ref(chain, 1);
            byId.put(id, new Stored(img, List.of(), chain, kernel.currentTimeMillis(), author, parent == null ? "" : parent.id().toString()));
            edits.mark(dev.glassbox.trace.StatePart.IMAGES);
        }
        if (ref != null) {
            tags.put(ref.toString(), id);
            edits.mark(dev.glassbox.trace.StatePart.IMAGES);
        }
        return id;
    }

    void tag(String source, String target) {
        Stored s = get(source);
        ImageRef ref = ImageRef.parse(target).withDefaultTag();
        if (ref.digest() != null) {
            throw DockerException.invalid("refusing to create a tag with a digest reference");
        }
        tags.put(ref.toString(), s.image().id().toString());
        edits.mark(dev.glassbox.trace.StatePart.IMAGES);
        events.image(s.image().id().toString(), ref.familiar(), "tag", s.image().config().labels());
    }

    List<Map<String, String>> remove(String name, boolean force, List<String> usedByContainers) {
        Stored s = get(name);
        String id = s.image().id().toString();
        List<String> refs = tagsOf(id);
        boolean named = !refs.contains(safeRef(name));
        List<Map<String, String>> out = new ArrayList<>();
        if (!named && refs.size() > 1) {
            tags.remove(safeRef(name));
            edits.mark(dev.glassbox.trace.StatePart.IMAGES);
            out.add(Map.of("Untagged", ImageRef.parse(name).withDefaultTag().familiar()));
            events.removed(id, out);
            return out;
        }
        if (!usedByContainers.isEmpty() && !force) {
            throw DockerException.conflict("conflict: unable to " + (named ? "delete " + s.image().id().shortId() : "remove repository reference \""
                    + familiar(name) + "\"") + " (must force) - container " + usedByContainers.get(0).substring(0, 12)
                    + " is using its referenced image " + s.image().id().shortId());
        }
        if (named && refs.size() > 1 && !force) {
            throw DockerException.conflict("conflict: unable to delete " + s.image().id().shortId()
                    + " (must be forced) - image is referenced in multiple repositories");
        }
        for (String r : refs) {
            tags.remove(r);
            edits.mark(dev.glassbox.trace.StatePart.IMAGES);
            out.add(Map.of("Untagged", ImageRef.parse(r).familiar()));
        }
        if (!out.isEmpty()) {
            s.repoDigests().forEach(digest -> out.add(Map.of("Untagged", digest)));
        }
        if (usedByContainers.isEmpty()) {
            byId.remove(id);
            edits.mark(dev.glassbox.trace.StatePart.IMAGES);
            storage.ref(s.chain(), -1);
            out.add(Map.of("Deleted", id));
            for (String chain : storage.prune()) {
                out.add(Map.of("Deleted", chain));
            }
        }
        events.removed(id, out);
        return out;
    }

    private static String safeRef(String name) {
        try {
            return ImageRef.parse(name).withDefaultTag().toString();
        } catch (DockerException e) {
            return name;
        }
    }

    List<String> tagsOf(String id) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : tags.entrySet()) {
            if (e.getValue().equals(id)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    List<Api.ImageSummary> list(Map<String, Integer> containersPerImage) {
        List<Api.ImageSummary> out = new ArrayList<>();
        for (Stored s : byId.values()) {
            String id = s.image().id().toString();
            List<String> repoTags = new ArrayList<>();
            for (String t : tagsOf(id)) {
                repoTags.add(ImageRef.parse(t).familiar());
            }
            out.add(new Api.ImageSummary(id, repoTags, s.repoDigests(), s.image().config().created(), s.image().size(),
                    containersPerImage.getOrDefault(id, 0)));
        }
        out.sort((a, b) -> Long.compare(b.created(), a.created()));
        return out;
    }

    List<Api.HistoryItem> history(String name) {
        Stored s = get(name);
        List<Api.HistoryItem> out = new ArrayList<>();
        List<HistoryEntry> hist = s.image().config().history();
        int layer = 0;
        List<Long> sizes = new ArrayList<>();
        for (Layer l : s.image().layers()) {
            sizes.add(l.contentSize());
        }
        for (HistoryEntry h : hist) {
            long size = h.emptyLayer() ? 0 : layer < sizes.size() ? sizes.get(layer++) : 0;
            out.add(0, new Api.HistoryItem("<missing>", h.created(), h.createdBy(), size, h.comment()));
        }
        // as dockerd's history: the newest line is the image's, each older one its parent's while there is a local parent
        Stored at = s;
        for (int i = 0; i < out.size() && at != null; i++) {
            Api.HistoryItem h = out.get(i);
            out.set(i, new Api.HistoryItem(at.image().id().toString(), h.created(), h.createdBy(), h.size(), h.comment()));
            at = at.parent().isEmpty() ? null : byId.get(at.parent());
        }
        return out;
    }

    Map<String, Object> inspect(String name) {
        Stored s = get(name);
        Image img = s.image();
        Map<String, Object> m = new LinkedHashMap<>();
        String id = img.id().toString();
        m.put("Id", id);
        List<String> repoTags = new ArrayList<>();
        for (String t : tagsOf(id)) {
            repoTags.add(ImageRef.parse(t).familiar());
        }
        m.put("RepoTags", repoTags);
        m.put("RepoDigests", s.repoDigests());
        m.put("Parent", s.parent());
        List<HistoryEntry> hist = img.config().history();
        m.put("Comment", !s.repoDigestsFull().isEmpty() || hist.isEmpty() ? "" : hist.get(hist.size() - 1).comment());
        m.put("Created", Instant.ofEpochSecond(img.config().created()).toString());
        m.put("DockerVersion", "");
        m.put("Author", s.author());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Hostname", "");
        config.put("User", img.config().user());
        Map<String, Object> exposed = new LinkedHashMap<>();
        for (String p : img.config().exposedPorts()) {
            exposed.put(p, Map.of());
        }
        config.put("ExposedPorts", exposed.isEmpty() ? null : exposed);
        config.put("Env", img.config().env());
        config.put("Cmd", img.config().cmd());
        if (img.config().healthcheck() != null) {
            config.put("Healthcheck", BuildViews.healthcheck(img.config().healthcheck()));
        }
        config.put("Image", "");
        config.put("Volumes", BuildViews.volumes(img.config().volumes()));
        config.put("WorkingDir", img.config().workingDir());
        config.put("Entrypoint", img.config().entrypoint());
        config.put("Labels", img.config().labels().isEmpty() ? null : new TreeMap<>(img.config().labels()));
        if (!img.config().stopSignal().isEmpty()) {
            config.put("StopSignal", img.config().stopSignal());
        }
        if (!img.config().onBuild().isEmpty()) {
            config.put("OnBuild", img.config().onBuild());
        }
        if (img.config().shell() != null) {
            config.put("Shell", img.config().shell());
        }
        m.put("Config", config);
        m.put("Architecture", img.config().architecture());
        m.put("Os", img.config().os());
        m.put("Size", img.size());
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("Name", storage.driver.kind().id());
        driver.put("Data", storage.driver.imageData(storage.lowerdirs(s.chain())));
        m.put("GraphDriver", driver);
        List<String> diffIds = new ArrayList<>();
        for (Digest d : img.config().diffIds()) {
            diffIds.add(d.toString());
        }
        m.put("RootFS", Views.ordered("Type", "layers", "Layers", diffIds));
        m.put("Metadata", Map.of("LastTagTime", "0001-01-01T00:00:00Z"));
        return m;
    }
}
