package dev.glassbox.linux;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Work the kernel carries out after the call that asked for it returns, one piece after another in
 * the order asked: deletions that take long (a container's veth end, which waits for an RCU grace
 * period; a DNAT rule deleted by starting iptables) and the daemon's state file. {@link #settle} waits until everything asked so far is done; what
 * reads the host's state back calls it first. The thread ends when idle.
 */
final class InOrder {
    private final String name;
    private final ThreadPoolExecutor worker;
    private Future<?> last;

    InOrder(String name) {
        this.name = name;
        this.worker = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    synchronized void submit(Runnable work) {
        last = worker.submit(work);
    }

    /** Waits until the work asked so far is done (at most a minute); a piece that failed says so on stderr. */
    void settle() {
        Future<?> f;
        synchronized (this) {
            f = last;
        }
        if (f == null) {
            return;
        }
        try {
            f.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("glassbox: " + name + " did not finish: " + e.getMessage());
        }
    }
}
