package dev.glassbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a container the OOM killer ends prints, as busybox sh and Docker 28 print it on Linux: docker run
 * itself prints nothing; the shell prints "Killed" only when it is still there, waiting for the child
 * that was killed. As busybox ash does, the last command of {@code sh -c} replaces the shell (no fork),
 * so when that command is the victim nobody is left to report it: exit status 137, no output.
 */
class OomReportTest {
    private Engine e;

    @BeforeEach
    void start() {
        e = Engine.sim();
        ok("docker pull busybox");
    }

    @AfterEach
    void stop() {
        e.close();
    }

    private String ok(String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + ": " + r.text());
        return r.text();
    }

    private String oomKilled(String name) {
        return ok("docker inspect -f '{{.State.ExitCode}} {{.State.OOMKilled}}' " + name);
    }

    @Test
    void theLastCommandOfShDashCIsTheVictimItselfSoNothingIsPrinted() {
        Result r = e.run("docker run --name hog -m 8m busybox sh -c 'tail /dev/zero'");
        assertEquals("", r.text());
        assertEquals(137, r.exitStatus());
        assertEquals("137 true\n", oomKilled("hog"));
    }

    @Test
    void aShellStillWaitingForTheVictimPrintsKilledAndGoesOn() {
        Result r = e.run("docker run --name hog -m 8m busybox sh -c 'tail /dev/zero; echo after $?'");
        assertEquals("Killed\nafter 137\n", r.text());
        assertEquals(0, r.exitStatus());
        assertEquals("0 true\n", oomKilled("hog"));
    }

    @Test
    void aKilledStageOfAPipelineIsReportedByTheShell() {
        Result r = e.run("docker run --rm -m 8m busybox sh -c 'head -c 67108864 /dev/zero | tail'");
        assertEquals("Killed\n", r.text());
        assertEquals(137, r.exitStatus());
    }

    @Test
    void aTrapKeepsTheShellThereSoItForksAndReports() {
        Result r = e.run("docker run --rm -m 8m busybox sh -c 'trap \"echo bye >&2\" EXIT; tail /dev/zero'");
        assertEquals("Killed\nbye\n", r.text());
        assertEquals(137, r.exitStatus());
    }

    @Test
    void withoutALimitTheHostsMemoryIsTheBoundAndTheHostsOomKillerEndsIt() {
        Result r = e.run("docker run --name hog busybox tail /dev/zero");
        assertEquals(137, r.exitStatus(), r.text());
        assertEquals("137 true\n", oomKilled("hog"));
    }

    @Test
    void theHostsOomKillerActsOnlyPastTheHostsMemory() {
        ok("docker pull progrium/stress");
        ok("docker run -d --name idle busybox sleep 1000"); // memory held elsewhere counts too
        Result fits = e.run("docker run --name fits progrium/stress --vm 1 --vm-bytes 7G --timeout 1s");
        assertEquals(0, fits.exitStatus(), fits.text());
        assertEquals("0 false\n", oomKilled("fits"));
        Result past = e.run("docker run --name past progrium/stress --vm 1 --vm-bytes 9G --timeout 1s");
        assertEquals(1, past.exitStatus(), past.text());
        assertEquals("1 true\n", oomKilled("past"));
        assertEquals("true\n", ok("docker inspect -f '{{.State.Running}}' idle"), "the largest process is the one ended");
    }

    @Test
    void theLastCommandReplacesTheShellSoPsShowsItAsPidOne() {
        assertEquals("PID   COMMAND\n    1 ps -o pid,args\n", ok("docker run --rm busybox sh -c 'echo -n; true && ps -o pid,args'"));
        assertEquals("PID   COMMAND\n    1 sh -c ps -o pid,args; true\n    2 ps -o pid,args\n",
                ok("docker run --rm busybox sh -c 'ps -o pid,args; true'"));
    }
}
