package dev.glassbox.linux.image;

import dev.glassbox.image.Digest;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.HistoryEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.Layer;
import dev.glassbox.registry.ImageJson;
import dev.glassbox.registry.LayerArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any image written to a layout reads back the same, in either manifest format. */
class OciLayoutProperties {
    @Property(tries = 60)
    boolean dockerFormatRoundTripsTheWholeImage(@ForAll("images") Image image) {
        return withLayout(layout -> {
            layout.write(image, "x");
            return image.equals(layout.read("x").orElseThrow());
        });
    }

    @Property(tries = 30)
    boolean ociFormatKeepsIdConfigAndLayers(@ForAll("images") Image image) {
        return withLayout(layout -> {
            Digest manifest = layout.write(image, "x", OciLayout.Format.OCI);
            Image back = layout.read("x").orElseThrow();
            return back.equals(new Image(image.id(), manifest, image.config(), image.layers()));
        });
    }

    @Provide
    Arbitrary<Image> images() {
        return layer().list().ofMinSize(1).ofMaxSize(3).flatMap(layers -> Arbitraries.strings().alpha().ofMaxLength(8)
                .map(word -> image(layers, word)));
    }

    private static Image image(List<Layer> layers, String word) {
        List<HistoryEntry> history = new ArrayList<>();
        layers.forEach(l -> history.add(new HistoryEntry(LocalHub.CREATED, "step " + word, false, "")));
        ImageConfig config = new ImageConfig("amd64", "linux", LocalHub.CREATED, List.of("A=" + word), null,
                List.of("sh", "-c", "echo " + word + " <&>"), "", "", List.of("80/tcp"), Map.of("k", word), "", history,
                layers.stream().map(Layer::diffId).toList());
        return ImageJson.image(config, layers);
    }

    private static Arbitrary<Layer> layer() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3);
        Arbitrary<FileEntry> file = Combinators.combine(names.list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(700), Arbitraries.integers().between(0, 2000))
                .as((path, data, zeros) -> HostTree.sparse(String.join("/", path), 0644, withZeros(data, zeros)));
        Arbitrary<FileEntry> link = Combinators.combine(names.list().ofMinSize(1).ofMaxSize(3), names)
                .as((path, target) -> FileEntry.symlink(String.join("/", path), "/" + target));
        Arbitrary<FileEntry> dir = names.list().ofMinSize(1).ofMaxSize(3).map(p -> FileEntry.dir(String.join("/", p), 0755));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, file), net.jqwik.api.Tuple.of(1, link), net.jqwik.api.Tuple.of(1, dir))
                .list().ofMaxSize(12).map(OciLayoutProperties::tree).map(LayerArchive::layer);
    }

    private static byte[] withZeros(byte[] data, int zeros) {
        byte[] out = new byte[data.length + zeros];
        System.arraycopy(data, 0, out, 0, data.length);
        return out;
    }

    /** Keeps the first entry of each path and only entries whose parents are directories. */
    private static List<FileEntry> tree(List<FileEntry> candidates) {
        HostTree t = new HostTree();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (FileEntry e : candidates) {
            if (!seen.add(e.path()) || candidates.stream().anyMatch(o -> o != e && o.type() != FileEntry.Type.DIR
                    && e.path().startsWith(o.path() + "/"))) {
                continue;
            }
            if (candidates.stream().anyMatch(o -> o.path().startsWith(e.path() + "/")) && e.type() != FileEntry.Type.DIR) {
                continue;
            }
            t.add(e);
        }
        return t.entries();
    }

    private interface Check {
        boolean test(OciLayout layout) throws IOException;
    }

    private static boolean withLayout(Check check) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("glassbox-oci-");
            return check.test(new OciLayout(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temp dir left behind is harmless
                }
            }
        }
    }
}
