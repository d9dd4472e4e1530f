package dev.glassbox.daemon;

import dev.glassbox.kernel.IpvsService;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a node's daemon that swarm mode drives, as dockerd's cluster component does: the overlay
 * networks the managers hand it, the ingress network's load balancer, IPVS for the services' virtual IPs
 * and published ports, and the embedded DNS names of services on the node's overlays.
 */
public final class ClusterAgent {
    private final Daemon d;
    private java.util.function.Supplier<dev.glassbox.api.SwarmInfo> info = () -> dev.glassbox.api.SwarmInfo.INACTIVE;

    ClusterAgent(Daemon d) {
        this.d = d;
    }

    /** The node joined a swarm: overlay networks are now the managers' to give. */
    public void joined(SwarmNetworks swarm, java.util.function.Supplier<dev.glassbox.api.SwarmInfo> info) {
        d.networks.overlays.swarm = swarm;
        this.info = info;
    }

    /** What {@code docker info} says of the swarm, as the node's agent knows it now. */
    public dev.glassbox.api.SwarmInfo swarmInfo() {
        return info.get();
    }

    /** The node left its swarm: its copies of the overlays go, and the load balancer with them. */
    public void left() {
        for (String id : new ArrayList<>(d.networks.overlays.byId.keySet())) {
            d.networks.overlays.forget(id);
        }
        d.networks.overlays.swarm = SwarmNetworks.NONE;
        info = () -> dev.glassbox.api.SwarmInfo.INACTIVE;
    }

    /** The ingress network on this node, with the host's address on it ({@code ip/prefix}), for the routing mesh. */
    public void ingress(OverlayNetwork ingress, String hostCidr) {
        d.networks.overlays.install(ingress, hostCidr);
    }

    /** The managers removed the overlay: this node's copy goes. */
    public void forget(String networkId) {
        d.networks.overlays.forget(networkId);
    }

    /** Whether this node holds a copy of the overlay. */
    public boolean holds(String networkId) {
        return d.networks.overlays.byId.containsKey(networkId);
    }

    public void balance(IpvsService service) {
        d.libnetwork.balance(service);
    }

    public void stopBalancing(String proto, String vip, int port) {
        d.libnetwork.stopBalancing(proto, vip, port);
    }

    /** The container's address on the network, or "" when it has none there (or is not running). */
    public String ipOn(String container, String network) {
        Container c = d.containers.values().stream().filter(x -> x.name.equals(container) || x.id.equals(container)).findFirst().orElse(null);
        Network n = d.networks.byName.get(network);
        return c == null || n == null || !c.running() ? "" : d.networks.ipOn(c, n);
    }

    /** The running containers on the network, by name, with their address there. */
    public java.util.Map<String, String> endpoints(String network) {
        Network n = d.networks.byName.get(network);
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        if (n != null) {
            for (Container c : d.containers.values()) {
                String ip = c.running() ? d.networks.ipOn(c, n) : "";
                if (!ip.isEmpty()) {
                    out.put(c.name, ip);
                }
            }
        }
        return out;
    }

    /** The running containers with an endpoint on the network, as Docker lists active endpoints: {@code name:"N" id:"SHORTID"}. */
    public List<String> activeEndpoints(String network) {
        Network n = d.networks.byName.get(network);
        List<String> out = new ArrayList<>();
        if (n != null) {
            for (Container c : d.containers.values()) {
                if (c.running() && !d.networks.ipOn(c, n).isEmpty()) {
                    out.add("name:\"" + c.name + "\" id:\"" + c.id.substring(0, 12) + "\"");
                }
            }
        }
        return out;
    }

    /** The services' names on the overlay changed: the running containers on it get their embedded DNS tables rewritten. */
    public void refreshNames(String networkId) {
        OverlayNetwork o = d.networks.overlays.byId.get(networkId);
        if (o == null) {
            return;
        }
        Network n = d.networks.byName.get(o.name());
        List<Container> on = d.containers.values().stream().filter(c -> c.running() && !d.networks.ipOn(c, n).isEmpty()).toList();
        for (Container c : on) {
            d.hostsFiles.write(c);
        }
    }
}
