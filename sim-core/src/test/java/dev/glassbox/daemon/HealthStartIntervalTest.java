package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.registry.SimHub;
import dev.glassbox.sim.SimKernel;
import dev.glassbox.sim.programs.Programs;
import org.junit.jupiter.api.Test;

/**
 * --health-start-interval (API 1.44's Healthcheck.StartInterval): checks during the start period run at it,
 * afterwards at --health-interval; and State.Health is kept with the container across a daemon restart.
 */
class HealthStartIntervalTest {
    private static String health(Engine e, String name) {
        return ok(e, "docker inspect -f '{{.State.Health.Status}} {{.State.Health.FailingStreak}} {{len .State.Health.Log}}' " + name).out();
    }

    @Test
    void checksRunAtTheStartIntervalDuringTheStartPeriodThenAtTheInterval() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name app --health-cmd 'test -e /tmp/ready' --health-start-period 20s --health-start-interval 1s "
                    + "--health-interval 30s busybox sleep 1000");
            assertEquals("{\"Test\":[\"CMD-SHELL\",\"test -e /tmp/ready\"],\"Interval\":30000000000,\"StartPeriod\":20000000000,"
                    + "\"StartInterval\":1000000000}\n", ok(e, "docker inspect -f '{{json .Config.Healthcheck}}' app").out());
            e.advance(3_500);
            String starting = health(e, "app");
            assertTrue(starting.matches("starting 0 [3-5]\n"), "a check a second, failures not counted in the start period: " + starting);
            ok(e, "docker exec app touch /tmp/ready");
            e.advance(1_000);
            String healthy = health(e, "app");
            assertTrue(healthy.startsWith("healthy 0 "), healthy);
            e.advance(10_000);
            assertEquals(healthy, health(e, "app"), "once healthy the next check waits the whole interval");
            e.advance(25_000);
            int n = Integer.parseInt(healthy.strip().split(" ")[2]);
            assertEquals("healthy 0 " + Math.min(5, n + 1) + "\n", health(e, "app"));
        }
    }

    @Test
    void withoutAStartPeriodTheStartIntervalDoesNotApply() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name app --health-cmd false --health-start-interval 1s --health-interval 10s busybox sleep 1000");
            e.advance(5_000);
            assertEquals("starting 0 0\n", health(e, "app"));
            e.advance(6_000);
            assertEquals("starting 1 1\n", health(e, "app"));
            Result small = e.run("docker run --health-cmd true --health-start-interval 10us busybox true");
            assertEquals(125, small.exitStatus());
            assertEquals("docker: Error response from daemon: StartInterval in Healthcheck cannot be less than 1ms\n\n"
                    + "Run 'docker run --help' for more information\n", small.err());
        }
    }

    @Test
    void stateHealthIsKeptWithTheContainerAcrossADaemonRestart() {
        Kernel first = new SimKernel(7, Programs::lookup);
        String format = "docker inspect -f '{{.State.Health.Status}} {{.State.Health.FailingStreak}} "
                + "{{range .State.Health.Log}}{{.ExitCode}}:{{.Output}}|{{end}}' box";
        String before;
        try (Engine e = Engine.persistent(first, SimHub.standard(), false)) {
            ok(e, "docker run -d --name box --health-cmd 'echo probe; false' --health-interval 2s --health-retries 2 busybox sleep 1000");
            e.advance(4_500);
            ok(e, "docker stop -t 0 box");
            before = ok(e, format).out();
            assertTrue(before.matches("unhealthy [2-5] (1:probe\n\\|){2,5}\n"), before);
        }
        Kernel second = new SimKernel(8, Programs::lookup);
        String root = first.layout().dataRoot();
        second.fs().unpackLayer(root, first.fs().readTree(root));
        try (Engine e = Engine.persistent(second, SimHub.standard(), false)) {
            assertEquals(before, ok(e, format).out(), "status, streak and log come back from the state file");
            ok(e, "docker start box");
            long kept = before.chars().filter(ch -> ch == '|').count();
            assertEquals("starting 0 " + kept + "\n", health(e, "box"), "a start begins a new round, the log kept, as dockerd does");
        }
    }
}
