package dev.glassbox.compose;

import java.util.Map;
import java.util.TreeMap;

/** A top-level network: its key in the file, its engine name ({@code app_back}, or its own for external ones). */
record NetworkDef(String key, String name, boolean external, String driver, Map<String, String> labels) {
    NetworkDef {
        labels = new TreeMap<>(labels == null ? Map.of() : labels);
        driver = driver == null ? "" : driver;
    }
}
