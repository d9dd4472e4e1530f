package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** --health-* flags: the daemon runs the check as an exec on the engine's clock and keeps State.Health as Docker does. */
class HealthCheckTest {
    private static String status(Engine e, String name) {
        return ok(e, "docker ps --filter name=" + name + " --format '{{.Status}}'").out().strip();
    }

    @Test
    void aPassingCheckMakesTheContainerHealthy() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web --health-cmd 'echo alive; hostname' --health-interval 5s busybox sleep 1000");
            assertEquals("Up 1 second (health: starting)", status(e, "web"));
            assertEquals("starting\n", ok(e, "docker inspect -f '{{.State.Health.Status}}' web").out());
            e.advance(5_000);
            assertEquals("Up 8 seconds (healthy)", status(e, "web"));
            assertEquals("healthy 0 1 0\n", ok(e, "docker inspect -f '{{.State.Health.Status}} {{.State.Health.FailingStreak}} "
                    + "{{len .State.Health.Log}} {{range .State.Health.Log}}{{.ExitCode}}{{end}}' web").out());
            assertTrue(ok(e, "docker inspect -f '{{range .State.Health.Log}}{{.Output}}{{end}}' web").out().startsWith("alive\n"));
            assertEquals("{\"Test\":[\"CMD-SHELL\",\"echo alive; hostname\"],\"Interval\":5000000000}\n",
                    ok(e, "docker inspect -f '{{json .Config.Healthcheck}}' web").out());
            assertEquals("web\n", ok(e, "docker ps --filter health=healthy --format '{{.Names}}'").out());
            assertEquals("", ok(e, "docker ps --filter health=unhealthy --format '{{.Names}}'").out());
            e.advance(60_000);
            assertEquals("5\n", ok(e, "docker inspect -f '{{len .State.Health.Log}}' web").out(), "the last five results are kept");
        }
    }

    @Test
    void retriesFailuresInARowMakeItUnhealthyAndEachChangeIsAnEvent() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name box --health-cmd 'test -e /tmp/ok' --health-interval 2s --health-retries 2 busybox sleep 1000");
            e.advance(2_000);
            assertEquals("starting 1\n", ok(e, "docker inspect -f '{{.State.Health.Status}} {{.State.Health.FailingStreak}}' box").out());
            e.advance(2_000);
            assertTrue(status(e, "box").endsWith("(unhealthy)"), status(e, "box"));
            ok(e, "docker exec box touch /tmp/ok");
            e.advance(2_000);
            assertTrue(status(e, "box").endsWith("(healthy)"), status(e, "box"));
            String events = ok(e, "docker events --since 0 --until " + (e.currentTimeMillis() / 1000 + 1) + " --filter container=box").out();
            assertTrue(events.contains(" container health_status: unhealthy "), events);
            assertTrue(events.contains(" container health_status: healthy "), events);
            assertTrue(events.contains(" container exec_start: /bin/sh -c test -e /tmp/ok "), "each check is an exec: " + events);
        }
    }

    @Test
    void aCheckThatRunsTooLongIsKilledAndFails() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name slow --health-cmd 'sleep 10' --health-interval 1s --health-timeout 500ms busybox sleep 1000");
            e.advance(2_000);
            assertTrue(ok(e, "docker inspect -f '{{range .State.Health.Log}}{{.ExitCode}} {{.Output}}|{{end}}' slow").out()
                    .startsWith("-1 Health check exceeded timeout (500ms)|"));
        }
    }

    @Test
    void noHealthcheckAndTheCliChecks() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name plain --no-healthcheck busybox sleep 100");
            assertEquals("{\"Test\":[\"NONE\"]}\n", ok(e, "docker inspect -f '{{json .Config.Healthcheck}}' plain").out());
            e.advance(60_000);
            assertTrue(status(e, "plain").matches("Up [0-9A-Za-z ]+"), status(e, "plain"));
            assertEquals("plain\n", ok(e, "docker ps --filter health=none --format '{{.Names}}'").out());
            Result both = e.run("docker run --no-healthcheck --health-cmd true busybox");
            assertEquals("docker: --no-healthcheck conflicts with --health-* options\n", both.err());
            assertEquals(125, both.exitStatus());
            Result negative = e.run("docker run --health-interval -1s busybox");
            assertEquals("docker: --health-interval cannot be negative\n", negative.err());
            Result bad = e.run("docker run --health-interval 5 busybox");
            assertTrue(bad.err().startsWith("invalid argument \"5\" for \"--health-interval\" flag: time: missing unit in duration \"5\"\n"), bad.err());
        }
    }
}
