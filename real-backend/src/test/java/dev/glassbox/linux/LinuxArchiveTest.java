package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.image.FileEntry;
import dev.glassbox.registry.LayerArchive;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** docker cp's archive calls on the host's kernel: what the sim kernel's ArchiveTest checks, for real. Needs root. */
class LinuxArchiveTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "arc";
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    private static Map<String, FileEntry> untar(byte[] tar) throws IOException {
        Map<String, FileEntry> out = new TreeMap<>();
        LayerArchive.readTar(new ByteArrayInputStream(tar)).forEach(f -> out.put(f.path(), f));
        return out;
    }

    @Test
    void statArchiveAndExtractOnAStoppedAndARunningContainer() throws IOException {
        try (Engine e = LinuxEngine.open(host.options, false)) {
            ok(e, "docker run --name box -v data:/data busybox sh -c 'mkdir -p /srv && echo hi > /srv/note && echo v > /data/f && ln -s /srv /link'");
            Api.PathStat dir = e.api().statPath("box", "/srv");
            assertEquals(1L << 31, dir.mode() & (1L << 31));
            assertEquals("/srv", e.api().statPath("box", "/link").linkTarget());
            Map<String, FileEntry> srv = untar(e.api().archive("box", "/link/note"));
            assertEquals("hi\n", new String(srv.get("note").data(), StandardCharsets.UTF_8));
            assertEquals("v\n", new String(untar(e.api().archive("box", "/data")).get("data/f").data(), StandardCharsets.UTF_8));
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            LayerArchive.writeTar(List.of(FileEntry.file("added", 0644, "added\n")), tar);
            e.api().extractArchive("box", "/srv", tar.toByteArray());
            assertTrue(e.api().changes("box").contains(new Api.Change("/srv/added", Api.Change.ADDED)));
            DockerException file = assertThrows(DockerException.class, () -> e.api().extractArchive("box", "/srv/note", tar.toByteArray()));
            assertEquals("extraction point is not a directory", file.getMessage());
            ok(e, "docker start box");
            ok(e, "docker rm -f box");
            ok(e, "docker run -d --name up busybox sleep 300");
            e.api().extractArchive("up", "/tmp", tar.toByteArray());
            assertEquals("added\n", ok(e, "docker exec up cat /tmp/added").out());
            ok(e, "docker rm -f up");
            ok(e, "docker volume rm data");
        }
    }
}
