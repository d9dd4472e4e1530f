package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import dev.glassbox.linux.image.LocalHub;
import dev.glassbox.linux.image.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docker load of an OCI image layout archive (what skopeo's oci-archive: and Docker 25's save write), on the host's kernel. */
class OciArchiveLoadTest {
    private HostRoot host;

    @BeforeEach
    void ready() throws IOException {
        host = HostRoot.open("OciArchiveLoadTest", "oci");
    }

    @AfterEach
    void cleanUp() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void anOciArchiveLoadsUnderItsNameAndRuns() throws IOException {
        Image busybox = LocalHub.fromHost().resolve(ImageRef.parse("busybox:latest").withDefaultTag()).orElseThrow();
        Path layout = host.root.resolve("layout");
        new OciLayout(layout).write(busybox, "docker.io/library/busybox:oci", OciLayout.Format.OCI);
        Path files = host.root.resolve("files");
        Files.createDirectories(files);
        Cmd.run(List.of("tar", "-C", layout.toString(), "-cf", files.resolve("bb-oci.tar").toString(), "."), 60_000).orThrow();
        try (Engine e = LinuxEngine.open(host.options)) {
            Result load = e.run("docker load -i bb-oci.tar");
            assertEquals(0, load.exitStatus(), load.text());
            assertEquals("Loaded image: busybox:oci\n", load.out());
            assertEquals("from-oci\n", e.run("docker run --rm busybox:oci echo from-oci").out());
            assertEquals(busybox.id().shortId() + "\n", e.run("docker images -q busybox:oci").out(), "the same image id as the layout's config");
        }
    }
}
