package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** GET /containers/{id}/archive as {@code Api.readFile}: a container's file as docker cp reads it. */
class ContainerFilesTest {
    private static String read(Engine e, String container, String path) {
        return new String(e.api().readFile(container, path), StandardCharsets.UTF_8);
    }

    @Test
    void aRunningContainersFileIsReadThroughItsOverlayWithItsOwnChanges() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web nginx");
            ok(e, "docker exec web sh -c 'echo hello > /usr/share/nginx/html/index.html'");
            assertEquals("hello\n", read(e, "web", "/usr/share/nginx/html/index.html"));
            assertEquals("hello\n", read(e, "web", "/usr/share/nginx/../nginx/html//index.html"));
        }
    }

    @Test
    void aStoppedContainersFileIsReadAndAWhiteoutHidesTheImagesFile() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name box busybox sh -c 'echo kept > /note && rm /etc/passwd'");
            String mountsBefore = e.state().path("host").path("mounts").toString();
            assertEquals("kept\n", read(e, "box", "/note"));
            DockerException gone = assertThrows(DockerException.class, () -> e.api().readFile("box", "/etc/passwd"));
            assertEquals("Could not find the file /etc/passwd in container box", gone.getMessage());
            assertEquals(ErrorKind.NOT_FOUND, gone.kind());
            assertTrue(read(e, "box", "/etc/group").contains("root"));
            assertEquals(mountsBefore, e.state().path("host").path("mounts").toString(), "the overlay mounted for the read is gone again");
        }
    }

    @Test
    void aPathUnderAVolumeIsReadFromTheVolumeAndATmpfsIsRefusedInOneLine() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name box -v data:/data --tmpfs /scratch busybox sh -c 'echo in-volume > /data/f'");
            assertEquals("in-volume\n", read(e, "box", "/data/f"));
            DockerException t = assertThrows(DockerException.class, () -> e.api().readFile("box", "/scratch/x"));
            assertTrue(t.getMessage().contains("is on a tmpfs"), t.getMessage());
            assertEquals(1, t.getMessage().lines().count());
        }
    }

    @Test
    void aDirectoryOrAMissingContainerIsNotAFile() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker create --name box busybox");
            assertEquals(ErrorKind.NOT_FOUND, assertThrows(DockerException.class, () -> e.api().readFile("box", "/etc")).kind());
            assertEquals("No such container: nope", assertThrows(DockerException.class, () -> e.api().readFile("nope", "/etc/passwd")).getMessage());
        }
    }

    @Test
    void theReadLeavesTheTraceOfTheLastCommandAlone() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web nginx");
            var before = e.lastTrace();
            read(e, "web", "/etc/nginx/nginx.conf");
            assertEquals(before, e.lastTrace());
        }
    }
}
