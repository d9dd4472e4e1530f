package dev.glassbox.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.api.DockerException;
import dev.glassbox.image.Digest;
import dev.glassbox.image.HistoryEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageJsonTest {
    private static final Digest D = Digest.of("layer");

    private static ImageConfig small() {
        return new ImageConfig("amd64", "linux", 1_700_000_000L, List.of("PATH=/bin", "A=<b>&c"), List.of("/entry"),
                List.of(), "/w", "app", List.of("443/tcp", "80/tcp"), Map.of("b", "2", "a", "1"), "SIGQUIT",
                List.of(new HistoryEntry(1_700_000_000L, "COPY x /", false, "buildkit.dockerfile.v0"),
                        new HistoryEntry(1_700_000_001L, "CMD []", true, "")),
                List.of(D));
    }

    @Test
    void configBytesAreCanonical() {
        String expected = "{\"architecture\":\"amd64\",\"config\":{\"User\":\"app\","
                + "\"ExposedPorts\":{\"443/tcp\":{},\"80/tcp\":{}},\"Env\":[\"PATH=/bin\",\"A=\\u003cb\\u003e\\u0026c\"],"
                + "\"Entrypoint\":[\"/entry\"],\"Cmd\":[],\"WorkingDir\":\"/w\",\"Labels\":{\"a\":\"1\",\"b\":\"2\"},"
                + "\"StopSignal\":\"SIGQUIT\"},\"created\":\"2023-11-14T22:13:20Z\",\"history\":["
                + "{\"created\":\"2023-11-14T22:13:20Z\",\"created_by\":\"COPY x /\",\"comment\":\"buildkit.dockerfile.v0\"},"
                + "{\"created\":\"2023-11-14T22:13:21Z\",\"created_by\":\"CMD []\",\"empty_layer\":true}],"
                + "\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + D + "\"]}}";
        assertEquals(expected, new String(ImageJson.config(small()), StandardCharsets.UTF_8));
    }

    @Test
    void configRoundTrips() {
        assertEquals(small(), ImageJson.parseConfig(ImageJson.config(small())));
        ImageConfig bare = new ImageConfig("arm64", "linux", 0, null, null, null, null, null, null, null, null, null, null);
        ImageConfig back = ImageJson.parseConfig(ImageJson.config(bare));
        assertEquals(bare, back);
        assertNull(back.cmd(), "an absent Cmd stays absent, unlike an empty one");
    }

    @Test
    void everyCatalogConfigRoundTrips() {
        SimHub hub = SimHub.standard();
        for (String name : List.of("busybox", "alpine", "ubuntu", "nginx", "redis", "progrium/stress")) {
            Image image = hub.resolve(ImageRef.parse(name).withDefaultTag()).orElseThrow();
            byte[] json = ImageJson.config(image.config());
            assertEquals(image.config(), ImageJson.parseConfig(json), name);
            assertEquals(image.id(), Digest.of(json), name);
        }
    }

    @Test
    void manifestDescribesConfigAndLayers() throws Exception {
        Image nginx = SimHub.standard().resolve(ImageRef.parse("nginx:1.27")).orElseThrow();
        byte[] bytes = ImageJson.manifest(nginx.config(), nginx.layers());
        assertEquals(nginx.manifestDigest(), Digest.of(bytes));
        JsonNode m = new ObjectMapper().readTree(bytes);
        assertEquals(2, m.get("schemaVersion").asInt());
        assertEquals(ImageJson.MANIFEST_TYPE, m.get("mediaType").asText());
        assertEquals(ImageJson.config(nginx.config()).length, m.get("config").get("size").asLong());
        assertEquals(nginx.id().toString(), m.get("config").get("digest").asText());
        assertEquals(nginx.layers().size(), m.get("layers").size());
        for (int i = 0; i < nginx.layers().size(); i++) {
            Layer l = nginx.layers().get(i);
            JsonNode d = m.get("layers").get(i);
            assertEquals(ImageJson.LAYER_TYPE, d.get("mediaType").asText());
            assertEquals(l.size(), d.get("size").asLong());
            assertEquals(l.digest().toString(), d.get("digest").asText());
        }
    }

    @Test
    void imageRejectsLayersThatDoNotMatchTheConfig() {
        Layer other = LayerArchive.layer(List.of(dev.glassbox.image.FileEntry.dir("x", 0755)));
        assertThrows(IllegalArgumentException.class, () -> ImageJson.image(small(), List.of(other)));
    }

    @Test
    void invalidJsonIsAnInvalidError() {
        DockerException e = assertThrows(DockerException.class,
                () -> ImageJson.parseConfig("[1,".getBytes(StandardCharsets.UTF_8)));
        assertEquals(dev.glassbox.api.ErrorKind.INVALID, e.kind());
    }
}
