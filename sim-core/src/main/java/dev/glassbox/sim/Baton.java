package dev.glassbox.sim;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The right to run, handed to one thread at a time: the scheduler releases a process's baton, and only that process's
 * own thread ever waits on it. A permit and a parked thread, nothing more: a blocked process keeps its thread's stack
 * for as long as it waits (on a virtual thread that stack is on the heap), and a semaphore's queue of waiters put three
 * frames more on it and a node on the heap at every wait.
 */
final class Baton {
    private volatile boolean permit;
    private volatile Thread waiter;

    /** Lets the waiting thread (or the next to wait) run. */
    void release() {
        permit = true;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Waits for the baton, through interrupts (a process is stopped by signals, never by interrupting its thread). */
    void acquire() {
        waiter = Thread.currentThread();
        boolean interrupted = false;
        while (!permit) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted(); // else park would return at once, again and again
        }
        permit = false;
        waiter = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits at most {@code seconds} for the baton: true if it came. */
    boolean acquire(long seconds) {
        waiter = Thread.currentThread();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        boolean interrupted = false;
        try {
            while (!permit) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
                interrupted |= Thread.interrupted();
            }
            permit = false;
            return true;
        } finally {
            waiter = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
