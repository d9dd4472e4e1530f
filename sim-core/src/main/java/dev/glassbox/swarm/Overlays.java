package dev.glassbox.swarm;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.NetworkCreate;
import dev.glassbox.daemon.ClusterAgent;
import dev.glassbox.daemon.Ipam;
import dev.glassbox.daemon.OverlayNetwork;
import dev.glassbox.daemon.SwarmNetworks;
import dev.glassbox.kernel.IpvsService;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The swarm's overlay networks as its managers keep them: the {@code ingress} network every node joins, the
 * user's overlays, one IPAM each for the whole swarm, the services' virtual IPs, and the load balancing every
 * node's kernel is told to do (the routing mesh for published ports, IPVS for each virtual IP), kept in step
 * with the running tasks.
 */
final class Overlays {
    static final String INGRESS = "ingress";
    /** swarm's default address pool: 10.0.0.0/8 in /24s; 10.0.0.0/24 goes to ingress. */
    private static final int FIRST_VNI = 4096;
    /** The world's LAN is 10.0.2.0/24: the allocator never hands it to an overlay. */
    private static final int LAN_OCTET = 2;

    final Map<String, OverlayNetwork> byName = new LinkedHashMap<>();
    private final Map<SwarmNode, String> lbAddress = new HashMap<>();
    private final Map<SwarmNode, Map<String, IpvsService>> programmed = new HashMap<>();
    private final Map<String, Map<String, List<String>>> announced = new HashMap<>();
    private final Cluster cluster;
    private final Orchestrator orch;
    private final Narrator narrator;
    private final Tracer tracer;
    private int nextVni = FIRST_VNI;

    Overlays(Cluster cluster, Orchestrator orch, Narrator narrator, Tracer tracer) {
        this.cluster = cluster;
        this.orch = orch;
        this.narrator = narrator;
        this.tracer = tracer;
    }

    /** The managers allocate a network: the next VXLAN id, the next free /24 of 10.0.0.0/8, an IPAM for the swarm. */
    private OverlayNetwork allocate(String host, String name, boolean attachable, boolean ingress, Map<String, String> labels) {
        String subnet = null;
        for (int octet = ingress ? 0 : 1; octet < 256 && subnet == null; octet++) {
            String cidr = "10.0." + octet + ".0/24";
            if (octet != LAN_OCTET && byName.values().stream().noneMatch(o -> o.ipam().subnet().equals(cidr))) {
                subnet = cidr;
            }
        }
        if (subnet == null) {
            throw new SwarmException("rpc error: code = ResourceExhausted desc = could not find an available, non-overlapping IPv4 address pool");
        }
        OverlayNetwork o = new OverlayNetwork(cluster.ids.next(), name, new Ipam(subnet, subnet.replace(".0/24", ".1")), nextVni++,
                attachable, ingress, orch.now(), labels);
        byName.put(name, o);
        narrator.network(host, name, subnet, o.vni());
        return o;
    }

    /** A network a manager creates for a stack (or {@code network create}): the managers allocate it. */
    OverlayNetwork create(String host, String name, boolean attachable, Map<String, String> labels) {
        return allocate(host, name, attachable, false, labels);
    }

    /** The network is gone from the swarm: every node's copy goes with it. */
    void remove(OverlayNetwork o) {
        byName.remove(o.name());
        announced.remove(o.id());
        for (SwarmNode n : cluster.nodes) {
            if (n.engine != null) {
                try (Tracer.Span h = tracer.onHost(n.hostname)) {
                    n.engine.clusterAgent().forget(o.id());
                }
            }
        }
    }

    /** swarm init: the ingress network, before any node joins it. */
    void init(String host) {
        allocate(host, INGRESS, false, true, Map.of());
    }

    /** A node is up in the swarm: its daemon gets the managers' overlays, and the ingress network with a load balancer address. */
    void nodeUp(SwarmNode n) {
        ClusterAgent agent = n.engine.clusterAgent();
        agent.joined(new NodeNetworks(n), () -> info(n));
        OverlayNetwork ingress = byName.get(INGRESS);
        String ip = ingress.ipam().allocate();
        lbAddress.put(n, ip);
        try (Tracer.Span h = tracer.onHost(n.hostname)) {
            agent.ingress(ingress, ip + "/" + ingress.ipam().prefix());
        }
    }

