package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpack → readTree on the real disk, for entries that need no root; and the state-root fence. */
class LinuxHostFsTest {
    @TempDir
    Path tmp;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<FileEntry> plainLayer() {
        return List.of(
                FileEntry.dir("bin", 0755),
                FileEntry.file("bin/sh", 0755, "#!/bin/true\n"),
                FileEntry.hardlink("bin/sh2", "bin/sh"),
                FileEntry.symlink("bin/shell", "sh"),
                FileEntry.file("bin/su", 04755, "su"),
                FileEntry.dir("etc", 0755),
                FileEntry.file("etc/empty", 0600, new byte[0]),
                FileEntry.file("etc/hostname", 0644, "box\n"),
                FileEntry.dir("ro", 0555),
                FileEntry.file("ro/inside", 0444, "kept"),
                FileEntry.dir("var", 0700),
                FileEntry.sparse("var/big", 0640, bytes("head"), 1L << 20),
                FileEntry.sparse("var/gap", 0640, bytes("x"), 3 * 4096 + 17));
    }

    /** The state file is replaced in the background, in order: once settled, the disk holds the newest bytes and no temporary file. */
    @Test
    void replaceFileWritesTheNewestBytesInTheBackgroundAndSettles() throws Exception {
        LinuxHostFs fs = new LinuxHostFs(tmp.resolve("root"));
        String file = fs.root() + "/state/daemon.json";
        for (int i = 0; i < 50; i++) {
            fs.replaceFile(file, bytes("{\"n\":" + i + "}"));
        }
        fs.settleWrites();
        assertEquals("{\"n\":49}", Files.readString(Path.of(file)));
        assertFalse(Files.exists(Path.of(file + ".tmp")), "the temporary file was renamed over the old one");
        assertThrows(IllegalArgumentException.class, () -> fs.replaceFile("/etc/glassbox-not-here", bytes("x")), "outside the state root");
        Files.createSymbolicLink(Path.of(fs.root() + "/state/link.json"), Path.of(file));
        assertThrows(SysError.class, () -> fs.replaceFile(fs.root() + "/state/link.json", bytes("x")), "never through a symlink");
        fs.settleWrites();
        assertEquals("{\"n\":49}", Files.readString(Path.of(file)));
    }

    @Test
    void unpackThenReadTreeGivesTheSameEntries() throws Exception {
        LinuxHostFs fs = new LinuxHostFs(tmp.resolve("state"));
        String layer = tmp.resolve("state/layers/l1").toString();
        fs.unpackLayer(layer, plainLayer());

        Path big = Path.of(layer, "var/big");
        assertEquals(1L << 20, Files.size(big));
        byte[] content = Files.readAllBytes(big);
        assertEquals('h', content[0]);
        assertEquals(0, content[content.length - 1]);
        Path sh = Path.of(layer, "bin/sh");
        assertEquals(Files.getAttribute(sh, "unix:ino"), Files.getAttribute(Path.of(layer, "bin/sh2"), "unix:ino"));
        assertTrue(Files.isSymbolicLink(Path.of(layer, "bin/shell")));

        List<FileEntry> back = fs.readTree(layer);
        if (!fs.asRoot()) { // not root: the files belong to whoever runs the test
            back = back.stream().map(e -> e.type() == FileEntry.Type.HARDLINK ? e : e.owned(0, 0)).toList();
        }
        assertEquals(plainLayer(), back);
        assertEquals(12 + 12 + 2 + 0 + 4 + 4 + (1L << 20) + 3 * 4096 + 17, fs.diskUsage(layer), "hard links count twice, like the sim");
    }

    @Test
    void laterEntriesReplaceEarlierOnesAndFilesRoundTripThroughWriteAndRead() {
        LinuxHostFs fs = new LinuxHostFs(tmp.resolve("state"));
        String layer = tmp.resolve("state/l").toString();
        fs.unpackLayer(layer, List.of(FileEntry.dir("a", 0755), FileEntry.file("a/f", 0644, "x"), FileEntry.file("a", 0600, "now a file")));
        assertEquals(List.of(new FileEntry("a", FileEntry.Type.FILE, 0600, 0, 0, bytes("now a file"), 10, null)),
                fs.readTree(layer).stream().map(e -> e.owned(0, 0)).toList());

        String f = tmp.resolve("state/deep/dir/config.json").toString();
        fs.writeFile(f, bytes("{}"));
        assertArrayEquals(bytes("{}"), fs.readFile(f));
        assertTrue(fs.exists(f));
        fs.mkdirs(tmp.resolve("state/x/y").toString());
        assertTrue(fs.exists(tmp.resolve("state/x/y").toString()));
        fs.remove(tmp.resolve("state/deep").toString());
        assertFalse(fs.exists(f));
        fs.remove(tmp.resolve("state/not-there").toString());
        assertThrows(SysError.class, () -> fs.readFile(tmp.resolve("state/x").toString()));
    }

