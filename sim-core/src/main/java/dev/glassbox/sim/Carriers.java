package dev.glassbox.sim;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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
    static Semaphore bind(ProcessThreads threads, Runnable body) {
        if (threads == ProcessThreads.VIRTUAL) { // a virtual thread costs less to make than to keep: one for each process
            Semaphore baton = new Semaphore(0);
            ProcessThreads.virtualThread(() -> {
                baton.acquireUninterruptibly();
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
        final Semaphore baton = new Semaphore(0);
        /** Set before the baton is first released for it (the release publishes it to this thread). */
        Runnable body;

        @Override
        public void run() {
            baton.acquireUninterruptibly();
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
            try {
                if (baton.tryAcquire(IDLE_SECONDS, TimeUnit.SECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (IDLE.removeFirstOccurrence(this)) {
                return false;
            }
            baton.acquireUninterruptibly(); // bound meanwhile: its baton will come
            return true;
        }
    }
}
