package dev.glassbox.sim.programs.python;

import java.util.LinkedHashSet;

/** A set. Members keep the order they were added in (CPython's order follows hashes; for small ints the two agree). */
final class PySet {
    final LinkedHashSet<Key> items = new LinkedHashSet<>();

    void add(Object o) {
        items.add(new Key(o));
    }

    boolean contains(Object o) {
        return items.contains(new Key(o));
    }
}