    /** {@code docker info}'s swarm part on node {@code n}. */
    private dev.glassbox.api.SwarmInfo info(SwarmNode n) {
        List<String> managers = cluster.nodes.stream().filter(x -> x.role == SwarmNode.Role.MANAGER && x.state == SwarmNode.State.READY)
                .map(x -> x.address + ":2377").sorted().toList();
        boolean manager = n.role == SwarmNode.Role.MANAGER;
        return new dev.glassbox.api.SwarmInfo("active", n.id, n.address, manager, manager ? cluster.clusterId : "", manager ? managers.size() : 0,
                manager ? (int) cluster.nodes.stream().filter(x -> x.state == SwarmNode.State.READY).count() : 0, managers);
    }

    /** A node left or went down: its load balancer address is free again, and its daemon forgets the overlays if it still runs. */
    void nodeDown(SwarmNode n) {
        String ip = lbAddress.remove(n);
        OverlayNetwork ingress = byName.get(INGRESS);
        if (ip != null && ingress != null) {
            ingress.ipam().release(ip);
        }
        programmed.remove(n);
        if (n.engine != null) {
            try (Tracer.Span h = tracer.onHost(n.hostname)) {
                n.engine.clusterAgent().left();
            }
        }
    }

    /** The swarm is gone: nothing of its networks stays. */
    void dissolve() {
        byName.clear();
        lbAddress.clear();
        programmed.clear();
        announced.clear();
        nextVni = FIRST_VNI;
    }

    /** The networks a service's tasks join, in order: ingress when it publishes a port, then its own. */
    List<String> networksOf(Service s) {
        List<String> out = new ArrayList<>();
        if (!s.ports.isEmpty()) {
            out.add(INGRESS);
        }
        out.addAll(s.networks);
        return out;
    }

    /** The overlay a service names, in the managers' words when there is none. */
    OverlayNetwork network(String ref) {
        return find(ref).orElseThrow(() -> new SwarmException("network " + ref + " not found"));
    }

    Optional<OverlayNetwork> find(String ref) {
        OverlayNetwork o = byName.get(ref);
        if (o != null) {
            return Optional.of(o);
        }
        List<OverlayNetwork> found = byName.values().stream().filter(x -> !ref.isEmpty() && x.id().startsWith(ref)).toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** A virtual IP for the service on each of its networks. */
    void vips(Service s, String host) {
        for (String net : networksOf(s)) {
            OverlayNetwork o = byName.get(net);
            String vip = o.ipam().allocate();
            s.vips.put(net, vip);
            narrator.vip(host, s.name, vip, net);
        }
    }

    void releaseVips(Service s) {
        s.vips.forEach((net, vip) -> {
            OverlayNetwork o = byName.get(net);
            if (o != null) {
                o.ipam().release(vip);
            }
        });
        s.vips.clear();
    }

    /**
     * Tells every node's kernel what to balance now: each published port over the running tasks' ingress addresses (on
     * every node: the routing mesh), each virtual IP over the tasks' addresses on its network (on the nodes that hold
     * it). Only what changed is reprogrammed. The embedded DNS tables follow the tasks too.
     */
    void balance() {
        for (SwarmNode n : cluster.ready()) {
            if (n.engine == null) {
                continue;
            }
            ClusterAgent agent = n.engine.clusterAgent();
            Map<String, IpvsService> want = new LinkedHashMap<>();
            for (Service s : orch.services.values()) {
                for (Service.Port p : s.ports) {
                    want.put(p.proto() + " *:" + p.published(), new IpvsService(p.proto(), "0.0.0.0", p.published(), taskIps(s, INGRESS), p.target()));
                }
                s.vips.forEach((net, vip) -> {
                    if (!net.equals(INGRESS) && agent.holds(byName.get(net).id())) {
                        want.put("tcp " + vip, new IpvsService("tcp", vip, 0, taskIps(s, net), 0));
                    }
                });
            }
            Map<String, IpvsService> had = programmed.computeIfAbsent(n, k -> new LinkedHashMap<>());
            try (Tracer.Span h = tracer.onHost(n.hostname)) {
                for (Map.Entry<String, IpvsService> e : want.entrySet()) {
                    if (!e.getValue().equals(had.get(e.getKey()))) {
                        agent.balance(e.getValue());
                    }
                }
                for (Map.Entry<String, IpvsService> e : had.entrySet()) {
                    if (!want.containsKey(e.getKey())) {
                        agent.stopBalancing(e.getValue().proto(), e.getValue().vip(), e.getValue().port());
                    }
                }
            }
            programmed.put(n, want);
        }
        for (OverlayNetwork o : byName.values()) {
            Map<String, List<String>> names = names(o);
            if (!names.equals(announced.getOrDefault(o.id(), Map.of()))) {
                announced.put(o.id(), names);
                for (SwarmNode n : cluster.ready()) {
                    if (n.engine != null && n.engine.clusterAgent().holds(o.id())) {
                        try (Tracer.Span h = tracer.onHost(n.hostname)) {
                            n.engine.clusterAgent().refreshNames(o.id());
                        }
                    }
                }
            }
        }
    }

    /** The running tasks' addresses on the network, in slot order. */
    private List<String> taskIps(Service s, String net) {
        return orch.tasksOf(s).stream().filter(t -> t.live() && t.state == Task.State.RUNNING && t.ips.containsKey(net))
                .sorted(java.util.Comparator.comparingInt(t -> t.slot)).map(t -> t.ips.get(net)).toList();
    }

    /** What the embedded DNS answers on an overlay besides its containers: each service's VIP, and tasks.NAME's addresses. */
    Map<String, List<String>> names(OverlayNetwork o) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (o.ingress()) {
            return out; // the ingress network carries the routing mesh only: no service discovery on it
        }
        for (Service s : orch.services.values()) {
            String vip = s.vips.get(o.name());
            if (vip != null) {
                out.put(s.name, List.of(vip));
                s.aliases.forEach(a -> out.putIfAbsent(a, List.of(vip)));
                out.put("tasks." + s.name, taskIps(s, o.name()));
                s.aliases.forEach(a -> out.putIfAbsent("tasks." + a, taskIps(s, o.name()))); // as libnetwork does for service aliases
            }
        }
        for (SwarmNode n : cluster.ready()) { // the containers on the overlay, on whichever host they run
            if (n.engine != null && n.engine.clusterAgent().holds(o.id())) {
                n.engine.clusterAgent().endpoints(o.name()).forEach((name, ip) -> out.putIfAbsent(name, List.of(ip)));
            }
        }
        return out;
    }

