package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/** A container that exited cleanly keeps its stop time and status across a daemon restart on the Linux kernel. */
class LinuxFinishedAtTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "fin";
    }

    private static String ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r.out();
    }

    @Test
    void aCleanExitKeepsItsFinishedAtAcrossARestart() throws InterruptedException {
        String state = "docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.FinishedAt}}' ";
        String before;
        String attached;
        try (Engine e = LinuxEngine.open(host.options)) {
            ok(e, "docker pull -q busybox");
            ok(e, "docker run -d --name quick busybox true");
            ok(e, "docker run --name attached busybox true");
            Thread.sleep(1500);
            before = ok(e, state + "quick");
            attached = ok(e, state + "attached");
            assertEquals("exited 0 ", before.substring(0, 9), before);
        }
        Thread.sleep(1200);
        try (Engine e = LinuxEngine.open(host.options)) {
            assertEquals(before, ok(e, state + "quick"), "FinishedAt is the stop time, not the restart's");
            assertEquals(attached, ok(e, state + "attached"));
            ok(e, "docker rm quick attached");
        }
    }

    @Test
    void anExitNobodyAskedAboutBeforeTheDaemonClosedIsStillAnExit() throws InterruptedException {
        long started;
        try (Engine e = LinuxEngine.open(host.options)) {
            ok(e, "docker pull -q busybox");
            ok(e, "docker run -d --name brief busybox sleep 1");
            started = System.currentTimeMillis();
            Thread.sleep(2500); // it exits meanwhile; no request comes until the daemon closes
        }
        Thread.sleep(2000);
        try (Engine e = LinuxEngine.open(host.options)) {
            String[] s = ok(e, "docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.FinishedAt}}' brief").trim().split(" ");
            assertEquals("exited 0", s[0] + " " + s[1], String.join(" ", s));
            long finished = java.time.Instant.parse(s[2]).toEpochMilli();
            org.junit.jupiter.api.Assertions.assertTrue(finished - started < 2500,
                    "FinishedAt " + s[2] + " is when sleep 1 ended, not when the daemon came back");
            ok(e, "docker rm brief");
        }
    }
}
