package dev.glassbox.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue #14's seam: the daemon reaches the kernel's processes, cgroups, mounts and network only
 * through runtime/ (Runtime, Tasks, Libnetwork), as dockerd reaches them through containerd, runc
 * and libnetwork. The storage driver owns its mounts and is its own seam.
 */
class KernelSeamTest {
    private static final Path DAEMON = Path.of("src/main/java/dev/glassbox/daemon");
    private static final Pattern DIRECT = Pattern.compile("\\bkernel\\s*\\.\\s*(processes|cgroups|mounts|net)\\s*\\(\\s*\\)");

    @Test
    void theDaemonCallsNoProcessCgroupMountOrNetworkObjectOfTheKernel() throws IOException {
        assertTrue(Files.isDirectory(DAEMON), "run from the sim-core module: " + DAEMON.toAbsolutePath());
        List<String> direct = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DAEMON)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(DAEMON.resolve("storage"))).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (DIRECT.matcher(lines.get(i)).find()) {
                        direct.add(DAEMON.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertEquals(List.of(), direct);
    }

    @Test
    void theCheckFindsADirectCall() {
        assertTrue(DIRECT.matcher("d.kernel.processes().kill(pid, 9);").find());
        assertTrue(DIRECT.matcher("kernel.net().createBridge(b, cidr);").find());
        assertFalse(DIRECT.matcher("d.tasks.kill(pid, 9); kernel.fs().writeFile(p, b); hostConfig.mounts()").find());
    }
}
