package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import dev.glassbox.image.FileEntry;
import dev.glassbox.registry.LayerArchive;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** HEAD, GET and PUT /containers/{id}/archive: what docker cp asks of the daemon. */
class ArchiveTest {
    private static Map<String, FileEntry> untar(byte[] tar) throws IOException {
        return LayerArchive.readTar(new ByteArrayInputStream(tar)).stream()
                .collect(Collectors.toMap(FileEntry::path, f -> f, (a, b) -> b, java.util.TreeMap::new));
    }

    private static byte[] tar(FileEntry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LayerArchive.writeTar(List.of(entries), out);
        return out.toByteArray();
    }

    private static String text(FileEntry f) {
        return new String(f.data(), StandardCharsets.UTF_8);
    }

    @Test
    void statTellsGoFileModesAndResolvesALinkInsideTheContainer() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web nginx");
            Api.PathStat dir = e.api().statPath("web", "/etc/nginx");
            assertEquals("nginx", dir.name());
            assertEquals(1L << 31 | 0755, dir.mode());
            assertEquals("", dir.linkTarget());
            Api.PathStat file = e.api().statPath("web", "/etc/nginx/nginx.conf");
            assertEquals(0644, file.mode());
            assertTrue(file.size() > 0);
            ok(e, "docker exec web ln -s /etc/nginx /conf");
            Api.PathStat link = e.api().statPath("web", "/conf");
            assertEquals(1L << 27 | 0777, link.mode());
            assertEquals("/etc/nginx", link.linkTarget());
            DockerException missing = assertThrows(DockerException.class, () -> e.api().statPath("web", "/nope"));
            assertEquals("Could not find the file /nope in container web", missing.getMessage());
            assertEquals(ErrorKind.NOT_FOUND, missing.kind());
        }
    }

    @Test
    void theFilesTheDaemonBindsIntoEveryContainerAreCopiedWithWhatTheContainerSees() throws IOException {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web --hostname webhost nginx");
            assertEquals("webhost\n", text(untar(e.api().archive("web", "/etc/hostname")).get("hostname")));
            assertTrue(text(untar(e.api().archive("web", "/etc/hosts")).get("hosts")).contains("webhost"));
            assertTrue(e.api().statPath("web", "/etc/hostname").size() > 0);
        }
    }

    @Test
    void aDirectoryComesAsATarWithItsBaseNameOnTopAndTheContainersOwnChanges() throws IOException {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web nginx");
            ok(e, "docker exec web sh -c 'echo extra > /etc/nginx/extra.conf'");
            Map<String, FileEntry> got = untar(e.api().archive("web", "/etc/nginx"));
            assertEquals(FileEntry.Type.DIR, got.get("nginx").type());
            assertTrue(got.containsKey("nginx/nginx.conf"), got.keySet().toString());
            assertEquals("extra\n", text(got.get("nginx/extra.conf")));
            assertTrue(got.keySet().stream().allMatch(p -> p.equals("nginx") || p.startsWith("nginx/")), got.keySet().toString());
        }
    }

    @Test
    void aStoppedContainersFileAndAPathThroughASymlinkAreArchivedAndTheOverlayIsUnmountedAfter() throws IOException {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name box busybox sh -c 'mkdir -p /srv/app && echo hi > /srv/app/note && ln -s /srv/app /app'");
            String mounts = e.state().path("host").path("mounts").toString();
            Map<String, FileEntry> one = untar(e.api().archive("box", "/app/note"));
            assertEquals(List.of("note"), List.copyOf(one.keySet()));
            assertEquals("hi\n", text(one.get("note")));
            Map<String, FileEntry> link = untar(e.api().archive("box", "/app"));
            assertEquals(FileEntry.Type.SYMLINK, link.get("app").type());
            assertEquals("/srv/app", link.get("app").link());
            assertEquals(mounts, e.state().path("host").path("mounts").toString());
        }
    }

    @Test
    void aVolumeInsideTheArchivedDirectoryIsIncludedFromItsSource() throws IOException {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name box -v data:/tmp/data busybox sh -c 'echo v > /tmp/data/f && echo r > /tmp/top'");
            Map<String, FileEntry> got = untar(e.api().archive("box", "/tmp"));
            assertEquals("v\n", text(got.get("tmp/data/f")));
            assertEquals("r\n", text(got.get("tmp/top")));
            assertEquals("v\n", text(untar(e.api().archive("box", "/tmp/data/f")).get("f")));
        }
    }

    @Test
    void extractingIntoAStoppedContainerCopiesUpIntoItsWritableLayer() throws IOException {
        try (Engine e = Engine.sim()) {
            ok(e, "docker create --name web nginx");
            e.api().extractArchive("web", "/etc/nginx", tar(FileEntry.dir("conf.d", 0755),
                    FileEntry.file("conf.d/site.conf", 0644, "server {}\n"), FileEntry.file("nginx.conf", 0600, "events {}\n")));
            List<Api.Change> changes = e.api().changes("web");
            assertTrue(changes.contains(new Api.Change("/etc/nginx/conf.d/site.conf", 1)), changes.toString());
            assertTrue(changes.contains(new Api.Change("/etc/nginx/nginx.conf", 0)), changes.toString());
            assertEquals("events {}\n", new String(e.api().readFile("web", "/etc/nginx/nginx.conf"), StandardCharsets.UTF_8));
            assertEquals(0600, e.api().statPath("web", "/etc/nginx/nginx.conf").mode());
            ok(e, "docker start web");
            assertEquals("server {}\n", ok(e, "docker exec web cat /etc/nginx/conf.d/site.conf").out());
        }
    }

    @Test
    void extractingIntoARunningContainerIsSeenByItsProcessesAndAVolumeTakesWhatFallsInIt() throws IOException {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name box -v data:/data busybox sleep 1000");
            e.api().extractArchive("box", "/tmp", tar(FileEntry.file("hello.txt", 0644, "hello\n")));
            assertEquals("hello\n", ok(e, "docker exec box cat /tmp/hello.txt").out());
            e.api().extractArchive("box", "/data", tar(FileEntry.file("in-volume", 0644, "kept\n")));
            ok(e, "docker rm -f box");
            ok(e, "docker run --rm --name other -v data:/data busybox cat /data/in-volume");
            assertEquals("kept\n", e.run("docker run --rm -v data:/data busybox cat /data/in-volume").out());
        }
    }

    @Test
    void extractingNeedsAnExistingDirectory() throws IOException {
        try (Engine e = Engine.sim()) {
            ok(e, "docker create --name box busybox");
            byte[] t = tar(FileEntry.file("x", 0644, "x"));
            DockerException missing = assertThrows(DockerException.class, () -> e.api().extractArchive("box", "/nope", t));
            assertEquals("Could not find the file /nope in container box", missing.getMessage());
            assertEquals(ErrorKind.NOT_FOUND, missing.kind());
            DockerException file = assertThrows(DockerException.class, () -> e.api().extractArchive("box", "/etc/passwd", t));
            assertEquals("extraction point is not a directory", file.getMessage());
            assertEquals(ErrorKind.INVALID, file.kind());
        }
    }

    @Test
    void aFileCannotReplaceADirectoryAndTheContainerIsLeftAsItWas() throws IOException {
        try (Engine e = Engine.sim()) {
            ok(e, "docker create --name box busybox");
            DockerException x = assertThrows(DockerException.class, () -> e.api().extractArchive("box", "/", tar(FileEntry.file("etc", 0644, "x"))));
            assertEquals(ErrorKind.SERVER, x.kind());
            assertTrue(x.getMessage().startsWith("Error processing tar file(exit status 1): "), x.getMessage());
            assertEquals(FileEntry.Type.DIR, untar(e.api().archive("box", "/etc")).get("etc").type());
        }
    }
}
