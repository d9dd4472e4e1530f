package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.daemon.DaemonOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * dockerd --userns-remap=default on the host's kernel: the container's init is cloned with
 * CLONE_NEWUSER, its maps written by the shim, and root inside is uid 100000 outside. Needs root,
 * the host features and user namespaces; skipped with the reason printed otherwise.
 */
class UsernsRemapLinuxTest {
    private HostRoot host;
    private Path bindDir;

    @BeforeEach
    void ready() throws IOException {
        host = HostRoot.open("UsernsRemapLinuxTest", "uns");
        String refused = Preflight.userNamespaceProblem();
        if (refused != null) {
            System.out.println("glassbox: skipping UsernsRemapLinuxTest: " + refused);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(refused == null, refused);
        bindDir = Files.createDirectories(host.root.resolve("binds/shared")); // glassbox binds only paths under its state root
        Files.setAttribute(bindDir.getParent(), "unix:mode", 0755);
        Files.setAttribute(bindDir, "unix:mode", 0755);
        Path f = bindDir.resolve("f");
        Files.writeString(f, "host\n");
        Files.setAttribute(f, "unix:mode", 0644);
    }

    @AfterEach
    void nothingLeft() throws IOException {
        try {
            if (host != null) {
                assertEquals(List.of(), host.leftovers(), "nothing of glassbox's is left on the host");
            }
        } finally {
            if (host != null) {
                host.close(); // removes the state root, the bind source in it too
            }
        }
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    private static int uid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void rootInARemappedContainerIs100000OnTheHost() throws IOException {
        try (Engine e = LinuxEngine.open(host.options, true, DaemonOptions.usernsRemap("default"))) {
            assertEquals("         0     100000      65536\n", ok(e, "docker run --rm busybox cat /proc/self/uid_map").out());
            assertEquals("         0     100000      65536\n", ok(e, "docker run --rm busybox cat /proc/self/gid_map").out());
            assertEquals("0\n0\nroot\n", ok(e, "docker run --rm busybox sh -c 'id -u; id -g; id -un'").out());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.equivalent().matches("echo '0 100000 65536' > /proc/\\d+/uid_map")),
                    "the trace shows the shim writing the map");

            Path store = host.root.resolve("100000.100000");
            try (Stream<Path> layers = Files.list(store.resolve("overlay2"))) {
                Path some = layers.filter(p -> Files.isDirectory(p.resolve("diff/bin"))).findFirst().orElseThrow();
                assertEquals(100000, uid(some.resolve("diff/bin")), "the remapped store's layers are chowned +100000");
            }

            ok(e, "docker volume create vol1");
            ok(e, "docker run --rm -v vol1:/vol busybox touch /vol/f");
            assertEquals(100000, uid(store.resolve("volumes/vol1/_data/f")), "what container root makes is 100000's on the host");

            Result denied = e.run("docker run --rm -v " + bindDir + ":/b busybox sh -c 'echo evil > /b/f'");
            assertNotEquals(0, denied.exitStatus(), denied.text());
            assertTrue(denied.err().contains("Permission denied"), denied.err());
            assertEquals("host\n", Files.readString(bindDir.resolve("f"), StandardCharsets.UTF_8), "host root's 0644 file is untouched");

            ok(e, "docker run --rm --userns=host -v " + bindDir + ":/b busybox sh -c 'echo root >> /b/f'");
            assertEquals("host\nroot\n", Files.readString(bindDir.resolve("f"), StandardCharsets.UTF_8), "--userns=host: the host's root again");
            assertEquals("         0          0 4294967295\n", ok(e, "docker run --rm --userns=host busybox cat /proc/self/uid_map").out());

            assertEquals("         0     100000      65536\n", ok(e, "docker run --rm --network host busybox cat /proc/self/uid_map").out(),
                    "with the host's network namespace /sys is bound, not mounted");
            ok(e, "docker run -d --name web busybox sleep 60");
            assertEquals("0\n", ok(e, "docker exec web id -u").out());
            assertEquals("         0     100000      65536\n", ok(e, "docker exec web cat /proc/self/uid_map").out());
            ok(e, "docker rm -f web");
            ok(e, "docker volume rm vol1");
        }
    }
}
