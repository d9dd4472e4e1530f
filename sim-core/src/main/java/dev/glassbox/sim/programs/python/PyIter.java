package dev.glassbox.sim.programs.python;

import java.util.Iterator;

/** An iterator object (what iter(), enumerate(), zip(), map() and a generator expression give). */
final class PyIter implements Iterator<Object> {
    final String typeName;
    private final Iterator<Object> it;

    PyIter(String typeName, Iterator<Object> it) {
        this.typeName = typeName;
        this.it = it;
    }

    @Override
    public boolean hasNext() {
        return it.hasNext();
    }

    @Override
    public Object next() {
        return it.next();
    }
}
