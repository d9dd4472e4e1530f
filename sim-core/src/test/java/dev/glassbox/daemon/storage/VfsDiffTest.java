package dev.glassbox.daemon.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.image.FileEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The changes between two full copies, as the layer a commit under vfs archives. */
class VfsDiffTest {
    private static final List<FileEntry> BEFORE = List.of(
            FileEntry.dir("etc", 0755), FileEntry.file("etc/passwd", 0644, "root\n"), FileEntry.file("etc/hosts", 0644, ""),
            FileEntry.dir("usr", 0755), FileEntry.dir("usr/sbin", 0755), FileEntry.file("usr/sbin/a", 0755, "a"),
            FileEntry.dir("usr/sbin/deep", 0755), FileEntry.file("usr/sbin/deep/b", 0755, "b"),
            FileEntry.symlink("bin", "usr/bin"), FileEntry.dir("tmp", 01777));

    private static List<String> paths(List<FileEntry> entries) {
        return entries.stream().map(e -> e.path() + (e.type() == FileEntry.Type.SYMLINK ? " -> " + e.link() : "")).toList();
    }

    @Test
    void unchangedCopiesHaveNoDiff() {
        assertEquals(List.of(), VfsDiff.between(BEFORE, BEFORE));
    }

    @Test
    void changesCarryTheirDirectoriesAndADeletedTreeIsOneWhiteout() {
        List<FileEntry> now = List.of(
                FileEntry.dir("etc", 0755), FileEntry.file("etc/hosts", 0644, ""),
                FileEntry.dir("usr", 0755),
                FileEntry.symlink("bin", "usr/local/bin"), FileEntry.dir("tmp", 01777), FileEntry.file("tmp/new", 0600, "x"));
        assertEquals(List.of("etc", "usr", "bin -> usr/local/bin", "tmp", "tmp/new", "etc/.wh.passwd", "usr/.wh.sbin"),
                paths(VfsDiff.between(BEFORE, now)));
    }

    @Test
    void aChangedOwnerModeOrContentIsAChange() {
        List<FileEntry> now = new java.util.ArrayList<>(BEFORE);
        now.set(1, FileEntry.file("etc/passwd", 0600, "root\n"));
        now.set(2, FileEntry.file("etc/hosts", 0644, "127.0.0.1 localhost\n"));
        now.set(5, FileEntry.file("usr/sbin/a", 0755, "a").owned(1000, 1000));
        assertEquals(List.of("etc", "etc/passwd", "etc/hosts", "usr", "usr/sbin", "usr/sbin/a"), paths(VfsDiff.between(BEFORE, now)));
    }
}
