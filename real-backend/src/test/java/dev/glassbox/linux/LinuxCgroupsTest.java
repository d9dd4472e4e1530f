package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.CgroupStats;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Subsystem;
import dev.glassbox.trace.Trace;
import dev.glassbox.trace.TraceEvent;
import dev.glassbox.trace.Tracer;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinuxCgroupsTest {
    static final String MEM = "/sys/fs/cgroup/memory/process_api/abc123/glassbox/c1";
    static final String V2 = "/sys/fs/cgroup/system.slice/glassbox.service";
    static final CgroupLimits LIMITS = new CgroupLimits(64L << 20, 50, 50_000, 100_000);

    @TempDir
    Path tmp;

    final Tracer tracer = new Tracer(() -> 0L);

    private List<TraceEvent> kernelEvents(Trace t) {
        return t.events().stream().filter(e -> e.layer() == Layer.KERNEL).collect(Collectors.toList());
    }

    private List<String> actions(Trace t) {
        return kernelEvents(t).stream().map(TraceEvent::action).collect(Collectors.toList());
    }

    // ------------------------------------------------------------------ v1

    @Test
    void v1CreateMakesADirectoryPerControllerAndWritesLimits() {
        FakeHost h = FakeHost.hybrid(tmp);
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), tracer);
        assertEquals("v1", cg.version());
        tracer.begin("docker run", "run");
        cg.create("glassbox/c1", LIMITS);
        Trace t = tracer.finish();
        for (String c : new String[] {"pids", "cpu", "cpuacct", "freezer"}) {
            assertTrue(Files.isDirectory(h.path("/sys/fs/cgroup/" + c + "/glassbox/c1")), c);
        }
        assertTrue(Files.isDirectory(h.path(MEM)));
        assertEquals(String.valueOf(64L << 20), h.read(MEM + "/memory.limit_in_bytes"));
        assertEquals("50", h.read("/sys/fs/cgroup/pids/glassbox/c1/pids.max"));
        assertEquals("50000", h.read("/sys/fs/cgroup/cpu/glassbox/c1/cpu.cfs_quota_us"));
        assertEquals("100000", h.read("/sys/fs/cgroup/cpu/glassbox/c1/cpu.cfs_period_us"));
        assertEquals(List.of("mkdir", "limit memory", "limit pids", "limit cpu"), actions(t));
        for (TraceEvent e : kernelEvents(t)) {
            assertEquals(Subsystem.CGROUP, e.subsystem());
            assertEquals("glassbox/c1", e.object());
            assertFalse(e.sentence().isBlank());
        }
        assertEquals("echo 67108864 > " + MEM + "/memory.limit_in_bytes", kernelEvents(t).get(1).equivalent());
        assertEquals("echo 50 > /sys/fs/cgroup/pids/glassbox/c1/pids.max", kernelEvents(t).get(2).equivalent());
        assertTrue(kernelEvents(t).get(0).equivalent().contains("mkdir -p " + "/sys/fs/cgroup/memory/process_api/abc123/glassbox/c1 "),
                kernelEvents(t).get(0).equivalent());
    }

    @Test
    void v1CreateWithoutLimitsWritesNothingAndTracesOnlyMkdir() {
        FakeHost h = FakeHost.hybrid(tmp);
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), tracer);
        tracer.begin("docker create", "create");
        cg.create("glassbox/c1", CgroupLimits.NONE);
        assertEquals(List.of("mkdir"), actions(tracer.finish()));
        assertFalse(Files.exists(h.path(MEM + "/memory.limit_in_bytes")));
        SysError again = assertThrows(SysError.class, () -> cg.create("glassbox/c1", CgroupLimits.NONE));
        assertEquals(Errno.EEXIST, again.errno());
    }

    @Test
    void v1UpdateWritesUnlimitedValuesBack() {
        FakeHost h = FakeHost.hybrid(tmp);
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), null);
        cg.create("glassbox/c1", LIMITS);
        cg.update("glassbox/c1", new CgroupLimits(0, 0, 0, 100_000));
        assertEquals("-1", h.read(MEM + "/memory.limit_in_bytes"));
        assertEquals("max", h.read("/sys/fs/cgroup/pids/glassbox/c1/pids.max"));
        assertEquals("-1", h.read("/sys/fs/cgroup/cpu/glassbox/c1/cpu.cfs_quota_us"));
    }

    @Test
    void v1AttachWritesThePidIntoEveryHierarchy() {
        FakeHost h = FakeHost.hybrid(tmp);
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), tracer);
        cg.create("glassbox/c1", CgroupLimits.NONE);
        tracer.begin("docker start", "start");
        cg.attach("glassbox/c1", 1234);
        Trace t = tracer.finish();
        assertEquals("1234", h.read(MEM + "/cgroup.procs"));
        assertEquals("1234", h.read("/sys/fs/cgroup/freezer/glassbox/c1/cgroup.procs"));
        assertEquals(List.of("attach"), actions(t));
        assertTrue(kernelEvents(t).get(0).equivalent().startsWith("echo 1234 > " + MEM + "/cgroup.procs"));
        assertThrows(SysError.class, () -> cg.attach("glassbox/nope", 1));
    }

    @Test
    void v1StatsAreParsed() {
        FakeHost h = FakeHost.hybrid(tmp);
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), null);
        cg.create("glassbox/c1", CgroupLimits.NONE);
        h.file(MEM + "/memory.usage_in_bytes", "1048576\n");
        h.file(MEM + "/memory.limit_in_bytes", "9223372036854771712\n");
        h.file(MEM + "/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
        h.file("/sys/fs/cgroup/pids/glassbox/c1/pids.current", "4\n");
        h.file("/sys/fs/cgroup/pids/glassbox/c1/pids.max", "max\n");
        h.file("/sys/fs/cgroup/cpuacct/glassbox/c1/cpuacct.usage", "2500000\n");
        assertEquals(new CgroupStats(1 << 20, 0, 4, 0, 2500, 3), cg.stats("glassbox/c1"));
        h.file(MEM + "/memory.limit_in_bytes", "67108864\n");
        h.file("/sys/fs/cgroup/pids/glassbox/c1/pids.max", "20\n");
        CgroupStats s = cg.stats("glassbox/c1");
        assertEquals(64L << 20, s.memoryLimit());
        assertEquals(20, s.pidsLimit());
    }

    @Test
    void v1FreezeAndThawUseFreezerState() {
        FakeHost h = FakeHost.hybrid(tmp);
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), tracer);
        cg.create("glassbox/c1", CgroupLimits.NONE);
        tracer.begin("docker pause", "pause");
        cg.freeze("glassbox/c1", true);
        assertEquals("FROZEN", h.read("/sys/fs/cgroup/freezer/glassbox/c1/freezer.state"));
        cg.freeze("glassbox/c1", false);
        assertEquals("THAWED", h.read("/sys/fs/cgroup/freezer/glassbox/c1/freezer.state"));
        Trace t = tracer.finish();
        assertEquals(List.of("freeze", "thaw"), actions(t));
        assertEquals("echo FROZEN > /sys/fs/cgroup/freezer/glassbox/c1/freezer.state", kernelEvents(t).get(0).equivalent());
    }

    @Test
    void v1RemoveRmdirsEveryHierarchy() {
        FakeHost h = FakeHost.hybrid(tmp);
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), tracer);
        cg.create("glassbox/c1", CgroupLimits.NONE);
        tracer.begin("docker rm", "rm");
        cg.remove("glassbox/c1");
        Trace t = tracer.finish();
        assertFalse(Files.exists(h.path(MEM)));
        assertFalse(Files.exists(h.path("/sys/fs/cgroup/pids/glassbox/c1")));
        assertTrue(Files.isDirectory(h.path("/sys/fs/cgroup/pids/glassbox")), "the parent stays");
        assertEquals(List.of("rmdir"), actions(t));
        assertTrue(kernelEvents(t).get(0).equivalent().startsWith("rmdir " + MEM + " "));
        assertEquals(Errno.ENOENT, assertThrows(SysError.class, () -> cg.remove("glassbox/c1")).errno());
    }

    @Test
    void removeOfAGroupWithChildrenIsAClearError() {
        FakeHost h = FakeHost.hybrid(tmp);
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), null);
        cg.create("glassbox/c1", CgroupLimits.NONE);
        cg.create("glassbox/c1/child", CgroupLimits.NONE);
        SysError e = assertThrows(SysError.class, () -> cg.remove("glassbox/c1"));
        assertEquals(Errno.ENOTEMPTY, e.errno());
        assertTrue(e.getMessage().contains("child cgroups"), e.getMessage());
    }

    @Test
    void ebusyBecomesAClearError() {
        SysError e = LinuxCgroups.removeError("glassbox/c1", Path.of("/sys/fs/cgroup/pids/glassbox/c1"),
                new FileSystemException("/sys/fs/cgroup/pids/glassbox/c1", null, "Device or resource busy"));
        assertEquals(Errno.EBUSY, e.errno());
        assertTrue(e.getMessage().contains("still has processes"), e.getMessage());
    }

    // ------------------------------------------------------------------ v2

    @Test
    void v2CreateEnablesControllersAndWritesLimits() {
        FakeHost h = FakeHost.v2(tmp);
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), tracer);
        assertEquals("v2", cg.version());
        tracer.begin("docker run", "run");
        cg.create("glassbox/c1", LIMITS);
        Trace t = tracer.finish();
        assertEquals("+cpu +memory +pids +cpuset".length(), h.read(V2 + "/cgroup.subtree_control").length());
        for (String c : new String[] {"+memory", "+pids", "+cpu", "+cpuset"}) {
            assertTrue(h.read(V2 + "/cgroup.subtree_control").contains(c));
        }
        // a fake tree does not grow cgroup.controllers in the new glassbox dir, so nothing can be enabled there
        assertEquals("67108864", h.read(V2 + "/glassbox/c1/memory.max"));
        assertEquals("50", h.read(V2 + "/glassbox/c1/pids.max"));
        assertEquals("50000 100000", h.read(V2 + "/glassbox/c1/cpu.max"));
        assertEquals(List.of("mkdir", "limit memory", "limit pids", "limit cpu"), actions(t));
        List<TraceEvent> ev = kernelEvents(t);
        assertEquals("echo \"+memory +pids +cpu +cpuset\" > " + V2 + "/cgroup.subtree_control && mkdir -p " + V2 + "/glassbox/c1",
                ev.get(0).equivalent());
        assertEquals("echo 67108864 > " + V2 + "/glassbox/c1/memory.max", ev.get(1).equivalent());
        assertEquals("echo \"50000 100000\" > " + V2 + "/glassbox/c1/cpu.max", ev.get(3).equivalent());
    }

    @Test
    void v2EnablesControllersInIntermediateGroupsToo() {
        FakeHost h = FakeHost.v2(tmp);
        h.file(V2 + "/cgroup.subtree_control", "cpu memory pids cpuset\n");
        h.file(V2 + "/glassbox/cgroup.controllers", "cpu memory pids\n");
        h.file(V2 + "/glassbox/cgroup.subtree_control", "memory\n");
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), null);
        cg.create("glassbox/c1", CgroupLimits.NONE);
        assertEquals("cpu memory pids cpuset\n", h.read(V2 + "/cgroup.subtree_control"), "already enabled: left alone");
        assertEquals("+pids +cpu", h.read(V2 + "/glassbox/cgroup.subtree_control"));
    }

    @Test
    void v2StatsFreezeAndUpdate() {
        FakeHost h = FakeHost.v2(tmp);
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), tracer);
        cg.create("glassbox/c1", CgroupLimits.NONE);
        String d = V2 + "/glassbox/c1";
        h.file(d + "/memory.current", "4096\n");
        h.file(d + "/memory.max", "max\n");
        h.file(d + "/pids.current", "2\n");
        h.file(d + "/pids.max", "100\n");
        h.file(d + "/cpu.stat", "usage_usec 7777\nuser_usec 5000\nsystem_usec 2777\n");
        h.file(d + "/memory.events", "low 0\nhigh 0\nmax 5\noom 2\noom_kill 1\noom_group_kill 0\n");
        assertEquals(new CgroupStats(4096, 0, 2, 100, 7777, 1), cg.stats("glassbox/c1"));

        tracer.begin("docker pause", "pause");
        cg.freeze("glassbox/c1", true);
        assertEquals("1", h.read(d + "/cgroup.freeze"));
        cg.freeze("glassbox/c1", false);
        assertEquals("0", h.read(d + "/cgroup.freeze"));
        Trace t = tracer.finish();
        assertEquals(List.of("freeze", "thaw"), actions(t));
        assertEquals("echo 1 > " + d + "/cgroup.freeze", kernelEvents(t).get(0).equivalent());

        cg.update("glassbox/c1", new CgroupLimits(1 << 20, 0, 0, 100_000));
        assertEquals("1048576", h.read(d + "/memory.max"));
        assertEquals("max", h.read(d + "/pids.max"));
        assertEquals("max 100000", h.read(d + "/cpu.max"));
    }

    @Test
    void v2Remove() {
        FakeHost h = FakeHost.v2(tmp);
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), null);
        cg.create("glassbox-x", CgroupLimits.NONE);
        assertTrue(Files.isDirectory(h.path(V2 + "/glassbox-x")));
        cg.remove("glassbox-x");
        assertFalse(Files.exists(h.path(V2 + "/glassbox-x")));
    }

    // ------------------------------------------------------------------ safety

    @ParameterizedTest
    @ValueSource(strings = {"", "docker/c1", "/glassbox/c1", "system.slice", "glassbox/../x", "glassbox//c1", "glassbox/./c",
            "xglassbox", "glassbox/c1/", "../glassbox"})
    void refusesPathsNotNamedGlassbox(String path) throws IOException {
        FakeHost h = FakeHost.hybrid(tmp);
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), tracer);
        tracer.begin("x", "x");
        assertThrows(IllegalArgumentException.class, () -> cg.create(path, LIMITS));
        assertThrows(IllegalArgumentException.class, () -> cg.update(path, LIMITS));
        assertThrows(IllegalArgumentException.class, () -> cg.attach(path, 1));
        assertThrows(IllegalArgumentException.class, () -> cg.stats(path));
        assertThrows(IllegalArgumentException.class, () -> cg.freeze(path, true));
        assertThrows(IllegalArgumentException.class, () -> cg.remove(path));
        assertEquals(List.of(), actions(tracer.finish()), "nothing was traced");
        try (var s = Files.walk(h.path("/sys/fs/cgroup"))) {
            assertTrue(s.noneMatch(p -> List.of("c1", "x", "glassbox", "..").contains(p.getFileName().toString())));
        }
    }

    @Test
    void acceptsGlassboxPrefixedPaths() {
        assertEquals("glassbox", LinuxCgroups.check("glassbox"));
        assertEquals("glassbox-test-1/a", LinuxCgroups.check("glassbox-test-1/a"));
    }
}