    @Test
    void removeGoesThroughTheTrashAndMakesItAgainIfItWasDeleted() throws Exception {
        LinuxHostFs fs = new LinuxHostFs(tmp.resolve("state"));
        Path trash = tmp.resolve("state/.trash");
        for (int i = 0; i < 3; i++) {
            String tree = tmp.resolve("state/t" + i).toString();
            fs.unpackLayer(tree, List.of(FileEntry.dir("d", 0755), FileEntry.file("d/f", 0644, "x")));
            fs.remove(tree);
            assertFalse(Files.exists(Path.of(tree), LinkOption.NOFOLLOW_LINKS), "gone from its place at once");
            assertTrue(fs.awaitRemovals(10_000));
            try (var left = Files.list(trash)) {
                assertEquals(List.of(), left.toList(), "and deleted from the trash");
            }
            if (i == 1) {
                Files.delete(trash); // someone deleted it: the next remove makes it again
            }
        }
    }

    @Test
    void removeEmptiesReadOnlyDirectories() {
        LinuxHostFs fs = new LinuxHostFs(tmp.resolve("state"));
        String layer = tmp.resolve("state/l").toString();
        fs.unpackLayer(layer, List.of(FileEntry.dir("ro", 0555), FileEntry.file("ro/f", 0444, "x")));
        fs.remove(layer);
        assertFalse(Files.exists(Path.of(layer), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void pathsOutsideTheStateRootAreRefused() throws Exception {
        LinuxHostFs fs = new LinuxHostFs(tmp.resolve("state"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "keep");
        Files.createSymbolicLink(tmp.resolve("state/escape"), outside);

        assertThrows(IllegalArgumentException.class, () -> fs.writeFile(outside.resolve("x").toString(), bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> fs.writeFile(tmp.resolve("state/../outside/x").toString(), bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> fs.remove(tmp.resolve("state/escape/precious").toString()));
        assertThrows(IllegalArgumentException.class, () -> fs.readTree(tmp.resolve("state/escape").toString()));
        assertThrows(IllegalArgumentException.class, () -> fs.mkdirs("relative/path"));
        assertThrows(IllegalArgumentException.class, () -> fs.remove(tmp.resolve("state").toString()));
        assertThrows(IllegalArgumentException.class, () -> fs.unpackLayer(tmp.resolve("state/l").toString(),
                List.of(FileEntry.file("a/../../../outside/x", 0644, "x"))));
        // a symlink inside the layer is never written through
        assertThrows(SysError.class, () -> fs.unpackLayer(tmp.resolve("state/l2").toString(),
                List.of(FileEntry.symlink("out", outside.toString()), FileEntry.file("out/precious", 0644, "overwritten"))));
        assertThrows(SysError.class, () -> fs.unpackLayer(tmp.resolve("state/l3").toString(),
                List.of(FileEntry.file("f", 0644, "x"), FileEntry.hardlink("h", "missing"))));
        assertEquals(List.of("precious"), Files.list(outside).map(p -> p.getFileName().toString()).toList());
        assertEquals("keep", Files.readString(outside.resolve("precious")));
        // removing the link removes the link, not what it points to
        fs.remove(tmp.resolve("state/escape").toString());
        assertTrue(Files.exists(outside.resolve("precious")));
    }

    @Test
    void whiteoutsWithoutRootAreRefusedBeforeAnythingIsWritten() {
        LinuxHostFs fs = new LinuxHostFs(tmp.resolve("state"), false);
        String layer = tmp.resolve("state/l").toString();
        SysError e = assertThrows(SysError.class, () -> fs.unpackLayer(layer,
                List.of(FileEntry.file("a", 0644, "x"), FileEntry.file("etc/.wh.passwd", 0644, new byte[0]))));
        assertEquals(Errno.EPERM, e.errno());
        assertTrue(e.getMessage().contains("needs root"), e.getMessage());
        assertFalse(Files.exists(Path.of(layer, "a")));
    }
}
