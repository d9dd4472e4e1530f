package dev.glassbox.daemon;

import java.util.Map;

/**
 * A network as libnetwork keeps it: the predefined {@code bridge}, {@code host} and {@code none}, a
 * user-defined bridge network with a Linux bridge and an IPAM subnet of its own, or a macvlan network
 * whose containers hang off a parent link ({@code bridge} is null then; {@code ipam} is null for host and
 * none). {@code options} are the driver's, as {@code -o} gave them.
 */
record Network(String id, String name, NetworkDriver driver, String bridge, Ipam ipam, long created, Map<String, String> labels,
               boolean predefined, Map<String, String> options) {
    Network {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    Network(String id, String name, NetworkDriver driver, String bridge, Ipam ipam, long created, Map<String, String> labels, boolean predefined) {
        this(id, name, driver, bridge, ipam, created, labels, predefined, Map.of());
    }

    /** Whether containers get an address here (every network but host and none). */
    boolean bridged() {
        return ipam != null;
    }

    /** The link a macvlan network's containers hang off: {@code -o parent}, or the dummy the driver makes without one. */
    String parent() {
        String p = options.getOrDefault("parent", "");
        return p.isEmpty() ? (driver == NetworkDriver.IPVLAN ? "di-" : "dm-") + id.substring(0, 12) : p;
    }

    /** Whether the driver made the parent itself (no {@code -o parent}): a dummy that goes with the network. */
    boolean dummyParent() {
        return options.getOrDefault("parent", "").isEmpty();
    }
}
