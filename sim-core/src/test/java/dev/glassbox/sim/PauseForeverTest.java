package dev.glassbox.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.kernel.Signals;
import org.junit.jupiter.api.Test;

/**
 * A process that ends in {@code for (;;) pause();} (nginx's workers) waits with no thread on the sim kernel, and still
 * does all a paused process does: runs its handlers at each signal, ignores what it ignores, shows as sleeping, and
 * dies of a signal whose default action is to end it.
 */
class PauseForeverTest {
    @Test
    void aProcessPausedForEverHandlesEverySignalAndDiesOfTheLast() {
        try (SimBox box = new SimBox()) {
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            box.start("", new StringBuilder(), new StringBuilder(), "sleep", "1000"); // PID 1, which no default action ends
            int pid = box.start("", out, err, SimBox.WAITER);
            box.until(() -> out.toString().equals("ready\n"), "the waiter to start");
            boolean virtual = ProcessThreads.standard() == ProcessThreads.VIRTUAL;
            assertEquals(virtual, box.waitsWithoutThread(pid), "on virtual threads it keeps none while it waits");
            assertEquals("sleeping", state(box, pid));

            box.kill(pid, Signals.SIGUSR1);
            box.until(() -> out.toString().equals("ready\nusr1\n"), "the first handler");
            box.kill(pid, Signals.SIGUSR1);
            box.until(() -> out.toString().equals("ready\nusr1\nusr1\n"), "the second handler");
            box.kill(pid, Signals.SIGHUP); // ignored
            box.kill(pid, Signals.SIGUSR1);
            box.until(() -> out.toString().equals("ready\nusr1\nusr1\nusr1\n"), "the third handler, after an ignored signal");
            assertEquals(virtual, box.waitsWithoutThread(pid), "and waits so again after each");
            assertEquals("sleeping", state(box, pid));

            box.kill(pid, Signals.SIGTERM); // no handler: the default action ends it
            assertEquals(128 + Signals.SIGTERM, box.await(pid));
            assertFalse(box.waitsWithoutThread(pid));
            assertEquals("", err.toString());
            assertTrue(box.crashes().isEmpty(), box.crashes().toString());
        }
    }

    private static String state(SimBox box, int pid) {
        return box.live().stream().filter(p -> p.pid() == pid).findFirst().map(p -> p.state()).orElse("gone");
    }
}
