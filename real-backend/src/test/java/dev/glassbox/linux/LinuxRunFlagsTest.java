package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/**
 * The run flags the Linux kernel carries out itself: a read-only root, the capability set given to the
 * helper, -u NAME from the image's passwd, and docker update writing the running container's cgroup.
 */
class LinuxRunFlagsTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "flags";
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    @Test
    void readOnlyRootAndCapabilitiesAreTheKernels() {
        try (Engine e = LinuxEngine.open(host.options)) {
            ok(e, "docker pull -q busybox");
            Result ro = e.run("docker run --rm --read-only busybox touch /x");
            assertEquals("touch: /x: Read-only file system\n", ro.err());
            assertEquals(1, ro.exitStatus());
            ok(e, "docker run --rm --read-only --tmpfs /tmp busybox touch /tmp/x");
            assertEquals("CapBnd:\t00000000a80435fb\n", ok(e, "docker run --rm --cap-add net_admin busybox grep CapBnd /proc/self/status").out());
            assertEquals("CapEff:\t0000000000000000\n", ok(e, "docker run --rm --cap-drop ALL busybox grep CapEff /proc/self/status").out());
            Result chown = e.run("docker run --rm --cap-drop chown busybox chown 1 /etc/hostname");
            assertTrue(chown.exitStatus() != 0 && chown.err().contains("Operation not permitted"), chown.text());
            assertEquals("65534 65534\n", ok(e, "docker run --rm -u nobody busybox sh -c 'echo $(id -u) $(id -g)'").out());
            assertEquals("/home\n", ok(e, "docker run --rm -u nobody busybox sh -c 'echo $HOME'").out());
        }
    }

    @Test
    void updateWritesTheRunningContainersCgroup() {
        try (Engine e = LinuxEngine.open(host.options)) {
            ok(e, "docker run -d --name lim -m 64m busybox sleep 60");
            assertEquals("lim\n", ok(e, "docker update -m 96m --memory-swap 192m --pids-limit 30 lim").out());
            assertEquals("100663296 30\n", ok(e, "docker inspect -f '{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}' lim").out());
            String usage = ok(e, "docker stats --no-stream --format '{{.MemUsage}}' lim").out();
            assertTrue(usage.endsWith(" / 96MiB\n"), usage);
            assertEquals("201326592\n", ok(e, "docker exec lim cat /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes").out(),
                    "this host accounts swap: memory+swap is capped at --memory-swap");
            Result cpuset = ok(e, "docker update --cpuset-cpus 0 lim");
            assertEquals("lim\n", cpuset.out());
            assertEquals("1\n0\n", ok(e, "docker exec lim sh -c 'nproc; cat /sys/fs/cgroup/cpuset/cpuset.cpus'").out(),
                    "busybox nproc counts the CPUs sched_getaffinity allows");
            assertEquals("0\n", ok(e, "docker inspect -f '{{.HostConfig.CpusetCpus}}' lim").out());
            ok(e, "docker rm -f lim");
        }
    }

    @Test
    void cpusetAndSwapApplyWithoutWarningWhereTheHostHasTheControllers() {
        try (Engine e = LinuxEngine.open(host.options)) {
            ok(e, "docker pull -q busybox");
            Result info = ok(e, "docker info -f '{{.SwapLimit}} {{.CPUSet}}'");
            org.junit.jupiter.api.Assumptions.assumeTrue(info.out().equals("true true\n"), "this host lacks cpuset or swap accounting: " + info.out());
            Result r = ok(e, "docker run --rm --cpuset-cpus 0 -m 32m --memory-swap 48m busybox sh -c "
                    + "'nproc; cat /sys/fs/cgroup/cpuset/cpuset.cpus /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes'");
            assertEquals("1\n0\n50331648\n", r.out());
            assertEquals("", r.err(), "no warning where the controllers exist");
            assertEquals("", ok(e, "docker info").err());
        }
    }
}
