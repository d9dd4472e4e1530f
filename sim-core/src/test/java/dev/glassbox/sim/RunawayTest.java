package dev.glassbox.sim;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;

/**
 * A loop that never ends cannot hold a session: the sim kernel counts the work its processes do for one command and
 * kills the process that goes over the budget, with one line on its standard error and a step in the trace.
 */
class RunawayTest {
    @Test
    void aForegroundLoopIsKilledWithOneLineAndTheSessionGoesOn() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            Result r = e.run("docker run --name spin busybox sh -c 'while true; do :; done'");
            assertEquals(137, r.exitStatus());
            assertTrue(r.err().matches("glassbox: killed sh -c while true; do :; done \\(pid \\d+\\): the command's processes did "
                    + SimProcess.RUNAWAY_STEPS + " steps of work, a runaway\n"), r.err());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals("kill runaway")));
            assertTrue(ok(e, "docker ps -a --format '{{.Names}} {{.Status}}'").out().startsWith("spin Exited (137) "));
            assertEquals("hi\n", ok(e, "docker run --rm busybox echo hi").out());
        }
    }

    @Test
    void aBackgroundLoopIsKilledDuringTheNextCommand() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            ok(e, "docker run -d --name bg busybox sh -c 'while true; do :; done'");
            ok(e, "docker ps");
            String logs = ok(e, "docker logs bg").err();
            assertTrue(logs.startsWith("glassbox: killed sh -c while true; do :; done (pid "), logs);
            assertEquals("exited 137\n", ok(e, "docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' bg").out());
        }
    }

    @Test
    void ordinaryWorkStaysFarBelowTheBudget() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            ok(e, "docker run --rm busybox sh -c 'i=0; while [ $i -lt 2000 ]; do i=$((i+1)); done; echo $i'");
            assertTrue(e.lastTrace().events().stream().noneMatch(ev -> ev.action().equals("kill runaway")));
        }
    }

    @Test
    void aShellDoublingAVariableIsKilledAtTheDataLimitOrByTheOomKillerUnderALimit() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            Result r = e.run("docker run --name hog busybox sh -c 'x=y; while true; do x=$x$x; done'");
            assertEquals(137, r.exitStatus(), "it used to take the JVM down with an OutOfMemoryError");
            assertTrue(r.err().matches("glassbox: killed sh -c x=y; while true; do x=\\$x\\$x; done \\(pid \\d+\\): it held more than "
                    + (SimProcess.DATA_LIMIT >> 20) + " MiB of data, the most one process keeps here\n"), r.err());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals("kill data hog")));
            Result limited = e.run("docker run --name capped -m 8m busybox sh -c 'x=y; while true; do x=$x$x; done'");
            assertEquals(137, limited.exitStatus());
            assertEquals("", limited.text(), "the shell is the OOM killer's victim: nobody is left to print Killed");
            assertEquals("true\n", ok(e, "docker inspect -f '{{.State.OOMKilled}}' capped").out());
            assertEquals("y\n", ok(e, "docker run --rm busybox sh -c 'x=y; unset x; x=y; echo $x'").out());
        }
    }

    @Test
    void anEndlessPrinterIsKilledOnceTheCommandPrintedAMebibyte() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            Result r = e.run("docker run --name talk busybox sh -c 'while true; do echo yes; done'");
            assertEquals(137, r.exitStatus(), "it used to print 35 MB into the session's answer before the step budget ended it");
            assertTrue(r.out().length() <= OutputQuota.LIMIT + 8, "what was printed stops at the limit: " + r.out().length());
            assertTrue(r.text().endsWith("glassbox: killed sh -c while true; do echo yes; done (pid " + r.text().replaceAll("(?s).*\\(pid (\\d+)\\).*", "$1")
                    + "): the command's processes printed more than " + (OutputQuota.LIMIT >> 20) + " MiB, the most one command shows here\n"), r.err());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals("kill endless output")));
            ok(e, "docker run -d --name bg busybox sh -c 'while true; do echo y; done'");
            assertEquals("exited 137\n", ok(e, "docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' bg").out(),
                    "a detached printer ends the same way");
            Result logs = ok(e, "docker logs bg");
            assertTrue(logs.out().length() <= 2 * 10_000, "docker logs keeps the last 10,000 lines");
            assertTrue(logs.err().contains("glassbox: killed sh -c while true; do echo y; done"), logs.err());
        }
    }

    @Test
    void aForkBombStopsAtTheKernelsProcessLimitAndTheSessionGoesOn() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            Result r = e.run("docker run --rm busybox sh -c 'while true; do sleep 100 & done'");
            assertEquals(2, r.exitStatus());
            assertEquals("sh: can't fork: Resource temporarily unavailable\n", r.err());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals("fork refused")));
            assertTrue(e.state().at("/host/processes").size() < SimKernel.MAX_PROCESSES, "--rm took the container and its processes away");
            assertEquals("hi\n", ok(e, "docker run --rm busybox echo hi").out());
        }
    }

    @Test
    void aForegroundSleepOfDaysEndsTheWaitWithOneLineInsteadOfHoldingTheSession() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            Result run = e.run("docker run --name sl busybox sleep 999999");
            assertEquals(0, run.exitStatus());
            assertEquals("glassbox: sl is still running; detached (as Ctrl-P Ctrl-Q would)\n", run.err());
            Result exec = e.run("docker exec sl sleep 999999");
            assertEquals(0, exec.exitStatus(), "it returned -1 with nothing said");
            assertEquals("glassbox: sleep 999999 is still running in sl; docker exec stops waiting for it here\n", exec.err());
            assertEquals("hi\n", ok(e, "docker exec sl echo hi").out());
        }
    }

    @Test
    void aLoopOfShortSleepsEndsTheWaitAfterTheWakeupBudgetAndRunsOn() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            Result r = e.run("docker run --name tick busybox sh -c 'while true; do echo t; sleep 0.01; done'");
            assertEquals(0, r.exitStatus(), "it was killed as a runaway after 2,000,000 steps, holding the session for a minute");
            assertEquals("glassbox: tick is still running; detached (as Ctrl-P Ctrl-Q would)\n", r.err());
            long ticks = r.out().lines().count();
            assertTrue(ticks > Scheduler.WAKEUP_LIMIT / 2 && ticks <= Scheduler.WAKEUP_LIMIT + 1, ticks + " lines");
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals("stop waiting")
                    && ev.sentence().contains("woke from their sleeps " + Scheduler.WAKEUP_LIMIT + " times")));
            ok(e, "docker run -d --name bg busybox sh -c 'while true; do sleep 0.01; done'");
            Result sl = e.run("docker run --name sl busybox sleep 999999");
            assertEquals("glassbox: sl is still running; detached (as Ctrl-P Ctrl-Q would)\n", sl.err(),
                    "the loops running beside it make its wait of 24 hours cost 17 million wakeups");
            assertEquals(java.util.List.of("bg running", "sl running", "tick running"),
                    ok(e, "docker ps -a --format '{{.Names}} {{.State}}'").out().lines().sorted().toList());
            assertEquals("done\n", ok(e, "docker run --rm busybox sh -c 'sleep 5; echo done'").out(), "a short wait is whole");
        }
    }
}
