package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /sys/fs/cgroup inside a container on a cgroup v1 host: its own cgroups, read-only, as Docker shows them. */
class LinuxCgroupViewTest {

    @Test
    void theViewHoldsTheContainersOwnCgroupOfEachHierarchyAndLinksCoMountedControllers() {
        List<String[]> mounts = List.of(
                new String[] {"/", "/sys/fs/cgroup/cpu,cpuacct", "cgroup", "rw,cpu,cpuacct"},
                new String[] {"/", "/sys/fs/cgroup/memory", "cgroup", "rw,memory"},
                new String[] {"/", "/sys/fs/cgroup/blkio", "cgroup", "rw,blkio"},
                new String[] {"/daemon", "/sys/fs/cgroup/pids", "cgroup", "rw,pids"},
                new String[] {"/", "/sys/fs/cgroup/unified", "cgroup2", "rw"});
        Map<String, String> daemon = Map.of("cpu,cpuacct", "/", "memory", "/", "blkio", "/", "pids", "/daemon", "", "/");
        Map<String, String> container = Map.of("cpu,cpuacct", "/gb/c1", "memory", "/gb/c1", "blkio", "/", "pids", "/daemon/gb/c1", "", "/");
        LinuxCgroupView view = LinuxCgroupView.of(daemon, container, mounts);
        assertEquals(List.of(new LinuxCgroupView.Hierarchy("cpu,cpuacct", "/sys/fs/cgroup/cpu,cpuacct/gb/c1"),
                new LinuxCgroupView.Hierarchy("memory", "/sys/fs/cgroup/memory/gb/c1"),
                new LinuxCgroupView.Hierarchy("pids", "/sys/fs/cgroup/pids/gb/c1")), view.hierarchies(),
                "blkio (the daemon's own cgroup) and the unified tree are not shown; the pids mount's root is taken off");
        assertEquals(List.of("cgroupfs", "/sys/fs/cgroup", "3", "cpu,cpuacct", "/sys/fs/cgroup/cpu,cpuacct/gb/c1", "memory",
                "/sys/fs/cgroup/memory/gb/c1", "pids", "/sys/fs/cgroup/pids/gb/c1", "2", "cpu", "cpu,cpuacct", "cpuacct", "cpu,cpuacct"),
                view.command());
        assertTrue(LinuxCgroupView.of(Map.of("", "/"), Map.of("", "/gb/c1"), List.<String[]>of(new String[] {"/", "/sys/fs/cgroup", "cgroup2", "rw"})).isEmpty(),
                "a cgroup v2 host gets no v1 view");
    }

    @Test
    void aContainerReadsItsLimitsUnderSysFsCgroupAndCannotChangeThem() throws IOException {
        HostRoot host = HostRoot.open("LinuxCgroupViewTest", "cgv");
        try {
            assumeTrue(CgroupLayout.detect().version().equals("v1"), "the host runs cgroup v2");
            try (Engine e = LinuxEngine.open(host.options)) {
                ok(e, "docker pull -q busybox");
                assertEquals("67108864\n", ok(e, "docker run --rm -m 64m busybox cat /sys/fs/cgroup/memory/memory.limit_in_bytes").out());
                assertEquals("12\n", ok(e, "docker run --rm --pids-limit 12 busybox cat /sys/fs/cgroup/pids/pids.max").out());
                List<String> listed = ok(e, "docker run --rm busybox ls /sys/fs/cgroup").out().lines().toList();
                assertTrue(listed.containsAll(List.of("cpu", "cpuacct", "memory", "pids")), listed.toString());
                Result write = e.run("docker run --rm busybox sh -c 'echo 1 > /sys/fs/cgroup/pids/pids.max'");
                assertEquals("sh: can't create /sys/fs/cgroup/pids/pids.max: Read-only file system\n", write.err());
                assertEquals(1, write.exitStatus());
                Result mkdir = e.run("docker run --rm busybox mkdir /sys/fs/cgroup/mine");
                assertEquals("mkdir: can't create directory '/sys/fs/cgroup/mine': Read-only file system\n", mkdir.err());
                assertEquals(1, mkdir.exitStatus());
                String id = ok(e, "docker run -d --name viewer -m 32m busybox sleep 60").out().strip();
                assertEquals("33554432\n", ok(e, "docker exec viewer cat /sys/fs/cgroup/memory/memory.limit_in_bytes").out());
                ok(e, "docker rm -f viewer");
                assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(id), "nothing of the container stays mounted on the host");
            }
            assertEquals(List.of(), host.leftovers(), "nothing of glassbox's is left on the host");
        } finally {
            host.close();
        }
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }
}
