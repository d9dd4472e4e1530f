package dev.glassbox.runtime;

import dev.glassbox.kernel.MacvlanMode;

/**
 * One network interface a container gets: how its link reaches the network. Each network driver makes
 * its kind; {@link Runtime#join} and {@link Runtime#leave} wire and unwire every kind in one place, at
 * start and at {@code docker network connect} alike.
 */
public sealed interface EndpointPlan {
    /** The interface's name inside the container ({@code eth0}, {@code eth1}, …). */
    String ifname();

    /** Its IPv4 address. */
    String ip();

    /** The subnet's prefix length. */
    int prefix();

    /**
     * The bridge driver's endpoint: a veth pair whose host end {@code hostIf} is a port of {@code bridge}
     * and whose other end is {@code ifname} in the container's network namespace.
     */
    record Veth(String bridge, String hostIf, String ifname, String ip, int prefix) implements EndpointPlan {
    }

    /**
     * The macvlan driver's endpoint: {@code ifname} in the container's network namespace is a child of the
     * host's {@code parent} link, in {@code mode}. It goes away with the container's namespace: nothing of it
     * stays on the host.
     */
    record Macvlan(String parent, MacvlanMode mode, String ifname, String ip, int prefix) implements EndpointPlan {
    }

    /**
     * The ipvlan driver's endpoint (l2 mode): {@code ifname} in the container's network namespace is a child of the
     * host's {@code parent} link that shares its MAC address. Like a macvlan child it goes away with the namespace.
     */
    record Ipvlan(String parent, String ifname, String ip, int prefix) implements EndpointPlan {
    }

    /**
     * The overlay driver's endpoint: a veth pair whose host end {@code hostIf} is a port of the overlay's bridge
     * {@code bridge} on this host, whose VXLAN port {@code vxlan} (VNI {@code vni}) tunnels to the other hosts.
     * The bridge and its VXLAN port are made with the first endpoint of the network on the host.
     */
    record Overlay(String bridge, String vxlan, int vni, String hostIf, String ifname, String ip, int prefix) implements EndpointPlan {
    }
}
