package dev.glassbox.linux.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.glassbox.image.Digest;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.Layer;
import dev.glassbox.registry.ImageJson;
import dev.glassbox.registry.LayerArchive;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Images in an OCI image layout directory: {@code oci-layout}, {@code index.json} naming each image by
 * its {@code org.opencontainers.image.ref.name} annotation, and every manifest, config and layer as
 * {@code blobs/sha256/<hex>}. This is the store {@code docker save}, {@code docker load} and push use.
 *
 * <p>The manifest is written in one of two {@link Format}s. {@code DOCKER} keeps the very bytes the
 * image was pulled by (Docker schema 2), so its digest survives a save and a load, as containerd and
 * {@code skopeo copy --preserve-digests} keep it. {@code OCI} rewrites the media types to the OCI ones
 * (same config and layer bytes, so the same image id, but a new manifest digest): what tools that read
 * only OCI manifests need; skopeo's {@code oci:} transport is one (skopeo issue #1975).
 */
public final class OciLayout {
    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER = dev.glassbox.registry.LayerBlob.OCI_LAYER;
    private static final Set<String> MANIFEST_TYPES = Set.of(ImageJson.MANIFEST_TYPE, OCI_MANIFEST);
    private static final Set<String> GZIP_LAYERS = Set.of(ImageJson.LAYER_TYPE, OCI_LAYER);
    private static final String TAR_LAYER = "application/vnd.oci.image.layer.v1.tar";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    /** How the manifest is written: the image's own Docker schema 2 bytes, or an OCI manifest. */
    public enum Format { DOCKER, OCI }

    private final Path dir;

