package dev.glassbox.registry;

import java.util.Objects;
import java.util.function.Supplier;

/** A value computed once, on first use, by whichever thread asks first. */
public final class Lazy<T> implements Supplier<T> {
    private Supplier<T> compute;
    private volatile T value;

    public Lazy(Supplier<T> compute) {
        this.compute = Objects.requireNonNull(compute);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = Objects.requireNonNull(compute.get());
                    value = v;
                    compute = null;
                }
            }
        }
        return v;
    }
}
