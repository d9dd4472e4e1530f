package dev.glassbox.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The create request's {@code NetworkingConfig}: per network (by the name the client used, {@code default}
 * for the default bridge) the container's {@link EndpointSettings}. The docker CLI sends one entry, for
 * the network of {@code --network}.
 */
public record NetworkingConfig(Map<String, EndpointSettings> endpoints) {
    public static final NetworkingConfig NONE = new NetworkingConfig(Map.of());

    public NetworkingConfig {
        endpoints = endpoints == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    public static NetworkingConfig of(String network, EndpointSettings settings) {
        return settings.isEmpty() ? NONE : new NetworkingConfig(Map.of(network, settings));
    }

    public boolean isEmpty() {
        return endpoints.values().stream().allMatch(EndpointSettings::isEmpty);
    }
}