    /** The layout at {@code dir}; {@link #write} creates it when missing. */
    public OciLayout(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Stores the image with its Docker manifest (its digest unchanged) and names it {@code refName}. */
    public Digest write(Image image, String refName) {
        return write(image, refName, Format.DOCKER);
    }

    /**
     * Stores the image's blobs and names it {@code refName} in index.json, replacing an older image of
     * that name. Returns the digest of the manifest written.
     */
    public Digest write(Image image, String refName, Format format) {
        byte[] manifest = format == Format.DOCKER ? ImageJson.manifest(image.config(), image.layers()) : ociManifest(image);
        Digest digest = Digest.of(manifest);
        try {
            Files.createDirectories(blobs());
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            byte[] config = ImageJson.config(image.config());
            blob(image.id(), out -> out.write(config));
            for (Layer layer : image.layers()) {
                blob(layer.digest(), out -> LayerArchive.writeGzip(layer.entries(), out));
            }
            blob(digest, out -> out.write(manifest));
            writeIndex(refName, format == Format.DOCKER ? ImageJson.MANIFEST_TYPE : OCI_MANIFEST, digest, manifest.length);
            return digest;
        } catch (IOException e) {
            throw new UncheckedIOException("glassbox: cannot write the OCI layout " + dir, e);
        }
    }

    /** The OCI form of the image's manifest: the same descriptors under OCI media types. */
    static byte[] ociManifest(Image image) {
        byte[] config = ImageJson.config(image.config());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 2);
        m.put("mediaType", OCI_MANIFEST);
        m.put("config", descriptor(OCI_CONFIG, Digest.of(config), config.length));
        List<Object> layers = new ArrayList<>();
        for (Layer l : image.layers()) {
            layers.add(descriptor(OCI_LAYER, l.digest(), l.size()));
        }
        m.put("layers", layers);
        try {
            return COMPACT.writeValueAsBytes(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> descriptor(String mediaType, Digest digest, long size) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("digest", digest.toString());
        d.put("size", size);
        return d;
    }

    /** The names index.json gives its images, in its order. */
    public List<String> refNames() {
        List<String> names = new ArrayList<>();
        for (JsonNode m : index().path("manifests")) {
            String name = m.path("annotations").path(REF_NAME).asText("");
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** The image named {@code refName}, every blob checked against its digest; empty if no image has that name. */
    public Optional<Image> read(String refName) {
        for (JsonNode m : index().path("manifests")) {
            if (refName.equals(m.path("annotations").path(REF_NAME).asText(null))) {
                return Optional.of(readManifest(Digest.parse(m.path("digest").asText()), m.path("mediaType").asText()));
            }
        }
        return Optional.empty();
    }

    private Image readManifest(Digest digest, String mediaType) {
        if (!MANIFEST_TYPES.contains(mediaType)) {
            throw new IllegalStateException("glassbox: unsupported manifest type " + mediaType + " in " + dir);
        }
        JsonNode manifest = tree(readBlob(digest));
        byte[] configBytes = readBlob(Digest.parse(manifest.path("config").path("digest").asText()));
        ImageConfig config = ImageJson.parseConfig(configBytes);
        List<Layer> layers = new ArrayList<>();
        for (JsonNode l : manifest.path("layers")) {
            layers.add(readLayer(Digest.parse(l.path("digest").asText()), l.path("mediaType").asText()));
        }
        List<Digest> diffIds = layers.stream().map(Layer::diffId).toList();
        if (!diffIds.equals(config.diffIds())) {
            throw new IllegalStateException("glassbox: the layers of " + digest + " do not match the config's rootfs.diff_ids");
        }
        return new Image(Digest.of(configBytes), digest, config, layers);
    }

    /** Reads a layer blob once: its digest and size, and the diff id and size of the tar inside. */
    private Layer readLayer(Digest digest, String mediaType) {
        boolean gzip = GZIP_LAYERS.contains(mediaType);
        if (!gzip && !TAR_LAYER.equals(mediaType)) {
            throw new IllegalStateException("glassbox: unsupported layer type " + mediaType + " in " + dir);
        }
        Path file = blobs().resolve(digest.hex());
        MessageDigest outer = Digest.sha256();
        MessageDigest inner = Digest.sha256();
        try (InputStream raw = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file)), outer);
                InputStream unzipped = gzip ? new GZIPInputStream(raw, 64 * 1024) : raw;
                CountingInput tar = new CountingInput(new DigestInputStream(unzipped, inner))) {
            List<FileEntry> entries = LayerArchive.readTar(tar);
            tar.transferTo(OutputStream.nullOutputStream());
            raw.transferTo(OutputStream.nullOutputStream());
            Digest actual = Digest.finish(outer);
            if (!actual.equals(digest)) {
                throw new IllegalStateException("glassbox: blob " + digest + " in " + dir + " hashes to " + actual);
            }
            Digest diffId = Digest.finish(inner);
            return gzip ? new Layer(digest, Files.size(file), diffId, tar.count, entries)
                    : new Layer(digest, Files.size(file), digest, tar.count, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("glassbox: cannot read layer " + digest + " from " + dir, e);
        }
    }

    private byte[] readBlob(Digest digest) {
        try {
            byte[] b = Files.readAllBytes(blobs().resolve(digest.hex()));
            if (!Digest.of(b).equals(digest)) {
                throw new IllegalStateException("glassbox: blob " + digest + " in " + dir + " does not match its digest");
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("glassbox: cannot read blob " + digest + " from " + dir, e);
        }
    }

    private interface Content {
        void to(OutputStream out) throws IOException;
    }

    /** Writes a blob unless it is there already (blobs are content-addressed); checks the digest as it writes. */
    private void blob(Digest digest, Content content) throws IOException {
        Path target = blobs().resolve(digest.hex());
        if (Files.exists(target)) {
            return;
        }
        Path tmp = Files.createTempFile(blobs(), ".tmp-", "");
        try {
            MessageDigest md = Digest.sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
                content.to(out);
            }
            Digest actual = Digest.finish(md);
            if (!actual.equals(digest)) {
                throw new IllegalStateException("glassbox: blob written for " + digest + " hashes to " + actual);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void writeIndex(String refName, String mediaType, Digest manifest, long size) throws IOException {
        List<Object> manifests = new ArrayList<>();
        for (JsonNode m : index().path("manifests")) {
            if (!refName.equals(m.path("annotations").path(REF_NAME).asText(null))) {
                manifests.add(m);
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("mediaType", mediaType);
        entry.put("digest", manifest.toString());
        entry.put("size", size);
        entry.put("annotations", Map.of(REF_NAME, refName));
        manifests.add(entry);
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("manifests", manifests);
        Path tmp = Files.createTempFile(dir, ".index-", ".json");
        JSON.writeValue(tmp.toFile(), index);
        Files.move(tmp, dir.resolve("index.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private JsonNode index() {
        Path index = dir.resolve("index.json");
        if (!Files.exists(index)) {
            return JSON.createObjectNode();
        }
        try {
            return tree(Files.readAllBytes(index));
        } catch (IOException e) {
            throw new UncheckedIOException("glassbox: cannot read " + index, e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("glassbox: invalid JSON in an OCI layout: " + e.getMessage(), e);
        }
    }

    private Path blobs() {
        return dir.resolve("blobs").resolve("sha256");
    }

    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }
}
