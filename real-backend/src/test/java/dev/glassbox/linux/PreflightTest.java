package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
    @TempDir
    Path tmp;

    private FakeHost ready() throws IOException {
        FakeHost h = FakeHost.hybrid(tmp);
        h.file("/proc/filesystems", "nodev\tsysfs\nnodev\tproc\n\text4\nnodev\toverlay\n");
        for (String t : new String[] {"ip"}) {
            tool(h, "/usr/sbin/" + t);
        }
        for (String t : new String[] {"nsenter", "unshare", "mount", "cc"}) {
            tool(h, "/usr/bin/" + t);
        }
        return h;
    }

    private static void tool(FakeHost h, String path) throws IOException {
        h.file(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(h.path(path), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aReadyHostHasNoProblems() throws IOException {
        FakeHost h = ready();
        assertEquals(List.of(), new Preflight(h.root, 0, "/usr/local/bin:/usr/sbin:/usr/bin").problems());
    }

    @Test
    void missingIptablesIsAWarningNotAProblem() throws IOException {
        FakeHost h = ready();
        Preflight without = new Preflight(h.root, 0, "/usr/sbin:/usr/bin");
        assertEquals(List.of(), without.problems(), "the kernel still opens");
        assertEquals(List.of("glassbox: the tool iptables is not on PATH: docker run -p will fail, the rest works: install it (apt-get install iptables)"),
                without.warnings());
        tool(h, "/usr/sbin/iptables");
        assertEquals(List.of(), without.warnings());
    }

    @Test
    void notRoot() throws IOException {
        FakeHost h = ready();
        assertEquals(List.of("glassbox: the Linux kernel needs root: run as root or use the sim kernel"),
                new Preflight(h.root, 1000, "/usr/sbin:/usr/bin").problems());
    }

    @Test
    void noOverlay() throws IOException {
        FakeHost h = ready();
        h.file("/proc/filesystems", "nodev\tsysfs\n\text4\n");
        List<String> p = new Preflight(h.root, 0, "/usr/sbin:/usr/bin").problems();
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("overlay"), p.get(0));
    }

    @Test
    void missingToolsOneLineEach() throws IOException {
        FakeHost h = ready();
        Files.delete(h.path("/usr/bin/cc"));
        Files.setPosixFilePermissions(h.path("/usr/bin/unshare"), PosixFilePermissions.fromString("rw-r--r--"));
        List<String> p = new Preflight(h.root, 0, "/usr/sbin:/usr/bin").problems();
        assertEquals(List.of("glassbox: the tool unshare is not on PATH: install it (util-linux)",
                "glassbox: the tool cc is not on PATH: install it (gcc: the container helper is built with it)"), p);
        assertEquals(5, new Preflight(h.root, 0, "").problems().size(), "an empty PATH finds no tool");
    }

    @Test
    void missingCgroupController() throws IOException {
        FakeHost h = ready();
        h.file("/proc/self/mounts", h.read("/proc/self/mounts").replace("cgroup /sys/fs/cgroup/pids cgroup rw,relatime,pids 0 0\n", ""));
        List<String> p = new Preflight(h.root, 0, "/usr/sbin:/usr/bin").problems();
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("glassbox: the cgroup controller pids is missing (cgroup v1)"), p.get(0));
    }

    @Test
    void noCgroupsAtAllAndEverythingElseMissing() {
        FakeHost h = new FakeHost(tmp);
        h.file("/proc/self/mounts", "proc /proc proc rw 0 0\n").file("/proc/self/cgroup", "0::/\n");
        List<String> p = new Preflight(h.root, 1000, "/usr/bin").problems();
        assertEquals(8, p.size(), p.toString()); // root, overlay, cgroups, 4 tools
        assertTrue(p.get(2).contains("no cgroup filesystem"), p.get(2));
    }

    @Test
    void effectiveUidFromProcStatus() {
        FakeHost h = new FakeHost(tmp);
        h.file("/proc/self/status", "Name:\tjava\nUid:\t1000\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
        assertEquals(0, Preflight.effectiveUid(h.root));
    }
}
