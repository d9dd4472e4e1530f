package dev.glassbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.sim.programs.Programs;
import dev.glassbox.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The sim kernel's processes run on virtual threads where the JVM has them, on threads of the system where it does
 * not (Java 17): the scheduler alone decides which process runs, so either kind gives the same answers and the same
 * trace, step for step.
 */
class ProcessThreadsTest {
    /** Commands whose processes fork, wait, pipe, sleep, trap and send signals, are killed as runaways, and serve. */
    private static final List<String> LINES = List.of(
            "docker pull nginx",
            "docker pull busybox",
            "docker run -d -p 8080:80 --name web nginx",
            "docker exec web sh -c 'echo hi | cat; ls / | wc -l; (sleep 2; echo late) & echo early; wait'",
            "docker run --rm busybox sh -c 'for i in 1 2 3; do sh -c \"echo child $i\"; done; sleep 1 & wait $!; echo waited $?'",
            "docker run --rm busybox sh -c 'trap \"echo trapped\" TERM; kill -TERM $$; echo after'",
            "docker run -d --name napper busybox sleep 3600",
            "docker stop -t 1 napper",
            "docker run --name spin busybox sh -c 'while true; do :; done'",
            "docker run --rm busybox wget -qO- http://172.17.0.2/",
            "docker logs web",
            "docker stop web",
            "docker rm web napper spin",
            "docker ps -a");

    /** Each line's exit status, output and trace steps, as one text per line. */
    private static List<String> transcript(ProcessThreads threads) {
        List<String> out = new ArrayList<>();
        try (Engine e = Engine.sim(Engine.DEFAULT_SEED, true, threads)) {
            for (String line : LINES) {
                Result r = e.run(line);
                StringBuilder t = new StringBuilder(line).append("\n[").append(r.exitStatus()).append("]\n").append(r.out()).append(r.err());
                for (TraceEvent ev : e.lastTrace().events()) {
                    t.append(ev.seq()).append(' ').append(ev.timeMillis()).append(' ').append(ev.action()).append(' ').append(ev.object())
                            .append(": ").append(ev.sentence()).append(" | ").append(ev.changes()).append('\n');
                }
                out.add(t.toString());
            }
        }
        return out;
    }

    @Test
    void eitherThreadsGiveTheSameAnswersAndTheSameTrace() {
        Assumptions.assumeTrue(ProcessThreads.VIRTUAL.available(), "Java " + Runtime.version().feature() + " has no virtual threads");
        List<String> virtual = transcript(ProcessThreads.VIRTUAL);
        List<String> system = transcript(ProcessThreads.SYSTEM);
        for (int i = 0; i < LINES.size(); i++) {
            assertEquals(system.get(i), virtual.get(i), LINES.get(i));
        }
        assertTrue(virtual.get(3).contains("early\n") && virtual.get(3).contains("late\n"), virtual.get(3));
        assertTrue(virtual.get(4).contains("child 3\nwaited 0\n"), virtual.get(4));
        assertTrue(virtual.get(5).contains("trapped\nafter\n"), virtual.get(5));
        assertTrue(virtual.get(8).contains("[137]"), virtual.get(8));
        assertTrue(virtual.get(9).contains("<title>Welcome to nginx!</title>"), virtual.get(9));
    }

    @Test
    void virtualThreadsWhereTheJvmHasThem() {
        boolean has = Runtime.version().feature() >= 21;
        assertEquals(has, ProcessThreads.VIRTUAL.available());
        assertTrue(ProcessThreads.SYSTEM.available());
        if (System.getProperty("glassbox.sim.processThreads", "").isEmpty()) {
            assertEquals(has ? ProcessThreads.VIRTUAL : ProcessThreads.SYSTEM, ProcessThreads.standard());
        }
        if (!has) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SimKernel(Engine.DEFAULT_SEED, Programs::lookup, ProcessThreads.VIRTUAL));
            assertTrue(e.getMessage().contains("no virtual threads"), e.getMessage());
        }
    }
}
