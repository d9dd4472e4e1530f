package dev.glassbox.daemon;

import java.util.Map;

/**
 * A network as libnetwork keeps it: the predefined {@code bridge}, {@code host} and {@code none}, or a
 * user-defined bridge network with a Linux bridge and an IPAM subnet of its own ({@code ipam} is null
 * for host and none).
 */
record Network(String id, String name, NetworkDriver driver, String bridge, Ipam ipam, long created, Map<String, String> labels,
               boolean predefined) {
    Network {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    boolean bridged() {
        return ipam != null;
    }
}
