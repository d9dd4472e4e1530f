package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupLayoutTest {
    @TempDir
    Path tmp;

    @Test
    void hybridLayoutChoosesV1() {
        CgroupLayout l = CgroupLayout.detect(FakeHost.hybrid(tmp).root);
        assertEquals("v1", l.version());
        assertEquals(List.of("memory", "pids", "cpu", "cpuacct", "freezer", "cpuset"), List.copyOf(l.controllers()));
        assertEquals("/sys/fs/cgroup/memory", l.mountPoint("memory"));
        assertEquals("/sys/fs/cgroup/cpuacct", l.mountPoint("cpuacct"));
    }

    @Test
    void v1PathsLiveUnderTheDaemonsOwnCgroup() {
        CgroupLayout l = CgroupLayout.detect(FakeHost.hybrid(tmp).root);
        assertEquals("/process_api/abc123", l.ownPath("memory"));
        assertEquals("/", l.ownPath("pids"));
        assertEquals("/sys/fs/cgroup/memory/process_api/abc123/glassbox/c1", l.hostDir("memory", "glassbox/c1"));
        assertEquals("/sys/fs/cgroup/pids/glassbox/c1", l.hostDir("pids", "glassbox/c1"));
        assertEquals(tmp.resolve("sys/fs/cgroup/memory/process_api/abc123/glassbox/c1"), l.dir("memory", "glassbox/c1"));
        assertEquals(6, l.hostDirs("glassbox/c1").size());
    }

    @Test
    void v2WithControllersAtSysFsCgroup() {
        CgroupLayout l = CgroupLayout.detect(FakeHost.v2(tmp).root);
        assertEquals("v2", l.version());
        assertTrue(l.has("memory") && l.has("pids") && l.has("cpu"));
        assertEquals("/system.slice/glassbox.service", l.ownPath("memory"));
        assertEquals("/sys/fs/cgroup/system.slice/glassbox.service/glassbox/c1", l.hostDir("pids", "glassbox/c1"));
        assertEquals(List.of("/sys/fs/cgroup/system.slice/glassbox.service/glassbox/c1"), l.hostDirs("glassbox/c1"));
    }

    @Test
    void v2WithoutPidsControllerLacksIt() {
        FakeHost h = FakeHost.v2(tmp);
        h.file("/sys/fs/cgroup/system.slice/glassbox.service/cgroup.controllers", "cpu memory\n");
        CgroupLayout l = CgroupLayout.detect(h.root);
        assertFalse(l.has("pids"));
        assertThrows(IllegalStateException.class, () -> l.mountPoint("pids"));
    }

    @Test
    void combinedCpuCpuacctMountAndOwnPathNotVisibleFallsBackToRoot() {
        FakeHost h = new FakeHost(tmp);
        h.file("/proc/self/mounts", """
                cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpu,cpuacct 0 0
                cgroup /sys/fs/cgroup/memory cgroup rw,nosuid,nodev,noexec,relatime,memory 0 0
                cgroup /sys/fs/cgroup/pids cgroup rw,nosuid,nodev,noexec,relatime,pids 0 0
                """);
        h.file("/proc/self/cgroup", "4:pids:/user.slice\n3:memory:/docker/ffff\n2:cpu,cpuacct:/user.slice\n");
        h.dir("/sys/fs/cgroup/cpu,cpuacct/user.slice").dir("/sys/fs/cgroup/memory").dir("/sys/fs/cgroup/pids/user.slice");
        CgroupLayout l = CgroupLayout.detect(h.root);
        assertEquals("v1", l.version());
        assertEquals("/sys/fs/cgroup/cpu,cpuacct", l.mountPoint("cpuacct"));
        assertEquals("/user.slice", l.ownPath("cpu"));
        assertEquals("/", l.ownPath("memory")); // /docker/ffff does not exist under the mount
        assertFalse(l.has("freezer"));
        // cpu and cpuacct share one directory
        assertEquals(3, l.hostDirs("glassbox/x").size());
    }

    @Test
    void noCgroupFilesystemIsAnError() {
        FakeHost h = new FakeHost(tmp);
        h.file("/proc/self/mounts", "proc /proc proc rw 0 0\n");
        h.file("/proc/self/cgroup", "0::/\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CgroupLayout.detect(h.root));
        assertTrue(e.getMessage().contains("no cgroup filesystem"), e.getMessage());
    }

    @Test
    void mountPointsAreUnescaped() {
        assertEquals("/a b/c", CgroupLayout.unescape("/a\\040b/c"));
        assertEquals("/plain", CgroupLayout.unescape("/plain"));
    }
}
