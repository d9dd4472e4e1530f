package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.EndpointSettings;
import dev.glassbox.api.NetworkMode;
import dev.glassbox.runtime.EndpointPlan;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;

/**
 * docker network connect / disconnect: libnetwork plugs a running container into one more bridge
 * with a veth pair of its own ({@code eth1}, {@code eth2}, …) or takes it out again; a stopped
 * container gets the endpoint when it starts.
 */
final class Connections {
    private final Daemon d;

    Connections(Daemon d) {
        this.d = d;
    }

    void connect(Network n, Container c) {
        connect(n, c, EndpointSettings.NONE);
    }

    void connect(Network n, Container c, EndpointSettings settings) {
        NetworkMode mode = c.mode();
        if (!n.bridged() || mode instanceof NetworkMode.Host) {
            throw DockerException.conflict("container cannot be disconnected from host network or connected to host network");
        }
        if (mode instanceof NetworkMode.None || mode instanceof NetworkMode.Joined) {
            throw DockerException.conflict("container cannot be connected to multiple networks with one of the networks in private (none) mode");
        }
        if (n.predefined() && !settings.aliases().isEmpty()) {
            throw DockerException.invalid("invalid config for network " + n.name() + ": invalid endpoint settings:\n"
                    + "network-scoped alias is supported only for containers in user defined networks");
        }
        if (d.networks.on(c, n)) {
            throw DockerException.conflict("endpoint with name " + c.name + " already exists in network " + n.name());
        }
        Endpoint ep = new Endpoint(n.name(), "eth" + (c.endpoints.size() + 1));
        try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "connect network", c.name, "The daemon records that " + c.name
                + " is on network " + n.name() + " too" + (c.running() ? " and plugs it into " + where(n) + " now." : "; it is plugged in when it starts."), "")) {
            c.endpoints.add(ep);
            if (!settings.isEmpty()) {
                c.endpointSettings.put(n.name(), settings);
            }
            if (c.running()) {
                attach(c, ep);
                d.hostsFiles.write(c);
                d.hostsFiles.refreshPeers(c);
                d.events.network(n, "connect", c.id);
            }
        }
    }

    /** What the network's endpoints plug into: its bridge, or its macvlan parent. */
    private static String where(Network n) {
        return n.driver().onParent() ? n.parent() : n.bridge();
    }

    void disconnect(Network n, Container c) {
        Endpoint ep = null;
        for (Endpoint e : c.endpoints) {
            if (e.network.equals(n.name())) {
                ep = e;
            }
        }
        if (ep == null) {
            if (d.networks.of(c) == n) {
                throw DockerException.unsupported("glassbox: disconnecting a container from the network it was created on is not supported yet");
            }
            throw DockerException.conflict("container " + c.id + " is not connected to network " + n.name());
        }
        try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "disconnect network", c.name, "The daemon takes " + c.name
                + " off network " + n.name() + ": its link on " + where(n) + " is deleted and the address goes back to IPAM.", "")) {
            java.util.List<Container> peers = d.hostsFiles.peers(c);
            detach(ep, c.running() ? c.sandbox : null);
            c.endpoints.remove(ep);
            c.endpointSettings.remove(n.name());
            if (c.running()) {
                d.hostsFiles.write(c);
                d.hostsFiles.refresh(c, peers);
                d.events.network(n, "disconnect", c.id);
            }
        }
    }

    /** The endpoint's link (a veth pair on the bridge, or a macvlan child of the parent), its address, into the running container. */
    void attach(Container c, Endpoint ep) {
        Network n = d.networks.get(ep.network);
        ep.ip = n.ipam().allocate();
        EndpointPlan plan = d.networks.endpoint(n, ep.ifname, ep.ip);
        ep.veth = plan instanceof EndpointPlan.Veth v ? v.hostIf() : plan instanceof EndpointPlan.Overlay o ? o.hostIf() : "";
        ep.endpointId = d.randomHex(32);
        d.tracer.did(Layer.DAEMON, null, "allocate IP", ep.ip, "IPAM hands out " + ep.ip + ", the lowest free address of the network "
                + n.name() + " " + n.ipam().subnet + ".", "");
        d.runtime.join(c.sandbox, plan);
        ep.plan = plan;
    }

    /**
     * Takes the endpoint's link away (if the container's namespace has not taken it already) and frees its
     * address. {@code sb}: the running container's sandbox, null when its namespace is gone with it.
     */
    void detach(Endpoint ep, dev.glassbox.kernel.Sandbox sb) {
        Network n = d.networks.byName.get(ep.network);
        if (ep.plan != null) {
            d.runtime.leave(sb, ep.plan);
        }
        if (n != null) {
            n.ipam().release(ep.ip);
        }
        ep.ip = "";
        ep.veth = "";
        ep.plan = null;
    }
}
