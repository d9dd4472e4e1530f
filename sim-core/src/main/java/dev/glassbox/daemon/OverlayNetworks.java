package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.NetworkCreate;
import dev.glassbox.runtime.EndpointPlan;
import dev.glassbox.runtime.Libnetwork;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * libnetwork's overlay driver on one node: the local copies of the swarm's overlay networks. The managers
 * allocate a network ({@link SwarmNetworks}); a node takes a copy when one of its containers needs it, and
 * the network's bridge and VXLAN port appear on the host with its first endpoint (the ingress network's at
 * once, with the host's address on it, for the routing mesh).
 */
final class OverlayNetworks {
    static final String VXLAN_IDS = "com.docker.network.driver.overlay.vxlanid_list";

    private final Networks networks;
    private final Libnetwork libnetwork;
    private final Tracer tracer;
    final Map<String, OverlayNetwork> byId = new LinkedHashMap<>();
    SwarmNetworks swarm = SwarmNetworks.NONE;

    OverlayNetworks(Networks networks, Libnetwork libnetwork, Tracer tracer) {
        this.networks = networks;
        this.libnetwork = libnetwork;
        this.tracer = tracer;
    }

    /** {@code docker network create -d overlay}: the managers allocate it, and this node holds a copy. */
    Network create(NetworkCreate request) {
        if (!request.subnet().isEmpty() || !request.gateway().isEmpty() || !request.ipRange().isEmpty()) {
            throw DockerException.unsupported("glassbox: the swarm allocates overlay subnets itself; --subnet, --gateway and --ip-range"
                    + " are not simulated for overlay networks");
        }
        return install(swarm.create(request), null);
    }

    /** The node's copy of the swarm's network; {@code hostCidr}: the host's address on it, which makes its bridge at once. */
    Network install(OverlayNetwork o, String hostCidr) {
        Network have = networks.byName.get(o.name());
        if (have != null && have.id().equals(o.id())) {
            return have;
        }
        try (Tracer.Span s = tracer.open(Layer.DAEMON, null, "create network", o.name(), "The overlay network " + o.name() + " ("
                + o.ipam().subnet() + ", VXLAN id " + o.vni() + ") is the swarm's: this node's daemon takes a copy of it"
                + (hostCidr == null ? ", and makes its bridge and VXLAN port with its first container here." : " and joins it at once with "
                + hostCidr + ", the address of its load balancer for the routing mesh."), "")) {
            Network n = new Network(o.id(), o.name(), NetworkDriver.OVERLAY, o.bridge(), o.ipam(), o.created(), o.labels(), false,
                    Map.of(VXLAN_IDS, String.valueOf(o.vni())));
            byId.put(o.id(), o);
            networks.byName.put(o.name(), n);
            if (n.ipam() != null) {
                n.ipam().shownBy(networks.edits);
            }
            networks.edits.mark(dev.glassbox.trace.StatePart.NETWORKS);
            if (hostCidr != null) {
                libnetwork.createOverlay(o.bridge(), o.vxlan(), o.vni(), hostCidr);
            }
            swarm.installed(o);
            return n;
        }
    }

    /**
     * The overlay a container on this node asks for by name or id, copied here if the node does not hold it
     * yet: any of the swarm's for a service's task, only an attachable one for a container of {@code docker run}.
     */
    Optional<Network> forContainer(String ref, boolean task) {
        Optional<OverlayNetwork> o = swarm.find(ref);
        if (o.isEmpty()) {
            return Optional.empty();
        }
        if (!task && !o.get().attachable()) {
            throw DockerException.forbidden("Could not attach to network " + ref + ": rpc error: code = PermissionDenied desc = network "
                    + ref + " not manually attachable");
        }
        return Optional.of(install(o.get(), null));
    }

    /** The swarm forgot the network, or this node left the swarm: the copy goes, with its bridge if it has one. */
    void forget(String id) {
        OverlayNetwork o = byId.remove(id);
        if (o == null) {
            return;
        }
        networks.byName.remove(o.name());
        networks.edits.mark(dev.glassbox.trace.StatePart.NETWORKS);
        if (libnetwork.bridgeExists(o.bridge())) {
            libnetwork.deleteOverlay(o.bridge(), o.vxlan());
        }
    }

    /** {@code docker network rm} of an overlay: the managers decide; the copies go with their answer. */
    void remove(Network n) {
        swarm.remove(byId.get(n.id()));
    }

    OverlayNetwork of(Network n) {
        return byId.get(n.id());
    }

    EndpointPlan endpoint(Network n, String ifname, String ip, String hostIf) {
        OverlayNetwork o = byId.get(n.id());
        return new EndpointPlan.Overlay(o.bridge(), o.vxlan(), o.vni(), hostIf, ifname, ip, o.ipam().prefix());
    }
}
