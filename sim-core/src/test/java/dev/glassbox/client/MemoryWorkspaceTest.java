package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glassbox.api.UsageException;
import dev.glassbox.image.FileEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryWorkspaceTest {
    private final MemoryWorkspace ws = new MemoryWorkspace();

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() {
        assertEquals("/home/student", ws.cwd());
        assertEquals("/home/student/app/Dockerfile", ws.resolve("app/./x/../Dockerfile"));
        assertEquals("/etc", ws.resolve("../../../../etc"));
        assertEquals("/tmp/a", ws.resolve("/tmp//a/"));
    }

    @Test
    void aTreeListsEntriesRelativeToItsRootAndAFileByItsName() {
        ws.put("app/Dockerfile", "FROM alpine\n").put("app/src/index.html", "<h1>hi</h1>");
        List<String> paths = ws.tree("app").stream().map(FileEntry::path).toList();
        assertEquals(List.of("Dockerfile", "src", "src/index.html"), paths);
        assertEquals(List.of("index.html"), ws.tree("app/src/index.html").stream().map(FileEntry::path).toList());
        assertEquals(List.of(), ws.tree("nothing"));
    }

    @Test
    void extractMergesDirectoriesAndReplacesFiles() {
        ws.put("out/keep.txt", "old").put("out/a.txt", "old");
        ws.extract("out", List.of(FileEntry.dir("sub", 0700), FileEntry.file("a.txt", 0600, "new"),
                FileEntry.file("sub/b.txt", 0644, "b"), FileEntry.symlink("link", "a.txt")));
        assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), ws.readFile("out/a.txt"));
        assertEquals(0600, ws.stat("out/a.txt").mode());
        assertEquals(0700, ws.stat("out/sub").mode());
        assertEquals("a.txt", ws.stat("out/link").link());
        assertEquals("old", new String(ws.readFile("out/keep.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void anEntryLeavingTheDirectoryIsRefused() {
        ws.mkdirs("out");
        UsageException e = assertThrows(UsageException.class,
                () -> ws.extract("out", List.of(FileEntry.file("../escape", 0644, "x"))));
        assertEquals("glassbox: refused ../escape: it leaves /home/student/out", e.getMessage());
        assertNull(ws.stat("escape"));
    }

    @Test
    void removeTakesTheWholeSubtreeAndNothingBesideIt() {
        ws.put("a/b/c.txt", "c").put("a/bb.txt", "x").put("ab.txt", "y");
        ws.remove("a/b");
        assertNull(ws.stat("a/b/c.txt"));
        assertNull(ws.stat("a/b"));
        assertEquals(1, ws.tree("a").size());
        assertEquals(2, ws.stat("ab.txt").size() + 1);
    }

    @Test
    void writingUnderAMissingDirectoryIsDockersError() {
        UsageException e = assertThrows(UsageException.class, () -> ws.writeFile("no/such/file", new byte[1], 0644));
        assertEquals("open /home/student/no/such/file: no such file or directory", e.getMessage());
    }
}
