package dev.glassbox.web;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A session's processor time: a burst, then its share; runaway work makes its next command wait, in one line. */
class WorkBudgetTest {
    final AtomicLong nanos = new AtomicLong();

    @Test
    void aDebtIsPaidBackAtTheSessionsShare() {
        WorkBudget b = new WorkBudget(0.1, 3000, nanos::get);
        b.charge(200, 300);
        b.charge(200, 300);
        assertDoesNotThrow(b::check, "a usual command costs nothing");
        b.charge(2900, 0);
        assertDoesNotThrow(b::check, "within the burst");
        b.charge(600, 0); // 3.5 s in all: 0.5 s owed, paid back at 0.1 s a second
        Refusal r = assertThrows(Refusal.class, b::check);
        assertEquals(429, r.status());
        assertEquals("glassbox: this session's last commands used 3.5 s of processor time; a session gets 10% of one processor on average "
                + "(bursts of 3 s): try again in 5 s.", r.getMessage());
        nanos.addAndGet(4_900_000_000L);
        assertThrows(Refusal.class, b::check);
        nanos.addAndGet(200_000_000L);
        assertDoesNotThrow(b::check);
    }

    @Test
    void aQuickCommandWhoseProcessesWorkedHardIsChargedItsTime() {
        WorkBudget b = new WorkBudget(0.1, 3000, nanos::get);
        for (int i = 0; i < 12; i++) {
            b.charge(240, WorkBudget.FREE_WORK);
        }
        assertDoesNotThrow(b::check, "under both thresholds: free, however many");
        for (int i = 0; i < 14; i++) {
            b.charge(240, WorkBudget.FREE_WORK + 1);
        }
        assertEquals("glassbox: this session's last commands used 3.4 s of processor time; a session gets 10% of one processor on average "
                + "(bursts of 3 s): try again in 4 s.", assertThrows(Refusal.class, b::check).getMessage(),
                "a loop killed at the runaway limit in 240 ms, on a fast machine, pays its time");
    }

    @Test
    void usualCommandsStayFarBelowTheFreeWork() {
        WebSession s = new WebSession("e".repeat(32), "f".repeat(32), 1, false, Limits.defaults(), 0);
        s.run("docker run -d -p 8080:80 --name web nginx", 0);
        long nginx = s.commandWork();
        s.run("docker run --rm busybox sh -c 'i=0; while [ $i -lt 2000 ]; do i=$((i+1)); done'", 0);
        long loop = s.commandWork();
        s.run("docker run --rm busybox sh -c 'while true; do :; done'", 0);
        long runaway = s.commandWork();
        s.close();
        assertTrue(nginx > 10 && nginx < WorkBudget.FREE_WORK / 20, "nginx's start: " + nginx);
        assertTrue(loop > 2000 && loop < WorkBudget.FREE_WORK / 2, "a loop of 2,000 rounds: " + loop);
        assertTrue(runaway > WorkBudget.FREE_WORK * 20, "a runaway: " + runaway);
    }

    @Test
    void aRunawaySessionWaitsWhileAnotherRunsOn() throws Exception {
        Limits limits = Limits.defaults().withCpuShare(0.001);
        WebSession loops = new WebSession("a".repeat(32), "b".repeat(32), 1, false, limits, 0);
        WebSession other = new WebSession("c".repeat(32), "d".repeat(32), 1, false, limits, 0);
        Refusal refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            try {
                loops.run("docker run --rm busybox sh -c 'while true; do :; done'", 0);
            } catch (Refusal r) {
                refused = r;
            }
        }
        assertTrue(refused != null && refused.getMessage().startsWith("glassbox: this session's last commands used "), String.valueOf(refused));
        assertEquals(0, other.run("docker ps", 0).result().exitStatus(), "another session is not held back");
        loops.close();
        other.close();
    }
}
