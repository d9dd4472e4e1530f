package dev.glassbox.daemon;

import dev.glassbox.Progress;
import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.image.Digest;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.registry.ImageJson;
import dev.glassbox.registry.LayerArchive;
import dev.glassbox.registry.Registry;
import dev.glassbox.trace.Tracer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code docker push}: each layer blob the registry lacks is uploaded (asked first with a HEAD, so a
 * second push sends nothing twice), then the config, then the manifest under the tag. The daemon keeps
 * images as files, not blobs: a layer's blob is rebuilt from its entries, reproducibly, and must hash
 * to the digest the image was made or pulled with.
 */
final class Pushes {
    /** Simulated upload speed: 20 MB/s, so pushes take virtual time as real ones do. */
    private static final long BYTES_PER_SECOND = 20_000_000;

    private final Kernel kernel;
    private final Tracer tracer;
    private final Registry registries;
    private final Images images;

    Pushes(Kernel kernel, Tracer tracer, Registry registries, Images images) {
        this.kernel = kernel;
        this.tracer = tracer;
        this.registries = registries;
        this.images = images;
    }

    Api.PushResult push(String image, Progress progress) {
        ImageRef ref = ImageRef.parse(image).withDefaultTag();
        if (ref.digest() != null) {
            throw DockerException.invalid("cannot push a digest reference");
        }
        String repository = ref.fullName();
        List<Api.LayerStatus> statuses = new ArrayList<>();
        try (Tracer.Span s = tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "push", ref.familiar(),
                "The daemon uploads the layers of " + ref.familiar() + " that the registry lacks, then its config and manifest.", "")) {
            Optional<Images.Stored> local = images.find(ref.toString());
            if (local.isEmpty()) {
                return failed(ref, statuses, "An image does not exist locally with the tag: " + ref.repository());
            }
            Image img = local.get().image();
            List<Layer> topFirst = new ArrayList<>(img.layers());
            java.util.Collections.reverse(topFirst);
            for (Layer l : topFirst) {
                statuses.add(new Api.LayerStatus(l.digest().shortId(), "Preparing", l.size()));
                progress.update(l.digest().shortId(), "Preparing", 0, l.size());
            }
            try {
                Registry registry = registries.forDomain(ref.domain());
                registry.ping();
                images.registry(registry, "GET", "/v2/", "The daemon's first request: is a registry there, which API does it speak, does it ask for a login?");
                for (int i = 0; i < topFirst.size(); i++) {
                    String status = layer(registry, ref, topFirst.get(i), progress);
                    statuses.set(i, new Api.LayerStatus(topFirst.get(i).digest().shortId(), status, topFirst.get(i).size()));
                }
                config(registry, ref, img);
                byte[] manifest = ImageJson.manifest(img.config(), img.layers());
                Digest digest = registry.putManifest(ref.path(), ref.tag(), ImageJson.MANIFEST_TYPE, manifest);
                images.registry(registry, "PUT", "/v2/" + ref.path() + "/manifests/" + ref.tag(), "The manifest names the config and the layers by digest;"
                        + " stored under the tag " + ref.tag() + ", it is what a pull of " + ref.familiar() + " fetches first.");
                images.addRepoDigest(img.id().toString(), repository + "@" + digest);
                images.events.image(ref.familiar(), ref.repository(), "push", img.config().labels());
                return new Api.PushResult(repository, ref.tag(), statuses, digest.toString(), manifest.length, "");
            } catch (DockerException e) {
                return failed(ref, statuses, e.getMessage());
            }
        }
    }

    private Api.PushResult failed(ImageRef ref, List<Api.LayerStatus> statuses, String error) {
        tracer.note(dev.glassbox.trace.Layer.DAEMON, null, "push failed", ref.familiar(), "The push stops: " + error, "");
        return new Api.PushResult(ref.fullName(), ref.tag(), statuses, "", 0, error);
    }

    /** Uploads one layer unless the registry has it; answers the status docker push shows for it. */
    private String layer(Registry registry, ImageRef ref, Layer layer, Progress progress) {
        String shortId = layer.digest().shortId();
        boolean there = registry.hasBlob(ref.path(), layer.digest());
        images.registry(registry, "HEAD", "/v2/" + ref.path() + "/blobs/" + layer.digest(), there
                ? "The registry has this layer already (pushed before, or by another image): nothing to upload."
                : "The registry does not have this layer yet: it must be uploaded.");
        if (there) {
            progress.update(shortId, "Layer already exists", layer.size(), layer.size());
            return "Layer already exists";
        }
        for (String from : otherRepositories(ref, layer.digest())) {
            if (registry.mountBlob(ref.path(), layer.digest(), from)) {
                images.registry(registry, "POST", "/v2/" + ref.path() + "/blobs/uploads/?mount=" + layer.digest() + "&from=" + from,
                        "The registry keeps this layer for " + from + " already: it links it into " + ref.path() + ", nothing is uploaded.");
                progress.update(shortId, "Mounted from " + from, layer.size(), layer.size());
                return "Mounted from " + from;
            }
        }
        byte[] blob = blob(layer);
        progress.update(shortId, "Pushing", 0, layer.size());
        registry.putBlob(ref.path(), layer.digest(), blob);
        images.registry(registry, "POST", "/v2/" + ref.path() + "/blobs/uploads/", "The daemon opens an upload session for the layer.");
        images.registry(registry, "PUT", "/v2/" + ref.path() + "/blobs/uploads/…?digest=" + layer.digest(), layer.size()
                + " compressed bytes, rebuilt from the layer's files; the registry checks them against the digest.");
        kernel.idle(Math.max(1, layer.size() * 1000 / BYTES_PER_SECOND));
        progress.update(shortId, "Pushed", layer.size(), layer.size());
        return "Pushed";
    }

    /**
     * Repositories of the same registry that local images with this layer are named after: the
     * registry may hold the blob for them (Docker keeps a record of where each layer came from or went).
     */
    private List<String> otherRepositories(ImageRef target, Digest layer) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        images.tags.forEach((name, id) -> {
            ImageRef r = ImageRef.parse(name);
            Images.Stored s = images.byId.get(id);
            if (r.domain().equals(target.domain()) && !r.path().equals(target.path()) && s != null
                    && s.image().layers().stream().anyMatch(l -> l.digest().equals(layer))) {
                out.add(r.path());
            }
        });
        return List.copyOf(out);
    }

    private void config(Registry registry, ImageRef ref, Image img) {
        byte[] config = ImageJson.config(img.config());
        if (!Digest.of(config).equals(img.id())) {
            throw DockerException.server("glassbox: the config of " + img.id().shortId() + " does not rebuild to its id");
        }
        boolean there = registry.hasBlob(ref.path(), img.id());
        images.registry(registry, "HEAD", "/v2/" + ref.path() + "/blobs/" + img.id(), there
                ? "The registry has the config already: the same image was pushed before."
                : "The registry does not have the config (its digest is the image id) yet.");
        if (!there) {
            registry.putBlob(ref.path(), img.id(), config);
            images.registry(registry, "PUT", "/v2/" + ref.path() + "/blobs/uploads/…?digest=" + img.id(),
                    "The config blob goes up: environment, command, history and the layers' diff ids.");
        }
    }

    /** The layer's gzip blob, rebuilt from its entries; refused if it does not hash to the layer's digest. */
    static byte[] blob(Layer layer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, Math.max(64, layer.size())));
        try {
            LayerArchive.writeGzip(layer.entries(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        Digest actual = Digest.of(bytes);
        if (!actual.equals(layer.digest())) {
            throw DockerException.server("glassbox: cannot push layer " + layer.digest().shortId() + ": its files rebuild to "
                    + actual + ", another blob than the one the image was made with");
        }
        return bytes;
    }
}
