package dev.glassbox.repl;

import dev.glassbox.Engine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Builds the engine on a background thread while the prompt comes up; the first command waits for it. */
final class LazyEngine implements Supplier<Engine>, AutoCloseable {
    private final CompletableFuture<Engine> future = new CompletableFuture<>();

    private LazyEngine(Supplier<Engine> factory) {
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

    static LazyEngine start(Supplier<Engine> factory) {
        return new LazyEngine(factory);
    }

    @Override
    public Engine get() {
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
