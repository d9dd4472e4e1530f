package dev.glassbox.sim.programs.python;

import java.util.ArrayList;
import java.util.List;

/** A list: mutable, ordered. */
final class PyList {
    final ArrayList<Object> items;

    PyList() {
        this.items = new ArrayList<>();
    }

    PyList(List<Object> items) {
        this.items = new ArrayList<>(items);
    }
}
