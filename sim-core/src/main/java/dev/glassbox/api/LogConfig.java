package dev.glassbox.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container's logging driver and its options ({@code --log-driver}, {@code --log-opt}): Docker's
 * {@code HostConfig.LogConfig}. An empty type is "the daemon's default", {@code json-file}.
 */
public record LogConfig(String type, Map<String, String> config) {
    public static final LogConfig DEFAULT = new LogConfig("", Map.of());

    public LogConfig {
        type = type == null ? "" : type;
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /** The driver that writes the logs: the type, or the daemon's default when none is given. */
    public String driver() {
        return type.isEmpty() ? "json-file" : type;
    }
}
