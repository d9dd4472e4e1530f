package dev.glassbox.linux;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The {@code glassbox-init} helpers a daemon starts its containers' processes through, with one
 * spare kept ready: a process spawned from the JVM costs several milliseconds, a spare only reads
 * the arguments it is given and becomes that helper.
 */
final class Spares {
    /** Starts spare helpers off the caller's thread. */
    private static final Executor SPAWNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "glassbox-spare");
        t.setDaemon(true);
        return t;
    });

    private final Path stateRoot;
    /** The next helper, started ahead of need; null before the first container and after {@link #close}. */
    private CompletableFuture<InitHelper.Channel> spare;
    private boolean closed;

    Spares(Path stateRoot) {
        this.stateRoot = stateRoot;
    }

    /**
     * A helper for this run directory and these arguments. For a container's init ({@code useSpare}):
     * the spare, if one was prepared (see {@link #prepareNext}), else a helper started now. For docker
     * exec, a new helper: the spare is kept for the next container.
     */
    InitHelper.Channel take(Path dir, List<String> args, boolean useSpare) {
        Path bin = InitHelper.binary(stateRoot);
        InitHelper.Channel ch = null;
        CompletableFuture<InitHelper.Channel> next = null;
        if (useSpare) {
            synchronized (this) {
                next = spare;
                spare = null;
            }
        }
        if (next != null) {
            try {
                ch = next.join();
            } catch (RuntimeException e) {
                ch = null; // could not start: start one now
            }
            if (ch != null && !ch.process.isAlive()) {
                ch.close();
                ch = null;
            }
        }
        if (ch == null) {
            ch = InitHelper.Channel.spare(bin);
        }
        try {
            return ch.begin(dir, args);
        } catch (RuntimeException e) {
            ch.close();
            ch.process.destroyForcibly();
            throw e;
        }
    }

    /**
     * Starts the next spare in the background, unless one is ready or starting. Called once a
     * container's program runs: spawning a process from the JVM takes a millisecond or more of CPU,
     * better spent while the daemon waits for the container than while it sets the next one up.
     */
    void prepareNext() {
        synchronized (this) {
            if (!closed && spare == null) {
                Path bin = InitHelper.binary(stateRoot);
                spare = CompletableFuture.supplyAsync(() -> InitHelper.Channel.spare(bin), SPAWNER);
            }
        }
    }

    /** Ends the spare helper (it exits when its stdin closes); no new one is started. */
    void close() {
        CompletableFuture<InitHelper.Channel> s;
        synchronized (this) {
            closed = true;
            s = spare;
            spare = null;
        }
        if (s != null) {
            try {
                InitHelper.Channel ch = s.join();
                ch.close();
                ch.process.waitFor(1, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                // it never started
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
