package dev.glassbox.compose;

import java.util.Map;
import java.util.TreeMap;

/** A top-level volume: its key in the file and its engine name ({@code app_data}, or its own when external). */
record VolumeDef(String key, String name, boolean external, String driver, Map<String, String> labels) {
    VolumeDef {
        labels = new TreeMap<>(labels == null ? Map.of() : labels);
        driver = driver == null ? "" : driver;
    }
}
