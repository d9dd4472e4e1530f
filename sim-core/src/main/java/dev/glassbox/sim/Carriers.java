package dev.glassbox.sim;

import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The threads that carry simulated processes: a virtual thread for each (Java 21 on), or threads of the system, reused
 * once a process ends: most processes (a shell's children, an entrypoint's helpers) live for microseconds, and creating
 * a thread of the system costs more than running them.
 *
 * <p>A carrier's wakeup is its process's baton: starting a process binds it to an idle carrier without waking the
 * carrier, and the scheduler's first hand-over of the baton is what wakes it. (A thread pool would wake its thread
 * once to take the task and again for the baton: one thread switch more for every process.) A carrier idle for a
 * minute ends.
 */
final class Carriers {
    private static final long IDLE_SECONDS = 60;
    private static final int STACK_BYTES = 512 * 1024;
    /** Idle carriers, the one that ran last on top (its stack and caches are warm). */
    private static final ConcurrentLinkedDeque<Carrier> IDLE = new ConcurrentLinkedDeque<>();

    private Carriers() {}

    /** A carrier for {@code body}, which runs once the carrier's baton (returned) is first released. */
    static Baton bind(ProcessThreads threads, Runnable body) {
        if (threads == ProcessThreads.VIRTUAL) { // a virtual thread costs less to make than to keep: one for each process
            Baton baton = new Baton();
            ProcessThreads.virtualThread(() -> {
                baton.acquire();
                body.run();
            }).start();
            return baton;
        }
        Carrier c = IDLE.pollFirst();
        if (c == null) {
            c = new Carrier();
            c.body = body;
            Thread t = new Thread(null, c, "glassbox-sim-process", STACK_BYTES);
            t.setDaemon(true);
            t.start();
        } else {
            c.body = body;
        }
        return c.baton;
    }

    private static final class Carrier implements Runnable {
        final Baton baton = new Baton();
        /** Set before the baton is first released for it (the release publishes it to this thread). */
        Runnable body;

        @Override
        public void run() {
            baton.acquire();
            while (true) {
                Runnable b = body;
                body = null;
                b.run();
                IDLE.addFirst(this);
                if (!awaitNext()) {
                    return;
                }
            }
        }

        /** Waits, idle, until bound again and given the baton (true), or a minute has passed unbound (false). */
        private boolean awaitNext() {
            if (baton.acquire(IDLE_SECONDS)) {
                return true;
            }
            if (IDLE.removeFirstOccurrence(this)) {
                return false;
            }
            baton.acquire(); // bound meanwhile: its baton will come
            return true;
        }
    }
}
