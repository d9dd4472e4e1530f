package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.registry.SimHub;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import org.junit.jupiter.api.Test;

/** What docker update and the new run flags set is kept in the daemon's state file, like the rest of a container. */
class UpdatePersistenceTest {
    @Test
    void anUpdatedContainerComesBackWithItsNewSettings() {
        Kernel first = new SimKernel(7, Programs::lookup);
        String format = "docker inspect -f '{{.HostConfig.Memory}} {{.HostConfig.CpuShares}} {{.HostConfig.CapAdd}} "
                + "{{.HostConfig.ReadonlyRootfs}} {{json .HostConfig.LogConfig}}' box";
        String before;
        try (Engine e = Engine.persistent(first, SimHub.standard(), false)) {
            ok(e, "docker run -d --name box -m 64m --cap-add NET_ADMIN --read-only --log-driver local busybox sleep 1000");
            ok(e, "docker update -m 32m -c 256 box");
            before = ok(e, format).out();
            assertEquals("33554432 256 [CAP_NET_ADMIN] true {\"Config\":{},\"Type\":\"local\"}\n", before);
        }
        Kernel second = new SimKernel(8, Programs::lookup);
        String root = first.layout().dataRoot();
        second.fs().unpackLayer(root, first.fs().readTree(root));
        try (Engine e = Engine.persistent(second, SimHub.standard(), false)) {
            assertEquals(before, ok(e, format).out());
            ok(e, "docker start box");
            assertEquals("33554432\n", ok(e, "docker exec box cat /sys/fs/cgroup/memory.max").out());
        }
    }
}
