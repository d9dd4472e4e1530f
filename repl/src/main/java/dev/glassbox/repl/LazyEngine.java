package dev.glassbox.repl;

import dev.glassbox.Engine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Builds the engine on a background thread once {@link #start} is called (the REPL calls it when
 * the terminal is set up, so the two do not compete for the CPU); the first command waits for it.
 */
final class LazyEngine implements Supplier<Engine>, AutoCloseable {
    private final Supplier<Engine> factory;
    private final CompletableFuture<Engine> future = new CompletableFuture<>();
    private boolean started;

    LazyEngine(Supplier<Engine> factory) {
        this.factory = factory;
    }

    synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread t = new Thread(() -> {
            try {
                future.complete(factory.get());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "glassbox-engine-init");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public Engine get() {
        start();
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (future.isDone() && !future.isCompletedExceptionally()) {
            future.join().close();
        }
    }
}
