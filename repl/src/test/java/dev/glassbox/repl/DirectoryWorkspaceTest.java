package dev.glassbox.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.api.UsageException;
import dev.glassbox.image.FileEntry;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's real directory as the client's workspace: what the shell built-ins and docker cp see of it. */
class DirectoryWorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void statTreeAndListSeeTheRealFiles() throws Exception {
        Files.createDirectories(dir.resolve("site/sub"));
        Files.writeString(dir.resolve("site/sub/b"), "bee");
        Files.setPosixFilePermissions(dir.resolve("site/sub/b"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(dir.resolve("site/link"), Path.of("sub/b"));
        DirectoryWorkspace ws = new DirectoryWorkspace(dir);
        assertEquals(dir.toString(), ws.cwd());
        assertEquals(0750, ws.stat("site/sub/b").mode());
        assertEquals(3, ws.stat("site/sub/b").size());
        assertEquals(FileEntry.Type.SYMLINK, ws.stat("site/link").type());
        assertEquals("sub/b", ws.stat("site/link").link());
        assertNull(ws.stat("nope"));
        assertEquals(List.of("link", "sub"), ws.list("site"));
        List<FileEntry> tree = ws.tree("site");
        assertEquals(List.of("link", "sub", "sub/b"), tree.stream().map(FileEntry::path).sorted().toList());
        assertEquals("bee", new String(tree.stream().filter(e -> e.path().equals("sub/b")).findFirst().orElseThrow().data()));
    }

    @Test
    void cdMkdirsExtractAndRemoveChangeTheDisk() throws Exception {
        DirectoryWorkspace ws = new DirectoryWorkspace(dir);
        ws.mkdirs("app/web");
        ws.cd("app");
        assertEquals(dir.resolve("app").toString(), ws.cwd());
        ws.extract("web", List.of(FileEntry.dir("html", 0755), FileEntry.file("html/index.html", 0644, "hi"), FileEntry.symlink("html/l", "index.html")));
        assertEquals("hi", Files.readString(dir.resolve("app/web/html/index.html")));
        assertEquals(Path.of("index.html"), Files.readSymbolicLink(dir.resolve("app/web/html/l")));
        assertThrows(UsageException.class, () -> ws.extract("web", List.of(FileEntry.file("../../out", 0644, "x"))));
        ws.remove("web");
        assertTrue(Files.notExists(dir.resolve("app/web")));
        assertEquals(dir.toString(), ws.home());
        UsageException e = assertThrows(UsageException.class, () -> ws.cd("nope"));
        assertEquals("cd: nope: No such file or directory", e.getMessage());
    }

    @Test
    void aSocketIsNamedAndRefusedInOneLine() throws Exception {
        Path sock = dir.resolve("app.sock");
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(sock));
            DirectoryWorkspace ws = new DirectoryWorkspace(dir);
            UsageException e = assertThrows(UsageException.class, () -> ws.tree("."));
            assertEquals("glassbox: " + sock + " is a device, socket or pipe; the workspace moves files, directories and symlinks only", e.getMessage());
        }
    }

    @Test
    void dockerCpAndTheBuiltinsWorkOnItFromAnEngine() throws Exception {
        Files.writeString(dir.resolve("index.html"), "<p>mine</p>\n");
        try (Engine e = Engine.sim()) {
            e.workspace(new DirectoryWorkspace(dir));
            assertEquals(0, e.run("docker run -d --name web nginx").exitStatus());
            Result in = e.run("docker cp index.html web:/usr/share/nginx/html/index.html");
            assertEquals(0, in.exitStatus(), in.text());
            assertEquals("<p>mine</p>\n", e.run("docker exec web cat /usr/share/nginx/html/index.html").out());
            Result out = e.run("mkdir -p got && cd got && docker cp web:/etc/nginx/conf.d . && ls conf.d");
            assertEquals("default.conf\n", out.out(), out.text());
            assertTrue(Files.isRegularFile(dir.resolve("got/conf.d/default.conf")));
            Result missing = e.run("docker cp missing web:/tmp/");
            assertEquals("lstat " + dir.resolve("got/missing") + ": no such file or directory\n", missing.err());
        }
    }
}
