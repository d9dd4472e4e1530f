package dev.glassbox.sim.programs.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.sim.SimBox;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StressTest {
    private final SimBox w = new SimBox();

    StressTest() {
        w.binary("/usr/bin/stress", "stress");
    }

    @AfterEach
    void noCrashes() {
        w.close();
        assertEquals(List.of(), w.crashes());
    }

    @Test
    void aRunThatTimesOutSucceeds() {
        SimBox.Result r = w.run("", "stress", "--vm", "1", "--vm-bytes", "16M", "--timeout", "3s");
        assertEquals("stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n"
                + "stress: info: [1] successful run completed in 3s\n", r.out());
        assertEquals(0, r.status());
    }

    @Test
    void aWorkerKilledByTheOomKillerFailsTheRun() {
        w.memoryLimit(10L << 20);
        SimBox.Result r = w.run("", "stress", "--vm", "1", "--vm-bytes", "64M", "--vm-hang", "0");
        assertEquals("stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n", r.out());
        assertEquals("stress: FAIL: [1] (415) <-- worker 2 got signal 9\n"
                + "stress: WARN: [1] (417) now reaping child worker processes\n"
                + "stress: FAIL: [1] (451) failed run completed in 0s\n", r.err());
        assertEquals(1, r.status());
    }

    @Test
    void memoryIsTakenInFourMebibyteSteps() {
        w.memoryLimit(10L << 20);
        w.run("", "stress", "--vm", "1", "--vm-bytes", "64M");
        assertEquals(0, w.memoryUsed());
        assertEquals(4L << 20, Stress.STEP);
        assertEquals(64L << 20, Stress.bytes("64M"));
        assertEquals(90, Stress.seconds("90s"));
        assertEquals(120, Stress.seconds("2m"));
    }

    @Test
    void oneFailingWorkerAmongSeveralIsNoticed() {
        w.memoryLimit(100L << 20);
        SimBox.Result r = w.run("", "stress", "--vm", "2", "--vm-bytes", "60M", "--vm-keep", "-v");
        assertTrue(r.err().matches("stress: FAIL: \\[1\\] \\(415\\) <-- worker [23] got signal 9\n[\\s\\S]*"), r.err());
        assertTrue(r.out().contains("stress: dbug: [1] --> hogvm worker 1 [2] forked\n"), r.out());
        assertEquals(1, r.status());
        assertTrue(w.live().isEmpty());
    }
}
