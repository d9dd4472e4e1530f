package dev.glassbox.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A live view gets each step while the command runs, complete with its state changes, in order. */
class LiveEventsTest {
    @Test
    void eachStepArrivesCompleteAndInOrderWhileTheCommandRuns() {
        try (Engine e = Engine.sim()) {
            List<TraceEvent> seen = new ArrayList<>();
            int[] seenWhenExecveArrived = {-1};
            e.onTraceEvent(ev -> {
                seen.add(ev);
                if (ev.action().equals("execve")) {
                    seenWhenExecveArrived[0] = seen.size();
                }
            });
            e.run("docker run -d --name web nginx");
            List<TraceEvent> all = e.lastTrace().events();
            assertEquals(all, seen, "every step, in order, with the changes the finished trace has");
            assertTrue(seenWhenExecveArrived[0] > 0 && seenWhenExecveArrived[0] < all.size(),
                    "execve arrived before the command's last steps were even recorded");
            assertTrue(seen.stream().anyMatch(ev -> !ev.changes().isEmpty()), "the steps carry their state changes");
        }
    }
}
