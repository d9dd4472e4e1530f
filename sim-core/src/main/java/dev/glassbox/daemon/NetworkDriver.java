package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;

/**
 * libnetwork's network drivers glassbox has: {@code bridge} (a Linux bridge per network, a veth per
 * endpoint, NAT to the outside), {@code macvlan} (each container a child link of a parent link, with a MAC of
 * its own on the parent's segment: no bridge, no NAT), and the drivers of the predefined {@code host} and
 * {@code none} networks, and {@code overlay} (the swarm's: a bridge per host joined by VXLAN tunnels, one IPAM for the swarm). The name is what {@code docker network ls} and {@code inspect} show.
 */
enum NetworkDriver {
    BRIDGE("bridge"),
    HOST("host"),
    NULL("null"),
    MACVLAN("macvlan"),
    IPVLAN("ipvlan"),
    OVERLAY("overlay");

    private final String wire;

    NetworkDriver(String wire) {
        this.wire = wire;
    }

    /** Whether its containers hang off a parent link (macvlan, ipvlan) rather than a bridge. */
    boolean onParent() {
        return this == MACVLAN || this == IPVLAN;
    }

    /** The driver's name as Docker shows and takes it. */
    String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }

    /**
     * The driver a new network gets, by the name {@code docker network create -d} gives, or the daemon's
     * refusal in its words: the predefined networks' drivers make no second network, overlay asks the swarm's managers (who refuse outside a swarm),
     * and a name that is no driver is looked up as a plugin.
     */
    static NetworkDriver forCreate(String name) {
        switch (name) {
            case "host", "null" -> throw DockerException.forbidden("only one instance of \"" + name + "\" network is allowed");
            default -> {
                return named(name);
            }
        }
    }

    /** A driver by the name Docker shows, in the daemon's words when there is none. */
    static NetworkDriver named(String name) {
        for (NetworkDriver d : values()) {
            if (d.wire.equals(name)) {
                return d;
            }
        }
        throw DockerException.notFound("plugin \"" + name + "\" not found");
    }
}
