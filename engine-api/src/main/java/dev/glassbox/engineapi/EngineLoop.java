package dev.glassbox.engineapi;

import dev.glassbox.Engine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one thread that owns the engine. The engine (and the sim kernel under it) is single-threaded
 * and deterministic; clients are many and concurrent. Every request's work is a task run here in
 * arrival order, and between tasks time passes as it does on the wall clock ({@link Engine#advance}):
 * sleeping processes wake, servers answer, containers exit, restart policies act. Streams poll
 * what they need from here and write to their clients on their own threads.
 */
final class EngineLoop implements AutoCloseable {
    static final long TICK_MILLIS = 10;

    private final Engine engine;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** Checks run on this thread after every task and every tick, each until it says it is done. */
    private final java.util.List<java.util.function.Predicate<Engine>> watchers = new java.util.ArrayList<>();
    private volatile boolean running = true;
    private long lastAdvance = System.nanoTime();

    private final TraceFeed feed;

    EngineLoop(Engine engine, TraceFeed feed) {
        this.engine = engine;
        this.feed = feed;
        long lag = System.currentTimeMillis() - engine.currentTimeMillis();
        if (lag > 0) {
            engine.advance(lag); // a sim kernel's clock catches up with the wall clock the clients read: "Up 3 seconds", not "11 months"
        }
        this.thread = new Thread(this::loop, "glassbox-engine");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Tells the daemon's watchers that a request's trace is complete. */
    void done(String requestLine) {
        feed.done(requestLine);
    }

    Engine engine() {
        return engine;
    }

    private void loop() {
        while (running) {
            try {
                Runnable task = tasks.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                long now = System.nanoTime();
                long elapsed = (now - lastAdvance) / 1_000_000;
                if (elapsed >= TICK_MILLIS || task == null) {
                    lastAdvance += elapsed * 1_000_000;
                    try {
                        engine.advance(elapsed);
                    } catch (RuntimeException e) {
                        System.err.println("glassbox daemon: " + e);
                    }
                }
                if (task != null) {
                    task.run();
                }
                watchers.removeIf(w -> {
                    try {
                        return w.test(engine);
                    } catch (RuntimeException e) {
                        return true;
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs {@code work} on the engine's thread and answers its result; its exception comes back as thrown. */
    <T> T call(Function<Engine, T> work) {
        if (Thread.currentThread() == thread) {
            return work.apply(engine);
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                f.complete(work.apply(engine));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the engine worked", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Adds a check that runs on the engine's thread right after every task and every tick, until it
     * answers true: what sees a state that lasts only until the next tick (a container that has exited
     * and is about to be removed by --rm).
     */
    void watch(java.util.function.Predicate<Engine> watcher) {
        run(e -> watchers.add(watcher));
    }

    void run(java.util.function.Consumer<Engine> work) {
        call(e -> {
            work.accept(e);
            return null;
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