    /** One node's view of the swarm's networks, as its daemon asks the managers. */
    private final class NodeNetworks implements SwarmNetworks {
        private final SwarmNode node;

        NodeNetworks(SwarmNode node) {
            this.node = node;
        }

        @Override
        public OverlayNetwork create(NetworkCreate request) {
            if (node.role != SwarmNode.Role.MANAGER) {
                throw DockerException.forbidden("Cannot create a multi-host network from a worker node. Please create the network from a"
                        + " manager node.");
            }
            if (byName.containsKey(request.name())) {
                throw DockerException.conflict("network with name " + request.name() + " already exists");
            }
            return allocate(node.hostname, request.name(), request.attachable(), false, request.labels());
        }

        @Override
        public Optional<OverlayNetwork> find(String ref) {
            return Overlays.this.find(ref).filter(o -> !o.ingress() || ref.equals(INGRESS));
        }

        @Override
        public void remove(OverlayNetwork o) {
            if (node.role != SwarmNode.Role.MANAGER) {
                throw DockerException.forbidden("rpc error: code = PermissionDenied desc = network " + o.name() + " is a swarm network and can"
                        + " only be removed on a manager node");
            }
            for (Service s : orch.services.values()) {
                if (s.networks.contains(o.name()) || (o.ingress() && !s.ports.isEmpty())) {
                    throw DockerException.server("rpc error: code = FailedPrecondition desc = network " + o.id() + " is in use by service " + s.id);
                }
            }
            List<String> active = new ArrayList<>();
            for (SwarmNode n : cluster.ready()) { // containers that joined it by hand, on any host
                if (n.engine != null) {
                    active.addAll(n.engine.clusterAgent().activeEndpoints(o.name()));
                }
            }
            if (!active.isEmpty()) {
                throw DockerException.conflict("error while removing network: network " + o.name() + " has active endpoints ("
                        + String.join(", ", active) + ")");
            }
            Overlays.this.remove(o);
        }

        @Override
        public Map<String, List<String>> names(OverlayNetwork o) {
            return Overlays.this.names(o);
        }

        @Override
        public void endpointsChanged(OverlayNetwork o) {
            if (cluster.nodes.contains(node)) {
                balance();
            }
        }

        @Override
        public void installed(OverlayNetwork o) {
            if (cluster.nodes.contains(node)) {
                balance();
            }
        }
    }
}
