package dev.glassbox.sim.programs.python;

import java.util.LinkedHashMap;
import java.util.Map;

/** A module: a name and its attributes. */
final class PyModule {
    final String name;
    final Map<String, Object> attrs = new LinkedHashMap<>();

    PyModule(String name) {
        this.name = name;
    }
}
