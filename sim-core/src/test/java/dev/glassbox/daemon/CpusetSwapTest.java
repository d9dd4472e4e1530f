package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.kernel.CgroupFeature;
import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.CgroupStats;
import dev.glassbox.kernel.Cgroups;
import dev.glassbox.kernel.HostFs;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.KernelInfo;
import dev.glassbox.kernel.KernelState;
import dev.glassbox.kernel.Mounts;
import dev.glassbox.kernel.Net;
import dev.glassbox.kernel.Processes;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * --cpuset-cpus and --memory-swap as dockerd applies them: on the sim host (cpuset and swap accounting,
 * no swap space) they reach the cgroup files, nproc and free agree with them; on a host that lacks a
 * controller the run is accepted, Docker's warning printed and the setting discarded.
 */
class CpusetSwapTest {
    @Test
    void theSimHostAppliesCpusetAndNprocCountsTheAllowedCpus() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            assertEquals("2\n", ok(e, "docker run --rm busybox busybox nproc").out());
            Result r = ok(e, "docker run --rm --cpuset-cpus 0 busybox sh -c 'busybox nproc; busybox nproc --all; cat /sys/fs/cgroup/cpuset.cpus.effective'");
            assertEquals("1\n2\n0\n", r.out());
            assertEquals("", r.err());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals("limit cpuset")
                    && ev.equivalent().matches("echo 0 > /sys/fs/cgroup/docker/[0-9a-f]{64}/cpuset.cpus")), "the cpuset is written");
            ok(e, "docker run -d --name wk busybox sleep 1000");
            assertEquals("wk\n", ok(e, "docker update --cpuset-cpus 1 wk").out());
            assertEquals("1\n1\n", ok(e, "docker exec wk sh -c 'busybox nproc; cat /sys/fs/cgroup/cpuset.cpus.effective'").out());
        }
    }

    @Test
    void theSimHostLimitsSwapButHasNoneSoFreeAndTheCgroupAgree() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            Result r = ok(e, "docker run --rm -m 64m busybox sh -c 'cat /sys/fs/cgroup/memory.swap.max /sys/fs/cgroup/memory.swap.current;"
                    + " free | grep Swap; grep Swap /proc/meminfo'");
            assertEquals("67108864\n0\nSwap:             0           0           0\nSwapTotal:             0 kB\nSwapFree:              0 kB\n",
                    r.out(), "Docker's default swap is as much again as the memory limit");
            assertEquals("", r.err(), "no warning where the controller exists");
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals("limit swap")
                    && ev.sentence().contains("no swap space")), "the trace says swap changes nothing here");
            assertEquals("max\n", ok(e, "docker run --rm -m 64m --memory-swap -1 busybox cat /sys/fs/cgroup/memory.swap.max").out());
            assertEquals("33554432\n", ok(e, "docker run --rm -m 32m --memory-swap 64m busybox cat /sys/fs/cgroup/memory.swap.max").out());
            Result info = ok(e, "docker info");
            assertEquals("", info.err(), "docker info warns of nothing");
            assertEquals("true true []\n", ok(e, "docker info -f '{{.SwapLimit}} {{.CPUSet}} {{.Warnings}}'").out());
        }
    }

    @Test
    void withoutTheControllersTheRunIsAcceptedWithDockersWarningsAndTheSettingsDiscarded() {
        try (Engine e = Engine.on(new Lacking(new SimKernel(42, Programs::lookup)))) {
            ok(e, "docker pull -q busybox");
            Result r = e.run("docker run -d --name cs --cpuset-cpus 1 -m 64m --memory-swap 128m busybox sleep 1000");
            assertEquals(0, r.exitStatus(), r.text());
            assertEquals("WARNING: Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.\n"
                    + "WARNING: Your kernel does not support cpuset or the cpuset cgroup is not mounted. Cpuset discarded.\n", r.err());
            assertTrue(r.out().matches("[0-9a-f]{64}\n"), r.out());
            assertEquals("67108864 -1 ''\n", ok(e, "docker inspect -f \"{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} '{{.HostConfig.CpusetCpus}}'\" cs").out());
            assertEquals("2\n", ok(e, "docker exec cs busybox nproc").out(), "the cpuset was discarded");
            Result plain = ok(e, "docker create -m 32m busybox");
            assertTrue(plain.err().startsWith("WARNING: Your kernel does not support swap limit"), "-m alone asks for swap: " + plain.err());
            assertEquals("", ok(e, "docker create busybox").err());
            assertEquals("cs\nYour kernel does not support cpuset or the cpuset cgroup is not mounted. Cpuset discarded.\n",
                    ok(e, "docker update --cpuset-cpus 0 cs").out());
            Result info = ok(e, "docker info");
            assertEquals("WARNING: No swap limit support\nWARNING: No cpuset support\n", info.err());
            assertEquals("false false\n", ok(e, "docker info -f '{{.SwapLimit}} {{.CPUSet}}'").out());
        }
    }

    @Test
    void discardedFollowsVerifyPlatformContainerResources() {
        Set<CgroupFeature> none = EnumSet.noneOf(CgroupFeature.class);
        assertEquals(new Discarded(-1, "", java.util.List.of(Discarded.SWAP)), Discarded.check(64, 0, "", none));
        assertEquals(new Discarded(-1, "", java.util.List.of()), Discarded.check(64, -1, "", none), "unlimited swap needs no control");
        assertEquals(new Discarded(0, "", java.util.List.of()), Discarded.check(0, 0, "", none));
        assertEquals(new Discarded(128, "0-1", java.util.List.of()), Discarded.check(64, 128, "0-1", EnumSet.allOf(CgroupFeature.class)));
        assertEquals(new Discarded(0, "", java.util.List.of(Discarded.CPUSET)), Discarded.check(0, 0, "3", EnumSet.of(CgroupFeature.SWAP_LIMIT)));
    }

    /** The sim kernel with a cgroup tree that has neither cpuset nor swap accounting. */
    private record Lacking(SimKernel k) implements Kernel {
        @Override public void trace(dev.glassbox.trace.Tracer tracer) { k.trace(tracer); }
        @Override public String name() { return k.name(); }
        @Override public KernelInfo info() { return k.info(); }
        @Override public String hostResolvConf() { return k.hostResolvConf(); }
        @Override public long currentTimeMillis() { return k.currentTimeMillis(); }
        @Override public byte[] random(int bytes) { return k.random(bytes); }
        @Override public void idle(long millis) { k.idle(millis); }
        @Override public HostFs fs() { return k.fs(); }
        @Override public Processes processes() { return k.processes(); }
        @Override public Mounts mounts() { return k.mounts(); }
        @Override public Net net() { return k.net(); }
        @Override public KernelState state() { return k.state(); }
        @Override public void close() { k.close(); }

        @Override
        public Cgroups cgroups() {
            Cgroups c = k.cgroups();
            return new Cgroups() {
                @Override public String version() { return c.version(); }
                @Override public Set<CgroupFeature> features() { return EnumSet.noneOf(CgroupFeature.class); }
                @Override public void create(String path, CgroupLimits limits) { c.create(path, limits); }
                @Override public void update(String path, CgroupLimits limits) { c.update(path, limits); }
                @Override public void attach(String path, int pid) { c.attach(path, pid); }
                @Override public CgroupStats stats(String path) { return c.stats(path); }
                @Override public void freeze(String path, boolean frozen) { c.freeze(path, frozen); }
                @Override public void remove(String path) { c.remove(path); }
            };
        }
    }
}
