package dev.glassbox.sim.programs.python;

import java.util.List;

/** A tuple: immutable, ordered. */
final class PyTuple {
    static final PyTuple EMPTY = new PyTuple(List.of());
    final List<Object> items;

    PyTuple(List<Object> items) {
        this.items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    static PyTuple of(Object... items) {
        return new PyTuple(java.util.Arrays.asList(items));
    }
}
