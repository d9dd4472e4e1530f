package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** docker update: the limits reach the running container's cgroup, inspect and stats; errors in dockerd's words. */
class UpdateTest {
    @Test
    void limitsReachTheRunningContainersCgroupInspectAndStats() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web -m 64m busybox sleep 1000");
            ok(e, "docker run -d --name db busybox sleep 1000");
            assertEquals("web\n", ok(e, "docker update -m 128m --memory-swap 256m --cpus 0.5 -c 512 --pids-limit 20 --restart always web").out());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.equivalent().startsWith("echo 134217728 > /sys/fs/cgroup/docker/")),
                    "the sim kernel writes memory.max: " + e.lastTrace().events());
            assertEquals("134217728 268435456 500000000 512 20 always\n", ok(e, "docker inspect -f '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} "
                    + "{{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}} {{.HostConfig.PidsLimit}} {{.HostConfig.RestartPolicy.Name}}' web").out());
            assertEquals("128MiB\n", ok(e, "docker stats --no-stream --format '{{.MemUsage}}' web").out().replaceAll(".* / ", ""));
            assertEquals("db\nweb\n", ok(e, "docker container update --cpuset-cpus 1 --memory-swap -1 -m 32m db web").out());
            assertEquals("1 -1\n", ok(e, "docker inspect -f '{{.HostConfig.CpusetCpus}} {{.HostConfig.MemorySwap}}' db").out());
            ok(e, "docker create --name later busybox sleep 1000");
            assertEquals("later\n", ok(e, "docker update -m 32m --memory-swap 64m later").out(), "a stopped container takes the limits too");
            ok(e, "docker start later");
            assertEquals("33554432\n", ok(e, "docker exec later cat /sys/fs/cgroup/memory.max").out(), "and its next start applies them");
        }
    }

    @Test
    void errorsAreDockerdsAndTheNamesThatWorkedArePrinted() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name free busybox sleep 1000");
            String id = ok(e, "docker inspect -f '{{.Id}}' free").out().strip();
            Result r = e.run("docker update -m 64m free");
            assertEquals("Error response from daemon: Cannot update container " + id + ": Memory limit should be smaller than already set"
                    + " memoryswap limit, update the memoryswap at the same time\n", r.err());
            assertEquals(1, r.exitStatus());
            r = e.run("docker update --cpus 0.5 nosuch free");
            assertEquals("free\n", r.out());
            assertEquals("Error response from daemon: No such container: nosuch\n", r.err());
            assertEquals(1, r.exitStatus());
            r = e.run("docker update free");
            assertEquals("you must provide one or more flags when using this command\n", r.err());
            r = e.run("docker update --cpus 4 free");
            assertEquals("Error response from daemon: Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available\n", r.err());
            ok(e, "docker run -d --rm --name gone busybox sleep 1000");
            r = e.run("docker update --restart always gone");
            assertTrue(r.err().endsWith(": Restart policy cannot be updated because AutoRemove is enabled for the container\n"), r.err());
        }
    }

    @Test
    void theContainerSeesItsNewLimitsInItsCgroupFiles() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name hog -m 256m busybox sleep 1000");
            ok(e, "docker update -m 8m --memory-swap 16m --pids-limit 5 hog");
            assertEquals("5\n", ok(e, "docker exec hog cat /sys/fs/cgroup/pids.max").out());
            assertEquals("8388608\n", ok(e, "docker exec hog cat /sys/fs/cgroup/memory.max").out());
        }
    }

    @Test
    void theContainersCgroupFilesAreItsOwnAndReadOnly() {
        try (Engine e = Engine.sim()) {
            assertEquals("67108864\n", ok(e, "docker run --rm -m 64m busybox cat /sys/fs/cgroup/memory.max").out());
            assertEquals("max\nmax\nmax 100000\n50000 100000\n", ok(e, "docker run --rm busybox cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max "
                    + "/sys/fs/cgroup/cpu.max").out() + ok(e, "docker run --rm --cpus 0.5 busybox cat /sys/fs/cgroup/cpu.max").out());
            assertEquals("1\n", ok(e, "docker run --rm busybox cat /sys/fs/cgroup/cgroup.procs").out(), "PID 1, as the container numbers it");
            assertEquals("1\n", ok(e, "docker run --rm --cpuset-cpus 1 busybox cat /sys/fs/cgroup/cpuset.cpus.effective").out());
            Result r = e.run("docker run --rm busybox sh -c 'echo 1 > /sys/fs/cgroup/pids.max'");
            assertEquals("sh: can't create /sys/fs/cgroup/pids.max: Read-only file system\n", r.err());
            ok(e, "docker run -d --name hog -m 64m busybox sleep 1000");
            String current = ok(e, "docker exec hog cat /sys/fs/cgroup/memory.current").out().strip();
            assertTrue(Long.parseLong(current) > 0, current);
        }
    }
}
