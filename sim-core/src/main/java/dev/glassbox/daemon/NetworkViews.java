package dev.glassbox.daemon;

import dev.glassbox.kernel.HostLayout;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A network as {@code docker network inspect} shows it. */
final class NetworkViews {
    private NetworkViews() {}

    static Map<String, Object> inspect(Network n, List<Container> attached, Networks networks, HostLayout layout) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", n.name());
        m.put("Id", n.id());
        m.put("Created", Instant.ofEpochMilli(n.created()).toString());
        OverlayNetwork overlay = networks.overlays.of(n);
        m.put("Scope", n.driver() == NetworkDriver.OVERLAY ? "swarm" : "local");
        m.put("Driver", n.driver().wire());
        m.put("EnableIPv4", true);
        m.put("EnableIPv6", false);
        Map<String, Object> ipam = new LinkedHashMap<>();
        ipam.put("Driver", "default");
        ipam.put("Options", n.predefined() ? null : Map.of());
        ipam.put("Config", !n.bridged() ? null : n.ipam().range.isEmpty() ? List.of(Views.ordered("Subnet", n.ipam().subnet, "Gateway", n.ipam().gateway))
                : List.of(Views.ordered("Subnet", n.ipam().subnet, "IPRange", n.ipam().range, "Gateway", n.ipam().gateway)));
        m.put("IPAM", ipam);
        m.put("Internal", false);
        m.put("Attachable", overlay != null && overlay.attachable());
        m.put("Ingress", overlay != null && overlay.ingress());
        m.put("ConfigFrom", Views.ordered("Network", ""));
        m.put("ConfigOnly", false);
        Map<String, Object> containers = new TreeMap<>();
        for (Container c : attached) {
            String ip = networks.ipOn(c, n);
            String endpoint = c.endpointId;
            for (Endpoint e : c.endpoints) {
                endpoint = e.network.equals(n.name()) ? e.endpointId : endpoint;
            }
            containers.put(c.id, Views.ordered("Name", c.name, "EndpointID", endpoint, "MacAddress", Views.mac(ip),
                    "IPv4Address", ip.isEmpty() ? "" : ip + "/" + n.ipam().prefix, "IPv6Address", ""));
        }
        m.put("Containers", containers);
        Map<String, Object> options = new TreeMap<>(n.options());
        if (n.name().equals("bridge")) {
            options.put("com.docker.network.bridge.default_bridge", "true");
            options.put("com.docker.network.bridge.enable_icc", "true");
            options.put("com.docker.network.bridge.enable_ip_masquerade", "true");
            options.put("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0");
            options.put("com.docker.network.bridge.name", layout.bridge());
            options.put("com.docker.network.driver.mtu", "1500");
        }
        m.put("Options", options);
        m.put("Labels", new TreeMap<>(n.labels()));
        return m;
    }

    /** docker network ls. */
    static java.util.List<dev.glassbox.api.Api.NetworkSummary> summaries(java.util.Collection<Network> networks) {
        java.util.List<dev.glassbox.api.Api.NetworkSummary> out = new java.util.ArrayList<>();
        for (Network n : networks) {
            out.add(new dev.glassbox.api.Api.NetworkSummary(n.id(), n.name(), n.driver().wire(), n.driver() == NetworkDriver.OVERLAY ? "swarm" : "local",
                    n.created(), n.labels()));
        }
        return out;
    }
}
