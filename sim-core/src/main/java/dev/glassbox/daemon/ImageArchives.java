package dev.glassbox.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.api.DockerException;
import dev.glassbox.image.Digest;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import dev.glassbox.registry.ImageJson;
import dev.glassbox.registry.LayerArchive;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The docker-save archive: an OCI image layout ({@code oci-layout}, {@code index.json}, blobs by
 * digest: uncompressed layer tars, configs, manifests) plus Docker's own {@code manifest.json} and
 * {@code repositories}, written reproducibly so the same images give the same bytes.
 */
final class ImageArchives {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar";
    static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

    /** One image of an archive and the names it is saved under. */
    record Entry(Image image, List<ImageRef> tags) {}

    private ImageArchives() {}

    static byte[] write(List<Entry> images) {
        Map<String, FileEntry> files = new TreeMap<>();
        ArrayNode manifests = JSON.createArrayNode();
        ArrayNode index = JSON.createArrayNode();
        ObjectNode repositories = JSON.createObjectNode();
        for (Entry e : images) {
            Image img = e.image();
            ObjectNode m = manifests.addObject();
            byte[] config = ImageJson.config(img.config());
            m.put("Config", blob(files, config));
            ArrayNode tags = m.putArray("RepoTags");
            e.tags().forEach(t -> tags.add(t.familiar()));
            ArrayNode layers = m.putArray("Layers");
            ObjectNode oci = JSON.createObjectNode();
            oci.put("schemaVersion", 2);
            oci.put("mediaType", MANIFEST_TYPE);
            oci.set("config", descriptor(CONFIG_TYPE, Digest.of(config), config.length));
            ArrayNode ociLayers = oci.putArray("layers");
            for (Layer l : img.layers()) {
                byte[] tar = tar(l.entries());
                layers.add(blob(files, tar));
                ociLayers.add(descriptor(LAYER_TYPE, Digest.of(tar), tar.length));
            }
            byte[] manifest = bytes(oci);
            blob(files, manifest);
            ObjectNode d = descriptor(MANIFEST_TYPE, Digest.of(manifest), manifest.length);
            if (!e.tags().isEmpty()) {
                d.putObject("annotations").put("io.containerd.image.name", e.tags().get(0).toString())
                        .put("org.opencontainers.image.ref.name", e.tags().get(0).tag());
            }
            index.add(d);
            List<Digest> diffIds = img.config().diffIds();
            for (ImageRef t : e.tags()) {
                if (!diffIds.isEmpty()) {
                    String repo = t.familiar().substring(0, t.familiar().length() - t.tag().length() - 1);
                    ObjectNode r = repositories.has(repo) ? (ObjectNode) repositories.get(repo) : repositories.putObject(repo);
                    r.put(t.tag(), diffIds.get(diffIds.size() - 1).hex());
                }
            }
        }
        ObjectNode idx = JSON.createObjectNode();
        idx.put("schemaVersion", 2);
        idx.put("mediaType", "application/vnd.oci.image.index.v1+json");
        idx.set("manifests", index);
        files.put("index.json", FileEntry.file("index.json", 0644, bytes(idx)));
        files.put("manifest.json", FileEntry.file("manifest.json", 0644, bytes(manifests)));
        files.put("oci-layout", FileEntry.file("oci-layout", 0644, "{\"imageLayoutVersion\": \"1.0.0\"}"));
        files.put("repositories", FileEntry.file("repositories", 0644, bytes(repositories)));
        files.put("blobs", FileEntry.dir("blobs", 0755));
        files.put("blobs/sha256", FileEntry.dir("blobs/sha256", 0755));
        return tar(new ArrayList<>(files.values()));
    }

