package dev.glassbox.sim;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.Semaphore;

/**
 * Runs simulated processes one at a time, in a fixed order, on virtual time. Each process has its
 * own thread so that programs can block in ordinary code (sleep, waitpid, accept), but a process
 * thread only runs while it holds the baton: the driver (the engine's thread) hands it to the first runnable
 * process, and a process that blocks or ends hands it to the next, or back to the driver when none is left.
 * The order is decided here alone, so runs are reproducible.
 */
final class Scheduler {
    private final Semaphore driver = new Semaphore(0);
    private final ArrayDeque<SimProcess> runnable = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long now;
    /** Units of work the processes did since the current command began (see SimProcess.tick). */
    long work;
    /** Characters the containers' processes handed out of the kernel (their standard output and error) since then. */
    long written;
    /** Timers fired (processes woken from a sleep) since then. */
    long wakeups;
    /**
     * How many wakeups one command may wait through: a loop of short sleeps costs real time at each (about 0.1 ms), so
     * a wait of simulated hours would hold a processor for seconds, the class's machine, while nobody watches.
     */
    static final long WAKEUP_LIMIT = 5_000;
    private long timerSeq;
    private SimProcess current;
    /** What each kernel on this scheduler does once processes have stopped running (hands exits to its daemon). */
    private final java.util.List<Runnable> afterSlice = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record Timer(long at, long seq, SimProcess process) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }

    /** What carries this scheduler's processes. */
    final ProcessThreads threads;

    Scheduler(long startMillis, ProcessThreads threads) {
        if (!threads.available()) {
            throw new IllegalArgumentException("this JVM (Java " + Runtime.version().feature() + ") has no virtual threads: Java 21 or later has");
        }
        this.now = startMillis;
        this.threads = threads;
    }

    /** Several sim kernels of one world share a scheduler (one clock, one order); each adds its own step here. */
    void afterSlice(Runnable step) {
        afterSlice.add(step);
    }

    void dropAfterSlice(Runnable step) {
        afterSlice.remove(step);
    }

    long now() {
        return now;
    }

    SimProcess current() {
        return current;
    }

    void makeRunnable(SimProcess p) {
        if (!runnable.contains(p) && p != current) {
            runnable.add(p);
        }
    }

    void addTimer(long at, SimProcess p) {
        timers.add(new Timer(at, timerSeq++, p));
    }

    /** Runs every runnable process until all of them block or end, without letting time pass. */
    void runReady() {
        if (current != null) {
            return; // called from inside a process: the driver's loop picks up what became runnable
        }
        do {
            while (!runnable.isEmpty()) {
                SimProcess p = runnable.poll();
                if (p.canRun()) {
                    switchTo(p);
                }
            }
            for (Runnable step : afterSlice) {
                step.run();
            }
        } while (!runnable.isEmpty());
    }

    private void switchTo(SimProcess p) {
        current = p;
        p.batonToRun().release();
        driver.acquireUninterruptibly();
        current = null;
    }

    /** Lets virtual time pass up to {@code until}, firing timers in order. */
    void advanceTo(long until) {
        runReady();
        while (!timers.isEmpty() && timers.peek().at() <= until) {
            Timer t = timers.poll();
            now = Math.max(now, t.at());
            wakeups++;
            t.process().timerFired(t.at());
            runReady();
        }
        now = Math.max(now, until);
    }

    /** The time of the next timer, or Long.MAX_VALUE. */
    long nextTimer() {
        return timers.isEmpty() ? Long.MAX_VALUE : timers.peek().at();
    }

    // ---- called on a process's own thread

    /** Gives the baton up and waits until the scheduler resumes this process. */
    void yieldFrom(SimProcess p) {
        handOn();
        p.baton.acquire();
    }

    /** sched_yield(2): the process goes to the back of the queue, and runs again once those before it have had their turn. */
    void requeue(SimProcess p) {
        runnable.add(p);
        yieldFrom(p);
    }

    /** The process's thread is ending: give the baton up for good. */
    void finished() {
        handOn();
    }

    /**
     * The next runnable process gets the baton straight from the one giving it up, in the order the driver would
     * have picked (one thread switch instead of two); when none can run, the driver gets it back.
     */
    private void handOn() {
        SimProcess next;
        while ((next = runnable.poll()) != null) {
            if (next.canRun()) {
                current = next;
                next.batonToRun().release();
                return;
            }
        }
        driver.release();
    }
}
