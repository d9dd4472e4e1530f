package dev.glassbox.api;

import java.util.Map;

/**
 * {@code POST /networks/create}'s body as glassbox reads it: the name, the driver ({@code bridge} when
 * none is given), one IPv4 subnet (empty: the next free /16) with its gateway and the range containers'
 * addresses come from (both empty: the subnet's first address, the whole subnet), labels, and the
 * driver's options ({@code -o parent=eth0}), and whether containers may join it by hand ({@code --attachable}, overlay).
 */
public record NetworkCreate(String name, String driver, String subnet, String gateway, String ipRange, Map<String, String> labels,
                            Map<String, String> options, boolean attachable) {
    public NetworkCreate {
        driver = driver == null || driver.isEmpty() ? "bridge" : driver;
        subnet = subnet == null ? "" : subnet;
        gateway = gateway == null ? "" : gateway;
        ipRange = ipRange == null ? "" : ipRange;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public NetworkCreate(String name, String driver, String subnet, String gateway, String ipRange, Map<String, String> labels,
            Map<String, String> options) {
        this(name, driver, subnet, gateway, ipRange, labels, options, false);
    }

    public NetworkCreate(String name, String driver, String subnet, Map<String, String> labels, Map<String, String> options) {
        this(name, driver, subnet, "", "", labels, options);
    }

    /** A bridge network. */
    public static NetworkCreate bridge(String name, String subnet, Map<String, String> labels) {
        return new NetworkCreate(name, "bridge", subnet, labels, Map.of());
    }
}
