package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.Cgroups;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.TraceEvent;
import dev.glassbox.trace.Tracer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every limit docker run can set, on the sim kernel and on the Linux kernel's cgroup v2 and v1
 * trees: the same steps in the same order, the same sentences on v2, and on v1 the same sentences
 * naming v1's files. The one v2 difference is the kernel's: the sim has no swap space.
 */
class CgroupLimitParityTest {
    static final long M64 = 64L << 20;
    static final CgroupLimits LIMITS = new CgroupLimits(M64, 10, 50_000, 100_000, 0, "0", 3 * M64);

    @TempDir
    Path tmp;

    private static List<TraceEvent> create(Cgroups cg, Tracer tracer) {
        tracer.begin("docker run", "run");
        cg.create("glassbox/c1", LIMITS);
        return tracer.finish().events().stream().filter(e -> e.layer() == Layer.KERNEL).toList();
    }

    private static List<String> steps(List<TraceEvent> events) {
        return events.stream().map(e -> e.subsystem() + " " + e.action() + " " + e.object()).toList();
    }

    private static String sentence(List<TraceEvent> events, String action) {
        return events.stream().filter(e -> e.action().equals(action)).findFirst().orElseThrow().sentence();
    }

    @Test
    void theLimitsReadTheSameOnBothKernels() throws Exception {
        List<TraceEvent> sim;
        Tracer simTracer = new Tracer(() -> 0L);
        try (SimKernel k = new SimKernel(1, name -> Optional.empty())) {
            k.trace(simTracer);
            sim = create(k.cgroups(), simTracer);
        }
        Tracer t2 = new Tracer(() -> 0L);
        List<TraceEvent> v2 = create(new LinuxCgroups(CgroupLayout.detect(FakeHost.v2(tmp.resolve("v2")).root), t2), t2);
        assertEquals(List.of("CGROUP mkdir glassbox/c1", "CGROUP limit memory glassbox/c1", "CGROUP limit swap glassbox/c1",
                "CGROUP limit pids glassbox/c1", "CGROUP limit cpu glassbox/c1", "CGROUP limit cpuset glassbox/c1"), steps(sim));
        assertEquals(steps(sim), steps(v2));
        for (String action : List.of("mkdir", "limit memory", "limit pids", "limit cpu", "limit cpuset")) {
            assertEquals(sentence(sim, action), sentence(v2, action), action);
        }
        String swapped = "memory.swap.max lets the group swap out " + 2 * M64 + " bytes beyond memory.max";
        assertTrue(sentence(sim, "limit swap").startsWith(swapped + "; this machine has no swap space"), sentence(sim, "limit swap"));
        assertTrue(sentence(v2, "limit swap").startsWith(swapped + " (Docker's"), sentence(v2, "limit swap"));

        FakeHost hybrid = FakeHost.hybrid(tmp.resolve("v1"));
        hybrid.file("/sys/fs/cgroup/cpuset/cpuset.cpus", "0-1\n").file("/sys/fs/cgroup/cpuset/cpuset.mems", "0\n");
        hybrid.file("/sys/fs/cgroup/memory/process_api/abc123/memory.memsw.limit_in_bytes", "9223372036854771712\n");
        Tracer t1 = new Tracer(() -> 0L);
        List<TraceEvent> v1 = create(new LinuxCgroups(CgroupLayout.detect(hybrid.root), t1), t1);
        assertEquals(List.of("CGROUP mkdir glassbox/c1", "CGROUP limit memory glassbox/c1", "CGROUP limit swap glassbox/c1",
                "CGROUP limit pids glassbox/c1", "CGROUP limit cpu glassbox/c1", "CGROUP limit cpuset glassbox/c1"), steps(v1));
        assertEquals(sentence(sim, "limit memory").replace("memory.max", "memory.limit_in_bytes"), sentence(v1, "limit memory"));
        assertEquals(sentence(sim, "limit cpu").replace("cpu.max", "cpu.cfs_quota_us"), sentence(v1, "limit cpu"));
        assertEquals("memory.memsw.limit_in_bytes caps memory and swap together at " + 3 * M64 + " bytes, so the group may swap out "
                + 2 * M64 + " bytes beyond its memory limit.", sentence(v1, "limit swap"));
        for (String action : List.of("mkdir", "limit pids", "limit cpuset")) {
            assertEquals(sentence(sim, action), sentence(v1, action), action);
        }
    }
}
