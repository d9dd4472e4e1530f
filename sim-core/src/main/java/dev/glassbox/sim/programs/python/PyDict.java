package dev.glassbox.sim.programs.python;

import java.util.LinkedHashMap;

/** A dict: insertion-ordered, keys compared as Python compares them. */
final class PyDict {
    final LinkedHashMap<Key, Object> map = new LinkedHashMap<>();

    Object get(Object key) {
        return map.get(new Key(key));
    }

    void put(Object key, Object value) {
        map.put(new Key(key), value);
    }

    /** A dict with string keys, as modules and **kwargs make them. */
    static PyDict ofStrings(java.util.Map<String, Object> m) {
        PyDict d = new PyDict();
        m.forEach(d::put);
        return d;
    }
}
