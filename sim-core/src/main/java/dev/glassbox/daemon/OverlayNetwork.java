package dev.glassbox.daemon;

import java.util.Map;

/**
 * An overlay network as the swarm's managers keep it: its id and name, the VXLAN id, and one IPAM for the
 * whole swarm, so no two endpoints on any host get the same address. Each node's daemon holds a local copy
 * of the network while it has endpoints on it ({@code ingress} on every node).
 */
public record OverlayNetwork(String id, String name, Ipam ipam, int vni, boolean attachable, boolean ingress, long created,
                             Map<String, String> labels) {
    public OverlayNetwork {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The overlay's bridge on each host, named as Docker names its VXLAN device ({@code vx-VNI-ID}), with {@code ov-}. */
    public String bridge() {
        return String.format("ov-%06x-%s", vni, id.substring(0, 5));
    }

    /** Its VXLAN device on each host: {@code vx-<VNI in hex>-<first 5 of the network id>}, as libnetwork names it. */
    public String vxlan() {
        return String.format("vx-%06x-%s", vni, id.substring(0, 5));
    }
}
