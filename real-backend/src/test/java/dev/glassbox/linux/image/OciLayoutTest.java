package dev.glassbox.linux.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.image.Digest;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import dev.glassbox.linux.Cmd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
    @TempDir
    Path tmp;

    private static Image pull(String ref) {
        return Images.hub().resolve(ImageRef.parse(ref)).orElseThrow();
    }

    @Test
    void writeThenReadGivesTheSameImages() {
        OciLayout layout = new OciLayout(tmp.resolve("layout"));
        Image busybox = pull("busybox");
        Image nginx = pull("nginx");
        layout.write(busybox, "busybox");
        layout.write(nginx, "nginx");
        assertEquals(List.of("busybox", "nginx"), layout.refNames());
        OciLayout again = new OciLayout(tmp.resolve("layout"));
        assertEquals(busybox, again.read("busybox").orElseThrow());
        Image back = again.read("nginx").orElseThrow();
        assertEquals(nginx.id(), back.id());
        assertEquals(nginx.manifestDigest(), back.manifestDigest());
        assertEquals(nginx.layers().stream().map(Layer::digest).toList(), back.layers().stream().map(Layer::digest).toList());
        assertEquals(nginx, back);
        assertTrue(again.read("redis").isEmpty());
    }

    @Test
    void theLayoutHasTheOciFilesAndSharesTheBaseLayerBlob() throws IOException {
        Path dir = tmp.resolve("layout");
        OciLayout layout = new OciLayout(dir);
        Image busybox = pull("busybox");
        Image nginx = pull("nginx");
        layout.write(busybox, "busybox");
        layout.write(nginx, "nginx");
        JsonNode ociLayout = new ObjectMapper().readTree(dir.resolve("oci-layout").toFile());
        assertEquals("1.0.0", ociLayout.path("imageLayoutVersion").asText());
        JsonNode index = new ObjectMapper().readTree(dir.resolve("index.json").toFile());
        assertEquals(2, index.path("schemaVersion").asInt());
        assertEquals(busybox.manifestDigest().toString(), index.path("manifests").get(0).path("digest").asText());
        assertEquals("busybox", index.path("manifests").get(0).path("annotations").path(OciLayout.REF_NAME).asText());
        try (Stream<Path> blobs = Files.list(dir.resolve("blobs/sha256"))) {
            // busybox: manifest, config, layer; nginx: manifest, config, its own layer (the base is shared)
            assertEquals(6, blobs.count());
        }
        assertEquals(nginx.layers().get(1).size(), Files.size(dir.resolve("blobs/sha256/" + nginx.layers().get(1).digest().hex())));
    }

    @Test
    void writingANameAgainReplacesIt() {
        OciLayout layout = new OciLayout(tmp);
        layout.write(pull("busybox"), "web");
        layout.write(pull("nginx"), "web");
        assertEquals(List.of("web"), layout.refNames());
        assertEquals(pull("nginx").id(), layout.read("web").orElseThrow().id());
    }

    @Test
    void aTamperedBlobIsRefused() throws IOException {
        OciLayout layout = new OciLayout(tmp);
        Image busybox = pull("busybox");
        layout.write(busybox, "busybox");
        Path config = tmp.resolve("blobs/sha256/" + busybox.id().hex());
        Files.writeString(config, Files.readString(config).replace("\"sh\"", "\"ls\""));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> layout.read("busybox"));
        assertTrue(e.getMessage().contains(busybox.id().toString()), e.getMessage());
    }

    @Test
    void theOciFormatKeepsTheImageIdAndLayersUnderANewManifestDigest() {
        OciLayout layout = new OciLayout(tmp);
        Image nginx = pull("nginx");
        Digest written = layout.write(nginx, "nginx", OciLayout.Format.OCI);
        assertNotEquals(nginx.manifestDigest(), written);
        assertEquals(Digest.of(OciLayout.ociManifest(nginx)), written);
        Image back = layout.read("nginx").orElseThrow();
        assertEquals(written, back.manifestDigest());
        assertEquals(new Image(nginx.id(), written, nginx.config(), nginx.layers()), back);
    }

    @Test
    void skopeoInspectsTheOciFormat() {
        assumeTool("skopeo");
        OciLayout layout = new OciLayout(tmp.resolve("layout"));
        Image busybox = pull("busybox");
        Digest manifest = layout.write(busybox, "busybox", OciLayout.Format.OCI);
        Cmd.Result r = Cmd.run(List.of("skopeo", "inspect", "oci:" + layout.dir() + ":busybox"), 30_000);
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().contains(manifest.toString()), r.stdout());
        assertTrue(r.stdout().contains(busybox.layers().get(0).digest().toString()), r.stdout());
        Cmd.Result config = Cmd.run(List.of("skopeo", "inspect", "--config", "oci:" + layout.dir() + ":busybox"), 30_000);
        assertEquals(0, config.exit(), config.stderr());
        assertTrue(config.stdout().contains(busybox.layers().get(0).diffId().toString()), config.stdout());
    }

    @Test
    void umociListsTheLayout() {
        assumeTool("umoci");
        OciLayout layout = new OciLayout(tmp.resolve("layout"));
        layout.write(pull("busybox"), "busybox");
        layout.write(pull("nginx"), "nginx", OciLayout.Format.OCI);
        Cmd.Result r = Cmd.run(List.of("umoci", "ls", "--layout", layout.dir().toString()), 30_000);
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(List.of("busybox", "nginx"), r.stdout().lines().sorted().toList());
        Cmd.Result stat = Cmd.run(List.of("umoci", "stat", "--image", layout.dir() + ":nginx"), 30_000);
        assertEquals(0, stat.exit(), stat.stderr());
        assertTrue(stat.stdout().contains(pull("nginx").layers().get(1).digest().toString()), stat.stdout());
        Path bundle = tmp.resolve("bundle");
        Cmd.Result unpack = Cmd.run(List.of("umoci", "unpack", "--rootless", "--image", layout.dir() + ":nginx",
                bundle.toString()), 60_000);
        assertEquals(0, unpack.exit(), unpack.stderr());
        assertTrue(Files.isRegularFile(bundle.resolve("rootfs/bin/busybox")));
        assertTrue(Files.isSymbolicLink(bundle.resolve("rootfs/bin/sh")));
        assertTrue(Files.isRegularFile(bundle.resolve("rootfs/usr/share/nginx/html/index.html")));
    }

    private static void assumeTool(String tool) {
        boolean there = Cmd.onPath(tool);
        if (!there) {
            System.out.println("glassbox: skipping: " + tool + " is not installed (apt-get install -y " + tool + ")");
        }
        assumeTrue(there, tool + " is not installed");
    }
}
