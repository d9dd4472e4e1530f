package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.CgroupStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one test against the host's /sys/fs/cgroup: only as root with a writable memory controller. */
class RealCgroupsTest {
    @Test
    void createLimitReadBackAndRemoveOnTheHost() throws IOException {
        assumeTrue(Preflight.effectiveUid(Path.of("/")) == 0, "needs uid 0 to create cgroups on the host");
        CgroupLayout layout;
        try {
            layout = CgroupLayout.detect();
        } catch (IllegalStateException e) {
            assumeTrue(false, "no cgroup filesystem: " + e.getMessage());
            return;
        }
        assumeTrue(layout.has("memory") && Files.isWritable(layout.ownDir("memory")),
                "needs a writable memory controller at " + (layout.has("memory") ? layout.ownDir("memory") : "(none)"));

        String name = "glassbox-test-" + UUID.randomUUID().toString().substring(0, 8);
        LinuxCgroups cg = new LinuxCgroups(layout, null);
        List<Path> dirs = new ArrayList<>();
        for (String c : layout.controllers()) {
            dirs.add(layout.dir(c, name));
        }
        try {
            cg.create(name, new CgroupLimits(64L << 20, 0, 0, 100_000));
            assertTrue(Files.isDirectory(layout.dir("memory", name)), layout.dir("memory", name).toString());
            String file = layout.version().equals("v2") ? "memory.max" : "memory.limit_in_bytes";
            assertEquals(String.valueOf(64L << 20), Files.readString(layout.dir("memory", name).resolve(file)).trim());
            CgroupStats s = cg.stats(name);
            assertEquals(64L << 20, s.memoryLimit());
            assertEquals(0, s.pids());
            cg.remove(name);
            for (Path d : dirs) {
                assertFalse(Files.exists(d), d + " is removed");
            }
        } finally {
            for (Path d : dirs) {
                try {
                    Files.deleteIfExists(d); // rmdir on cgroupfs; never anything but glassbox-test-…
                } catch (IOException e) {
                    System.err.println("glassbox: could not clean up " + d + ": " + e);
                }
            }
        }
    }
}
