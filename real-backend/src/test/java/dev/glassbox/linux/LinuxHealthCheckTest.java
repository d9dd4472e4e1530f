package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/**
 * Health checks on the host's kernel: the daemon's check is a real exec in the container's namespaces,
 * and its results make State.Health as on the sim kernel. Needs root; skipped with the reason otherwise.
 */
class LinuxHealthCheckTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "hc";
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    /** Lets a check's interval pass on the wall clock, then lets the daemon run what is due. */
    private static void waitForCheck(Engine e) throws InterruptedException {
        Thread.sleep(1_300);
        e.advance(0);
    }

    @Test
    void aFailingThenPassingCheckTurnsUnhealthyThenHealthy() throws InterruptedException {
        try (Engine e = LinuxEngine.open(host.options)) {
            ok(e, "docker run -d --name hc --health-cmd 'test -e /tmp/ok' --health-interval 1s --health-retries 1 busybox sleep 60");
            assertTrue(ok(e, "docker ps --format '{{.Status}}'").out().contains("(health: starting)"));
            waitForCheck(e);
            assertEquals("unhealthy 1 1\n", ok(e, "docker inspect -f '{{.State.Health.Status}} {{.State.Health.FailingStreak}} "
                    + "{{range .State.Health.Log}}{{.ExitCode}}{{end}}' hc").out());
            ok(e, "docker exec hc touch /tmp/ok");
            waitForCheck(e);
            assertEquals("healthy\n", ok(e, "docker inspect -f '{{.State.Health.Status}}' hc").out());
            assertTrue(ok(e, "docker ps --filter health=healthy --format '{{.Names}} {{.Status}}'").out().matches("hc Up .* \\(healthy\\)\n"));
            ok(e, "docker rm -f hc");
        }
    }

    @Test
    void startIntervalChecksDuringTheStartPeriodAndStateHealthSurvivesADaemonRestart() throws InterruptedException {
        String format = "docker inspect -f '{{.State.Health.Status}} {{.State.Health.FailingStreak}} {{len .State.Health.Log}}' sp";
        String before;
        try (Engine e = LinuxEngine.open(host.options)) {
            ok(e, "docker run -d --name sp --health-cmd 'test -e /tmp/ok' --health-start-period 1m --health-start-interval 1s "
                    + "--health-interval 1h --health-retries 1 busybox sleep 60");
            assertEquals("{\"Test\":[\"CMD-SHELL\",\"test -e /tmp/ok\"],\"Interval\":3600000000000,\"StartPeriod\":60000000000,"
                    + "\"StartInterval\":1000000000,\"Retries\":1}\n", ok(e, "docker inspect -f '{{json .Config.Healthcheck}}' sp").out());
            waitForCheck(e);
            assertEquals("starting 0 1\n", ok(e, format).out(), "a check after the 1s start interval, its failure not counted");
            ok(e, "docker exec sp touch /tmp/ok");
            waitForCheck(e);
            before = ok(e, format).out();
            assertEquals("healthy 0 2\n", before);
            ok(e, "docker stop -t 0 sp");
        }
        try (Engine e = LinuxEngine.open(host.options)) {
            assertEquals(before, ok(e, format).out(), "State.Health is kept with the container");
            ok(e, "docker rm -f sp");
        }
    }
}