    /** Reads an archive back: each image of its manifest.json with the names it carries. */
    static List<Entry> read(byte[] archive) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            for (FileEntry f : LayerArchive.readTar(new ByteArrayInputStream(archive))) {
                if (f.type() == FileEntry.Type.FILE) {
                    files.put(f.path(), Arrays.copyOf(f.data(), (int) f.size()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw DockerException.invalid("unexpected EOF: the file is not a docker-save tar archive");
        }
        byte[] manifest = files.get("manifest.json");
        if (manifest == null && files.containsKey("index.json") && files.containsKey("oci-layout")) {
            return readOciLayout(files);
        }
        if (manifest == null) {
            throw DockerException.invalid("open /var/lib/docker/tmp/docker-import/manifest.json: no such file or directory");
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode m : tree(manifest)) {
            ImageConfig config = ImageJson.parseConfig(need(files, m.path("Config").asText()));
            List<Layer> layers = new ArrayList<>();
            for (JsonNode l : m.path("Layers")) {
                try {
                    layers.add(LayerArchive.layer(LayerArchive.readTar(new ByteArrayInputStream(need(files, l.asText())))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            List<ImageRef> tags = new ArrayList<>();
            m.path("RepoTags").forEach(t -> tags.add(ImageRef.parse(t.asText()).withDefaultTag()));
            out.add(new Entry(ImageJson.image(config, layers), tags));
        }
        return out;
    }

    /**
     * An OCI image layout archive ({@code skopeo copy … oci-archive:…}, {@code docker save} of Docker
     * 25+): every manifest index.json names, one level of nested index followed, with its config and
     * layers (plain or gzipped tars) from blobs/. The name is containerd's {@code io.containerd.image.name}
     * annotation, else {@code org.opencontainers.image.ref.name} when it is a whole reference.
     */
    private static List<Entry> readOciLayout(Map<String, byte[]> files) {
        List<Entry> out = new ArrayList<>();
        List<JsonNode> descriptors = new ArrayList<>();
        for (JsonNode d : tree(files.get("index.json")).path("manifests")) {
            if (d.path("mediaType").asText().contains("index")) {
                tree(need(files, blobPath(d))).path("manifests").forEach(descriptors::add);
            } else {
                descriptors.add(d);
            }
        }
        for (JsonNode d : descriptors) {
            JsonNode m = tree(need(files, blobPath(d)));
            ImageConfig config = ImageJson.parseConfig(need(files, blobPath(m.path("config"))));
            List<Layer> layers = new ArrayList<>();
            for (JsonNode l : m.path("layers")) {
                byte[] data = need(files, blobPath(l));
                try {
                    java.io.InputStream in = new ByteArrayInputStream(data);
                    if (data.length > 1 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
                        in = new java.util.zip.GZIPInputStream(in);
                    }
                    layers.add(LayerArchive.layer(LayerArchive.readTar(in)));
                } catch (IOException e) {
                    throw DockerException.invalid("invalid archive: layer " + l.path("digest").asText() + ": " + e.getMessage());
                }
            }
            List<ImageRef> tags = new ArrayList<>();
            String name = d.path("annotations").path("io.containerd.image.name").asText(
                    d.path("annotations").path("org.opencontainers.image.ref.name").asText(""));
            if (name.contains(":") || name.contains("/")) {
                try {
                    tags.add(ImageRef.parse(name).withDefaultTag());
                } catch (DockerException notAReference) {
                    // a bare tag: the image is loaded by its id
                }
            }
            out.add(new Entry(ImageJson.image(config, layers), tags));
        }
        return out;
    }

    private static String blobPath(JsonNode descriptor) {
        String digest = descriptor.path("digest").asText();
        if (!digest.startsWith("sha256:")) {
            throw DockerException.invalid("invalid archive: unsupported digest '" + digest + "'");
        }
        return "blobs/sha256/" + digest.substring(7);
    }

    private static byte[] need(Map<String, byte[]> files, String path) {
        byte[] b = files.get(path);
        if (b == null) {
            throw DockerException.invalid("invalid archive: " + path + " is missing");
        }
        return b;
    }

    private static String blob(Map<String, FileEntry> files, byte[] data) {
        String path = "blobs/sha256/" + Digest.of(data).hex();
        files.put(path, FileEntry.file(path, 0644, data));
        return path;
    }

    private static ObjectNode descriptor(String type, Digest digest, long size) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", type);
        d.put("digest", digest.toString());
        d.put("size", size);
        return d;
    }

    static byte[] tar(List<FileEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            LayerArchive.writeTar(entries, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw DockerException.invalid("invalid manifest.json: " + e.getMessage());
        }
    }
}
