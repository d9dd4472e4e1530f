package dev.glassbox.linux.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glassbox.image.FileEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostTreeTest {
    @TempDir
    Path tmp;

    private static Map<String, FileEntry> byPath(HostTree t) {
        return t.entries().stream().collect(Collectors.toMap(FileEntry::path, Function.identity()));
    }

    private String rel(Path p) {
        return p.toString().substring(1);
    }

    @Test
    void copyKeepsEverySymlinkOnTheWayAndTheRealFileAtTheEnd() throws IOException {
        Path lib = Files.createDirectories(tmp.resolve("usr/lib"));
        Files.write(lib.resolve("libz.so.1.2.13"), new byte[] {1, 2, 3, 0, 0});
        Files.createSymbolicLink(lib.resolve("libz.so.1"), Path.of("libz.so.1.2.13"));
        Files.createSymbolicLink(tmp.resolve("lib"), Path.of("usr/lib"));
        Map<String, FileEntry> t = byPath(new HostTree().copy(tmp.resolve("lib/libz.so.1")));
        assertEquals("usr/lib", t.get(rel(tmp.resolve("lib"))).link());
        assertEquals("libz.so.1.2.13", t.get(rel(lib.resolve("libz.so.1"))).link());
        FileEntry real = t.get(rel(lib.resolve("libz.so.1.2.13")));
        assertEquals(5, real.size());
        assertArrayEquals(new byte[] {1, 2, 3}, real.data(), "trailing zeros are left out, as a tar read back has them");
        assertEquals(FileEntry.Type.DIR, t.get(rel(lib)).type());
    }

    @Test
    void aSymlinkLoopIsRefused() throws IOException {
        Files.createSymbolicLink(tmp.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(tmp.resolve("b"), Path.of("a"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new HostTree().copy(tmp.resolve("a")));
        assertEquals(true, e.getMessage().contains("too many levels of symbolic links"), e.getMessage());
    }

    @Test
    void nothingMaySitUnderASymlink() {
        HostTree t = new HostTree().symlink("lib", "usr/lib");
        assertThrows(IllegalArgumentException.class, () -> t.text("lib/x", "x"));
    }

    @Test
    void lddOutputGivesTheFilesAndNotTheVdso() {
        String out = """
                \tlinux-vdso.so.1 (0x00007ffd5a5f2000)
                \tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007f2b1c5e0000)
                \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2b1c3ff000)
                \t/lib64/ld-linux-x86-64.so.2 (0x00007f2b1c61f000)
                """;
        assertEquals(List.of(Path.of("/lib/x86_64-linux-gnu/libz.so.1"), Path.of("/lib/x86_64-linux-gnu/libc.so.6"),
                Path.of("/lib64/ld-linux-x86-64.so.2")), NginxLayer.parseLdd(out));
        assertThrows(IllegalStateException.class, () -> NginxLayer.parseLdd("\tlibpcre.so.3 => not found\n"));
    }
}
