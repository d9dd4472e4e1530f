package dev.glassbox.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import dev.glassbox.image.SimBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private static final SimHub HUB = SimHub.standard();

    private static Image image(String ref) {
        return HUB.resolve(ImageRef.parse(ref).withDefaultTag()).orElseThrow();
    }

    @Test
    void digestsAreTheSameWhenComputedAgain() {
        assertEquals(DigestPrinter.digests(Catalog.standard()), DigestPrinter.digests(Catalog.standard()));
    }

    /** A second JVM whose identity hash codes all collide: no digest may hang on hash order. */
    @Test
    void digestsAreTheSameInAnotherJvm() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2",
                "-cp", System.getProperty("java.class.path"), DigestPrinter.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals(DigestPrinter.digests(Catalog.standard()), out);
    }

    @Test
    void nginxAndRedisShareTheDebianLayer() {
        Layer nginxBase = image("nginx").layers().get(0);
        Layer redisBase = image("redis").layers().get(0);
        assertSame(nginxBase, redisBase);
        assertEquals(nginxBase.digest(), redisBase.digest());
        assertNotEquals(image("nginx").layers().get(1).digest(), image("redis").layers().get(1).digest());
        assertSame(image("busybox").layers().get(0), image("progrium/stress").layers().get(0));
        assertNotEquals(image("ubuntu").layers().get(0).diffId(), nginxBase.diffId());
    }

    @Test
    void entrypointAndCmdExistInEveryImage() {
        Map<String, String> programs = Map.of("busybox", "busybox", "alpine", "busybox", "ubuntu", "bash",
                "nginx", "sh", "redis", "sh", "progrium/stress", "stress");
        programs.forEach((name, program) -> {
            Image image = image(name);
            Rootfs root = new Rootfs(image);
            List<String> argv = new ArrayList<>();
            if (image.config().entrypoint() != null) {
                argv.addAll(image.config().entrypoint());
            }
            if (image.config().cmd() != null) {
                argv.addAll(image.config().cmd());
            }
            assertEquals(program, interpreter(root, argv.get(0), image.config().env()), name);
            // an entrypoint script execs its arguments, so the command must be there too
            if (image.config().entrypoint() != null && !image.config().cmd().isEmpty()) {
                assertTrue(root.command(image.config().cmd().get(0), image.config().env()).isPresent(), name);
            }
        });
        assertEquals("nginx", interpreter(new Rootfs(image("nginx")), "nginx", image("nginx").config().env()));
        assertEquals("redis-server", interpreter(new Rootfs(image("redis")), "redis-server", image("redis").config().env()));
    }

    /** The sim program execve would start for a command: a binary's own, or its script's interpreter's. */
    private static String interpreter(Rootfs root, String command, List<String> env) {
        FileEntry file = root.command(command, env).orElseThrow(() -> new AssertionError("missing " + command));
        assertEquals(FileEntry.Type.FILE, file.type(), command);
        assertTrue((file.mode() & 0111) != 0, command + " is executable");
        Optional<String> program = SimBinary.programOf(file.data());
        if (program.isPresent()) {
            return program.get();
        }
        String text = new String(file.data(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("#!/"), command + " is a binary or a script");
        return interpreter(root, text.substring(2, text.indexOf('\n')).trim(), env);
    }

    @Test
    void imageSizesAreRealistic() {
        assertBetween(3, 6, image("busybox"));
        assertBetween(6, 10, image("alpine"));
        assertBetween(60, 95, image("ubuntu"));
        assertBetween(150, 230, image("nginx"));
        assertBetween(85, 140, image("redis"));
        assertBetween(3, 10, image("progrium/stress"));
    }

    private static void assertBetween(long minMb, long maxMb, Image image) {
        long mb = image.size() / 1_000_000;
        assertTrue(mb >= minMb && mb <= maxMb, image.config().cmd() + ": " + mb + " MB");
    }

    @Test
    void filesLookLikeTheRealDistributions() {
        Rootfs busybox = new Rootfs(image("busybox"));
        FileEntry ls = image("busybox").layers().get(0).entries().stream()
                .filter(e -> e.path().equals("bin/ls")).findFirst().orElseThrow();
        assertEquals(FileEntry.hardlink("bin/ls", "bin/busybox"), ls);
        assertEquals(01777, busybox.resolve("/tmp").orElseThrow().mode());
        assertFalse(busybox.exists("/etc/hostname"), "docker bind-mounts it");

        Rootfs alpine = new Rootfs(image("alpine"));
        assertEquals("busybox", SimBinary.programOf(alpine.resolve("/sbin/ip").orElseThrow().data()).orElseThrow());
        assertTrue(alpine.resolve("/lib/libc.musl-x86_64.so.1").orElseThrow().size() > 500_000);
        assertEquals("apk", SimBinary.programOf(alpine.resolve("/sbin/apk").orElseThrow().data()).orElseThrow());

        Rootfs ubuntu = new Rootfs(image("ubuntu"));
        assertEquals("ls", SimBinary.programOf(ubuntu.resolve("/bin/ls").orElseThrow().data()).orElseThrow());
        for (String missing : List.of("/usr/bin/ip", "/usr/bin/ps", "/usr/bin/wget", "/usr/bin/ping")) {
            assertFalse(ubuntu.exists(missing), missing);
        }
        String osRelease = new String(ubuntu.resolve("/etc/os-release").orElseThrow().data(), StandardCharsets.UTF_8);
        assertTrue(osRelease.contains("Ubuntu 24.04"), osRelease);

        Rootfs nginx = new Rootfs(image("nginx"));
        assertTrue(new String(nginx.resolve("/usr/share/nginx/html/index.html").orElseThrow().data(),
                StandardCharsets.UTF_8).contains("Welcome to nginx!"));
        assertTrue(nginx.exists("/etc/debian_version"));
        assertTrue(new String(nginx.resolve("/etc/passwd").orElseThrow().data(), StandardCharsets.UTF_8)
                .contains("nginx:x:101:101:"), "the upper layer's passwd wins");
        assertEquals(List.of("80/tcp"), image("nginx").config().exposedPorts());
        assertEquals("SIGQUIT", image("nginx").config().stopSignal());
        assertEquals(List.of("nginx", "-g", "daemon off;"), image("nginx").config().cmd());
        assertEquals("/data", image("redis").config().workingDir());
        assertEquals(999, new Rootfs(image("redis")).resolve("/data").orElseThrow().uid());
    }

    @Test
    void historyMatchesTheLayers() {
        for (String name : List.of("busybox", "alpine", "ubuntu", "nginx", "redis", "progrium/stress")) {
            Image image = image(name);
            long layerSteps = image.config().history().stream().filter(h -> !h.emptyLayer()).count();
            assertEquals(image.layers().size(), layerSteps, name);
            assertFalse(image.config().history().stream().anyMatch(h -> h.createdBy().contains("{diffId}")), name);
        }
        assertTrue(image("ubuntu").config().history().get(4).createdBy()
                .contains(image("ubuntu").layers().get(0).diffId().hex()));
    }

    /** Not a timed assertion: prints how long a cold catalog takes to archive and hash. */
    @Test
    void printsCatalogBuildTime() {
        long start = System.nanoTime();
        List<Catalog.Entry> entries = Catalog.standard();
        java.util.Set<Layer> layers = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Catalog.Entry e : entries) {
            layers.addAll(e.image().get().layers());
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        long bytes = layers.stream().mapToLong(Layer::uncompressedSize).sum();
        System.out.printf("catalog: %d images, %d layers, %,d tar bytes hashed in %d ms%n",
                entries.size(), layers.size(), bytes, ms);
        assertTrue(bytes < 400_000_000L, "the catalog stays small enough to hash quickly");
    }
}
