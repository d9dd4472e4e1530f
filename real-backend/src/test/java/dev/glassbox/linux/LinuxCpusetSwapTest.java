package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glassbox.kernel.CgroupFeature;
import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.TraceEvent;
import dev.glassbox.trace.Tracer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --cpuset-cpus and --memory-swap on the host's cgroups, v1 and v2, against fake cgroupfs trees. */
class LinuxCpusetSwapTest {
    static final String MEM = "/sys/fs/cgroup/memory/process_api/abc123";
    static final String CPUSET = "/sys/fs/cgroup/cpuset";
    static final String V2 = "/sys/fs/cgroup/system.slice/glassbox.service";
    static final long M64 = 64L << 20;

    @TempDir
    Path tmp;

    final Tracer tracer = new Tracer(() -> 0L);

    /** This machine's v1 shape, with cpuset's root values and swap accounting in the memory hierarchy. */
    private FakeHost v1WithEverything() {
        FakeHost h = FakeHost.hybrid(tmp);
        h.file(CPUSET + "/cpuset.cpus", "0-1\n").file(CPUSET + "/cpuset.mems", "0\n");
        h.file(MEM + "/memory.memsw.limit_in_bytes", "9223372036854771712\n");
        return h;
    }

    private List<String> equivalents() {
        return tracer.finish().events().stream().filter(e -> e.layer() == Layer.KERNEL).map(TraceEvent::equivalent).toList();
    }

    @Test
    void v1CpusetCgroupsInheritTheirParentsCpusAndMemsThenTakeTheContainersCpus() {
        FakeHost h = v1WithEverything();
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), tracer);
        assertEquals(EnumSet.allOf(CgroupFeature.class), cg.features());
        tracer.begin("docker run", "run");
        cg.create("glassbox-t/c1", new CgroupLimits(M64, 0, 0, 100_000, 0, "1", 2 * M64));
        assertEquals("0-1", h.read(CPUSET + "/glassbox-t/cpuset.cpus"), "the intermediate cgroup inherits");
        assertEquals("0", h.read(CPUSET + "/glassbox-t/cpuset.mems"));
        assertEquals("1", h.read(CPUSET + "/glassbox-t/c1/cpuset.cpus"));
        assertEquals("0", h.read(CPUSET + "/glassbox-t/c1/cpuset.mems"), "mems copied from the parent, as runc does");
        assertEquals(String.valueOf(M64), h.read(MEM + "/glassbox-t/c1/memory.limit_in_bytes"));
        assertEquals(String.valueOf(2 * M64), h.read(MEM + "/glassbox-t/c1/memory.memsw.limit_in_bytes"));
        List<String> eq = equivalents();
        assertEquals("echo 67108864 > " + MEM + "/glassbox-t/c1/memory.limit_in_bytes", eq.get(1));
        assertEquals("echo 134217728 > " + MEM + "/glassbox-t/c1/memory.memsw.limit_in_bytes", eq.get(2), "memory first, then memory+swap");
        assertEquals("echo 1 > " + CPUSET + "/glassbox-t/c1/cpuset.cpus", eq.get(eq.size() - 1));
        cg.attach("glassbox-t/c1", 4321);
        assertEquals("4321", h.read(CPUSET + "/glassbox-t/c1/cgroup.procs"), "the process joins the cpuset hierarchy too");
    }

    @Test
    void v1RaisingMemoryAboveTheOldSwapLimitWritesTheSwapLimitFirst() {
        FakeHost h = v1WithEverything();
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), null);
        cg.create("glassbox-t/c1", new CgroupLimits(M64, 0, 0, 100_000, 0, "", 2 * M64));
        tracer.begin("docker update", "update");
        new LinuxCgroups(CgroupLayout.detect(h.root), tracer).update("glassbox-t/c1", new CgroupLimits(4 * M64, 0, 0, 100_000, 0, "", 8 * M64));
        List<String> eq = equivalents();
        assertEquals("echo 536870912 > " + MEM + "/glassbox-t/c1/memory.memsw.limit_in_bytes", eq.get(0));
        assertEquals("echo 268435456 > " + MEM + "/glassbox-t/c1/memory.limit_in_bytes", eq.get(1));
        cg.update("glassbox-t/c1", new CgroupLimits(M64, 0, 0, 100_000));
        assertEquals("-1", h.read(MEM + "/glassbox-t/c1/memory.memsw.limit_in_bytes"), "swap back to no limit");
        assertEquals(String.valueOf(M64), h.read(MEM + "/glassbox-t/c1/memory.limit_in_bytes"));
    }

    @Test
    void v1WithoutSwapAccountingOrACpusetMountOffersNeitherAndRefusesThem() {
        FakeHost h = FakeHost.hybrid(tmp);
        h.file("/proc/self/mounts", h.read("/proc/self/mounts").replace("cgroup /sys/fs/cgroup/cpuset cgroup rw,relatime,cpuset 0 0\n", ""));
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), null);
        assertEquals(EnumSet.noneOf(CgroupFeature.class), cg.features());
        cg.create("glassbox-t/c1", new CgroupLimits(M64, 0, 0, 100_000));
        assertFalse(Files.exists(h.path(CPUSET + "/glassbox-t")), "no cpuset cgroup where the controller is not used");
        assertFalse(Files.exists(h.path(MEM + "/glassbox-t/c1/memory.memsw.limit_in_bytes")));
        assertEquals(Errno.ENOTSUP, assertThrows(SysError.class,
                () -> cg.update("glassbox-t/c1", new CgroupLimits(M64, 0, 0, 100_000, 0, "", 2 * M64))).errno());
        assertEquals(Errno.ENOTSUP, assertThrows(SysError.class,
                () -> cg.update("glassbox-t/c1", new CgroupLimits(M64, 0, 0, 100_000, 0, "0", 0))).errno());
    }

    @Test
    void v2WritesCpusetCpusAndTheSwapAloneToMemorySwapMax() {
        FakeHost h = FakeHost.v2(tmp);
        LinuxCgroups cg = new LinuxCgroups(CgroupLayout.detect(h.root), tracer);
        assertEquals(EnumSet.allOf(CgroupFeature.class), cg.features());
        tracer.begin("docker run", "run");
        cg.create("glassbox-t/c1", new CgroupLimits(M64, 0, 0, 100_000, 0, "0", 3 * M64));
        assertEquals("memory pids cpu cpuset", h.read(V2 + "/cgroup.subtree_control").trim().replace("+", ""),
                "the cpuset controller is handed down with the others");
        assertEquals("0", h.read(V2 + "/glassbox-t/c1/cpuset.cpus"));
        assertEquals(String.valueOf(M64), h.read(V2 + "/glassbox-t/c1/memory.max"));
        assertEquals(String.valueOf(2 * M64), h.read(V2 + "/glassbox-t/c1/memory.swap.max"), "memory-swap less memory");
        List<String> eq = equivalents();
        assertEquals("echo 134217728 > " + V2 + "/glassbox-t/c1/memory.swap.max", eq.get(2));
        cg.update("glassbox-t/c1", new CgroupLimits(M64, 0, 0, 100_000, 0, "0", 0));
        assertEquals("max", h.read(V2 + "/glassbox-t/c1/memory.swap.max"));
    }
}
