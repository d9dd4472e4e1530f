package dev.glassbox.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.image.Digest;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Layer;
import dev.glassbox.image.SimBinary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class LayerArchiveTest {
    private static final String LONG_DIR = "usr/share/" + "a-very-long-directory-name/".repeat(5);

    static List<FileEntry> sample() {
        return List.of(
                FileEntry.dir("tmp", 01777),
                FileEntry.file("etc/hostname-not-really", 0644, "glassbox\n").owned(101, 102),
                SimBinary.entry("bin/busybox", "busybox", 3_000_000),
                FileEntry.hardlink("bin/[", "bin/busybox"),
                FileEntry.hardlink("bin/ls", "bin/busybox"),
                FileEntry.symlink("bin/sh", "/bin/busybox"),
                FileEntry.dir("bin", 0755),
                FileEntry.dir("etc", 0755),
                FileEntry.file(LONG_DIR + "file-with-a-long-name.txt", 0600, "deep\n"),
                FileEntry.symlink("lnk", "/" + LONG_DIR + "file-with-a-long-name.txt"),
                FileEntry.file("etc/caf\u00e9", 0644, "unicode name\n"),
                FileEntry.file("etc/" + "long-base-name-".repeat(10), 0644, "a base name over 100 bytes\n"),
                FileEntry.file("etc/empty", 0644, ""),
                FileEntry.file("etc/.wh.removed", 0644, ""),
                FileEntry.file("big-id", 0644, "x").owned(3_000_000, 70_000));
    }

    @Test
    void tarRoundTripsEveryKindOfEntry() throws IOException {
        List<FileEntry> entries = sample();
        byte[] tar = tar(entries);
        List<FileEntry> back = LayerArchive.readTar(new ByteArrayInputStream(tar));
        assertEquals(LayerArchive.order(entries), back);
        assertArrayEquals(tar, tar(back), "writing what was read gives the same bytes");
    }

    @Test
    void sparseFilesComeBackSparse() throws IOException {
        FileEntry big = SimBinary.entry("usr/bin/huge", "huge", 50_000_000);
        List<FileEntry> back = LayerArchive.readTar(new ByteArrayInputStream(tar(List.of(big))));
        assertEquals(1, back.size());
        assertEquals(50_000_000, back.get(0).size());
        assertArrayEquals(SimBinary.header("huge"), back.get(0).data());
    }

    @Test
    void orderPutsParentsFirstAndHardLinksAfterTheirTarget() {
        List<String> paths = LayerArchive.order(sample()).stream().map(FileEntry::path).toList();
        assertTrue(paths.indexOf("bin") < paths.indexOf("bin/["));
        assertTrue(paths.indexOf("bin/busybox") < paths.indexOf("bin/["), "[ sorts before busybox but links to it");
        assertTrue(paths.indexOf("etc") < paths.indexOf("etc/caf\u00e9"));
        assertTrue(LayerArchive.comparePaths("a/b", "a-b") < 0, "a directory's subtree stays together");
    }

    @Test
    void rejectsDuplicateAndUncleanPaths() {
        assertThrows(IllegalArgumentException.class,
                () -> LayerArchive.order(List.of(FileEntry.dir("a", 0755), FileEntry.file("a", 0644, "x"))));
        assertThrows(IllegalArgumentException.class, () -> LayerArchive.order(List.of(FileEntry.file("a/../b", 0644, ""))));
        assertThrows(IllegalArgumentException.class, () -> LayerArchive.order(List.of(FileEntry.dir("a/", 0755))));
    }

    @Test
    void headersAreReproducibleUstar() throws IOException {
        byte[] tar = tar(List.of(FileEntry.file("hello", 0644, "hi\n").owned(7, 8)));
        assertEquals("hello", new String(tar, 0, 5, StandardCharsets.US_ASCII));
        assertEquals("ustar\u000000", new String(tar, 257, 8, StandardCharsets.US_ASCII));
        assertEquals("00000000000\u0000", new String(tar, 136, 12, StandardCharsets.US_ASCII), "mtime 0");
        assertEquals("0000007\u0000", new String(tar, 108, 8, StandardCharsets.US_ASCII));
        assertEquals(0, tar[265], "no owner name");
        assertEquals(512 * 4, tar.length, "header, one data block, two end blocks");
    }

    @Test
    void layerDigestsDescribeTheTarAndTheGzip() throws IOException {
        List<FileEntry> entries = sample();
        Layer layer = LayerArchive.layer(entries);
        byte[] tar = tar(entries);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        LayerArchive.writeGzip(entries, gz);
        assertEquals(Digest.of(tar), layer.diffId());
        assertEquals(tar.length, layer.uncompressedSize());
        assertEquals(Digest.of(gz.toByteArray()), layer.digest());
        assertEquals(gz.size(), layer.size());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.toByteArray()))) {
            assertArrayEquals(tar, in.readAllBytes(), "the blob is a valid gzip of the tar");
        }
        byte[] header = java.util.Arrays.copyOf(gz.toByteArray(), 10);
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 4, (byte) 0xff}, header);
    }

    @Test
    void digestsDoNotDependOnInputOrder() {
        List<FileEntry> shuffled = new ArrayList<>(sample());
        Layer first = LayerArchive.layer(shuffled);
        Set<Digest> seen = new HashSet<>();
        Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(shuffled, random);
            Layer again = LayerArchive.layer(shuffled);
            seen.add(again.digest());
            assertEquals(first.diffId(), again.diffId());
            assertEquals(first.entries(), again.entries());
        }
        assertEquals(Set.of(first.digest()), seen);
    }

    @Test
    void everyCatalogLayerRoundTrips() throws Exception {
        SimHub hub = new SimHub(Catalog.standard());
        Set<Layer> done = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (String repo : List.of("library/busybox", "library/alpine", "library/ubuntu", "library/nginx",
                "library/redis", "progrium/stress")) {
            for (Layer layer : hub.resolve(dev.glassbox.image.ImageRef.parse(repo).withDefaultTag()).orElseThrow().layers()) {
                if (done.add(layer)) {
                    assertEquals(layer.entries(), LayerArchive.readTar(streamed(layer.entries())), repo);
                }
            }
        }
    }

    /** Streams a tar through a pipe, so a layer of 100 MB never sits in memory. */
    private static InputStream streamed(List<FileEntry> entries) throws IOException {
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        CompletableFuture.runAsync(() -> {
            try (out) {
                LayerArchive.writeTar(entries, out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return in;
    }

    private static byte[] tar(List<FileEntry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerArchive.writeTar(entries, out);
        return out.toByteArray();
    }
}
