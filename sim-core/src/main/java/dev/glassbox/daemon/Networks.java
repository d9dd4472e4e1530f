package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.NetworkCreate;
import dev.glassbox.api.NetworkMode;
import dev.glassbox.api.PortBinding;
import dev.glassbox.image.Digest;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.runtime.EndpointPlan;
import dev.glassbox.runtime.Libnetwork;
import dev.glassbox.runtime.RuntimeSpec;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * libnetwork's part: the predefined networks, user-defined bridge networks (each its own bridge and
 * subnet), their IPAM, and each container's network plan.
 */
final class Networks {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    final String bridge;
    final Ipam bridgeIpam;
    private final Kernel kernel;
    private final Libnetwork libnetwork;
    private final Tracer tracer;
    final Map<String, Network> byName = new TreeMap<>();

    private final Events events;
    private final MacvlanNetworks macvlan;
    final OverlayNetworks overlays;

    /** Where this store marks the parts of the state it edits. */
    final dev.glassbox.trace.Edits edits;

    Networks(Kernel kernel, Libnetwork libnetwork, Tracer tracer, Events events, dev.glassbox.trace.Edits edits) {
        this.edits = edits;
        this.events = events;
        this.macvlan = new MacvlanNetworks(this, kernel, libnetwork, tracer);
        this.overlays = new OverlayNetworks(this, libnetwork, tracer);
        this.kernel = kernel;
        this.libnetwork = libnetwork;
        this.tracer = tracer;
        this.bridge = kernel.layout().bridge();
        this.bridgeIpam = new Ipam(kernel.layout().subnet(), kernel.layout().gateway());
        libnetwork.createBridge(bridge, bridgeIpam.gateway + "/" + bridgeIpam.prefix);
        predefined("bridge", NetworkDriver.BRIDGE, bridge, bridgeIpam);
        predefined("host", NetworkDriver.HOST, null, null);
        predefined("none", NetworkDriver.NULL, null, null);
    }

    /** Predefined networks get ids from their names, so they take nothing from the engine's random source. */
    private void predefined(String name, NetworkDriver driver, String iface, Ipam ipam) {
        String id = Digest.of(("glassbox network " + name).getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
        byName.put(name, new Network(id, name, driver, iface, ipam, kernel.currentTimeMillis(), Map.of(), true));
        if (ipam != null) {
            ipam.shownBy(edits);
        }
        edits.mark(dev.glassbox.trace.StatePart.NETWORKS);
    }

    /** By name, full id or unique id prefix. */
    Network get(String ref) {
        Network n = byName.get(ref);
        if (n != null) {
            return n;
        }
        Network found = null;
        for (Network x : byName.values()) {
            if (!ref.isEmpty() && x.id().startsWith(ref)) {
                if (found != null) {
                    throw DockerException.notFound("network " + ref + " is ambiguous (" + 2 + " matches found based on ID prefix)");
                }
                found = x;
            }
        }
        if (found == null) {
            throw DockerException.notFound("network " + ref + " not found");
        }
        return found;
    }

    /**
     * A random network id whose bridge name is free on the host: a bridge name keeps only as much of the
     * id as fits in 15 characters after its prefix (3 hex digits for a test daemon's glassboxdif-), so
     * two networks could draw the same name. The sim kernel's first draw is always free.
     */
    String freeId() {
        for (int i = 0; i < 64; i++) {
            String id = java.util.HexFormat.of().formatHex(kernel.random(32));
            if (!libnetwork.bridgeExists(kernel.layout().networkBridge(id))) {
                return id;
            }
        }
        throw DockerException.server("could not find a free bridge name for a new network on this host");
    }

    /** A new network of the request's driver (bridge or macvlan; {@link NetworkDriver#forCreate} refused the rest). */
    Network create(NetworkCreate request, String id) {
        NetworkDriver driver = NetworkDriver.forCreate(request.driver());
        if (driver == NetworkDriver.OVERLAY) {
            checkName(request.name());
            Network n = overlays.create(request);
            events.network(n, "create", null);
            return n;
        }
        if (!driver.onParent()) {
            return create(request.name(), request.subnet(), request.labels(), id);
        }
        checkName(request.name());
        Network n = macvlan.create(request, id, driver);
        byName.put(n.name(), n);
        if (n.ipam() != null) {
            n.ipam().shownBy(edits);
        }
        edits.mark(dev.glassbox.trace.StatePart.NETWORKS);
        events.network(n, "create", null);
        return n;
    }

    /** The subnet, gateway and range a request asks for, in IPAM's words when they do not fit. */
    Ipam ipam(NetworkCreate request) {
        String cidr = request.subnet().isEmpty() ? nextSubnet() : checked(request.subnet());
        int base = Ipam.parse(cidr.substring(0, cidr.indexOf('/')));
        String gateway = request.gateway().isEmpty() ? Ipam.format(base + 1) : request.gateway();
        if (!request.gateway().isEmpty() && !contains(cidr, gateway + "/32")) {
            throw DockerException.invalid("failed to allocate gateway (" + gateway + "): Address out of range");
        }
        String range = request.ipRange().isEmpty() ? "" : checkedRange(request.ipRange(), cidr);
        return new Ipam(cidr, gateway, range);
    }

    private static String checkedRange(String range, String subnet) {
        String[] parts = range.split("/");
        try {
            int prefix = Integer.parseInt(parts[1]);
            Ipam.parse(parts[0]);
            if (parts[0].split("\\.").length != 4 || prefix < 8 || prefix > 32) {
                throw new NumberFormatException();
            }
        } catch (RuntimeException e) {
            throw DockerException.invalid("invalid CIDR address: " + range);
        }
        int prefix = Integer.parseInt(parts[1]);
        if (prefix < Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1)) || !contains(subnet, range)) {
            throw DockerException.invalid("invalid pool request: Pool " + range + " is not a sub-pool of " + subnet);
        }
        return range;
    }

    private void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw DockerException.invalid("invalid network name \"" + name + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        if (byName.containsKey(name)) {
            throw DockerException.conflict("network with name " + name + " already exists");
        }
    }

    Network create(String name, String subnet, Map<String, String> labels, String id) {
        checkName(name);
        String cidr = subnet == null || subnet.isEmpty() ? nextSubnet() : checked(subnet);
        int base = Ipam.parse(cidr.substring(0, cidr.indexOf('/')));
        Ipam ipam = new Ipam(cidr, Ipam.format(base + 1));
        String iface = kernel.layout().networkBridge(id);
        try (Tracer.Span s = tracer.open(Layer.DAEMON, null, "create network", name, "libnetwork gives the network " + name
                + " a bridge of its own, " + iface + ", and the subnet " + cidr + ": its containers share a switch no other network is plugged into.", "")) {
            libnetwork.createBridge(iface, ipam.gateway + "/" + ipam.prefix);
            Network n = new Network(id, name, NetworkDriver.BRIDGE, iface, ipam, kernel.currentTimeMillis(), labels, false);
            byName.put(name, n);
            if (n.ipam() != null) {
                n.ipam().shownBy(edits);
            }
            edits.mark(dev.glassbox.trace.StatePart.NETWORKS);
            events.network(n, "create", null);
            return n;
        }
    }

    /** The first free /16 after the default bridge's, as Docker's default address pool hands them out. */
    private String nextSubnet() {
        int base = Ipam.parse(kernel.layout().subnet().substring(0, kernel.layout().subnet().indexOf('/'))) & 0xffff0000;
        for (int i = 1; i < 256; i++) {
            String cidr = Ipam.format(base + (i << 16)) + "/16";
            if (!overlaps(cidr)) {
                return cidr;
            }
        }
        throw DockerException.server("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network");
    }

    private String checked(String cidr) {
        String[] parts = cidr.split("/");
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
            Ipam.parse(parts[0]);
            if (parts[0].split("\\.").length != 4 || prefix < 8 || prefix > 30) {
                throw new NumberFormatException();
            }
        } catch (RuntimeException e) {
            throw DockerException.invalid("invalid CIDR address: " + cidr);
        }
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        String normal = Ipam.format(Ipam.parse(parts[0]) & mask) + "/" + prefix;
        if (overlaps(normal)) {
            throw DockerException.invalid("invalid pool request: Pool overlaps with other one on this address space");
        }
        return normal;
    }

    private boolean overlaps(String cidr) {
        for (Network n : byName.values()) {
            if (n.bridged() && (contains(n.ipam().subnet, cidr) || contains(cidr, n.ipam().subnet))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String outer, String inner) {
        int prefix = Integer.parseInt(outer.substring(outer.indexOf('/') + 1));
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        int a = Ipam.parse(outer.substring(0, outer.indexOf('/')));
        int b = Ipam.parse(inner.substring(0, inner.indexOf('/')));
        return (a & mask) == (b & mask);
    }

    void remove(Network n, List<Container> attached) {
        if (n.predefined()) {
            throw DockerException.conflict(n.name() + " is a pre-defined network and cannot be removed");
        }
        if (!attached.isEmpty()) {
            List<String> eps = new ArrayList<>();
            attached.forEach(c -> eps.add("name:\"" + c.name + "\" id:\"" + c.id.substring(0, 12) + "\""));
            throw DockerException.conflict("error while removing network: network " + n.name() + " has active endpoints ("
                    + String.join(", ", eps) + ")");
        }
        if (n.driver() == NetworkDriver.OVERLAY) {
            try (Tracer.Span s = tracer.open(Layer.DAEMON, null, "remove network", n.name(), "The overlay network is the swarm's: the"
                    + " managers remove it, and every node's copy goes with it.", "")) {
                overlays.remove(n);
                events.network(n, "destroy", null);
            }
            return;
        }
        if (n.driver().onParent()) {
            try (Tracer.Span s = tracer.open(Layer.DAEMON, null, "remove network", n.name(), "No container is connected any more: the " + n.driver()
                    + " network is forgotten, and its parent " + n.parent() + " released if no other network hangs off it.", "")) {
                macvlan.removed(n);
                byName.remove(n.name());
                edits.mark(dev.glassbox.trace.StatePart.NETWORKS);
                events.network(n, "destroy", null);
            }
            return;
        }
        try (Tracer.Span s = tracer.open(Layer.DAEMON, null, "remove network", n.name(), "No container is connected any more: the network's bridge is deleted.", "")) {
            libnetwork.deleteBridge(n.bridge());
            byName.remove(n.name());
            edits.mark(dev.glassbox.trace.StatePart.NETWORKS);
            events.network(n, "destroy", null);
        }
    }

    void check(NetworkMode mode, Daemon daemon, boolean task) {
        if (mode instanceof NetworkMode.Joined j) {
            daemon.container(j.container());
        } else if (mode instanceof NetworkMode.Named n) {
            forContainer(n.network(), task);
        }
    }

    /**
     * The network a container asks for, by name or id: this node's own, or an overlay of the swarm, which the
     * node then holds a copy of ({@code task}: for a service's task, which may use one that is not attachable).
     */
    Network forContainer(String ref, boolean task) {
        try {
            return get(ref);
        } catch (DockerException e) {
            return overlays.forContainer(ref, task).orElseThrow(() -> e);
        }
    }

    /** The network a container's endpoint is on, or null for host, none and container:. */
    Network of(Container c) {
        NetworkMode mode = c.mode();
        return mode.hasEndpoint() ? byName.get(mode.network()) : null;
    }

    /** Whether the container has an endpoint on the network: its own, or one connected later. */
    boolean on(Container c, Network n) {
        if (of(c) == n) {
            return true;
        }
        for (Endpoint e : c.endpoints) {
            if (e.network.equals(n.name())) {
                return true;
            }
        }
        return false;
    }

    /** The container's address on the network, empty when it has none there. */
    String ipOn(Container c, Network n) {
        if (of(c) == n) {
            return c.ip;
        }
        for (Endpoint e : c.endpoints) {
            if (e.network.equals(n.name())) {
                return e.ip;
            }
        }
        return "";
    }

    void release(Container c) {
        Network n = of(c);
        if (n != null) {
            n.ipam().release(c.ip);
        }
    }

    RuntimeSpec.NetworkPlan plan(Container c, Daemon daemon) {
        NetworkMode mode = c.mode();
        if (mode instanceof NetworkMode.Host) {
            return new RuntimeSpec.NetworkPlan.Host();
        }
        if (mode instanceof NetworkMode.None) {
            return new RuntimeSpec.NetworkPlan.Isolated();
        }
        if (mode instanceof NetworkMode.Joined j) {
            Container other = daemon.container(j.container());
            if (!other.running()) {
                throw DockerException.conflict("cannot join network namespace of a non running container: container " + other.id + " is not running");
            }
            return new RuntimeSpec.NetworkPlan.Joined(other.sandbox);
        }
        Network n = get(mode.network());
        checkPorts(c, daemon);
        String ip = n.ipam().allocate();
        List<NatRule> nat = new ArrayList<>();
        if (n.driver().onParent()) { // the macvlan and ipvlan drivers program no port mapping: the container is reached at its own address
            return new RuntimeSpec.NetworkPlan.Attached(endpoint(n, "eth0", ip), n.ipam().gateway, nat);
        }
        if (n.driver() == NetworkDriver.OVERLAY) { // no way out of an overlay and no port mapping (Docker's docker_gwbridge is not simulated)
            return new RuntimeSpec.NetworkPlan.Attached(endpoint(n, "eth0", ip), null, nat);
        }
        for (PortBinding p : Views.published(c)) {
            int hostPort = p.hostPort() == 0 ? ephemeral(daemon, nat) : p.hostPort();
            nat.add(new NatRule(p.proto(), p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp(), hostPort, ip, p.containerPort(), n.bridge()));
        }
        return new RuntimeSpec.NetworkPlan.Attached(endpoint(n, "eth0", ip), n.ipam().gateway, nat);
    }

    /** The endpoint the network's driver makes for an interface: a veth on its bridge (with a fresh host-side name), or a macvlan child. */
    EndpointPlan endpoint(Network n, String ifname, String ip) {
        if (n.driver() == NetworkDriver.IPVLAN) {
            return new EndpointPlan.Ipvlan(n.parent(), ifname, ip, n.ipam().prefix);
        }
        if (n.driver() == NetworkDriver.MACVLAN) {
            return new EndpointPlan.Macvlan(n.parent(), MacvlanNetworks.mode(n.options().getOrDefault("macvlan_mode", "")), ifname, ip, n.ipam().prefix);
        }
        String veth = "veth" + HexFormat.of().formatHex(kernel.random(4)).substring(0, 7);
        if (n.driver() == NetworkDriver.OVERLAY) {
            return overlays.endpoint(n, ifname, ip, veth);
        }
        return new EndpointPlan.Veth(n.bridge(), veth, ifname, ip, n.ipam().prefix);
    }

    private void checkPorts(Container c, Daemon daemon) {
        for (PortBinding p : c.hostConfig.portBindings()) {
            if (p.hostPort() == 0) {
                continue;
            }
            for (Container other : daemon.containers.values()) {
                if (other != c && other.running()) {
                    for (NatRule r : other.nat) {
                        if (r.hostPort() == p.hostPort() && r.proto().equals(p.proto())) {
                            String ip = p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp();
                            throw DockerException.server("driver failed programming external connectivity on endpoint " + c.name + " ("
                                    + daemon.randomHex(32) + "): Bind for " + ip + ":" + p.hostPort() + " failed: port is already allocated");
                        }
                    }
                }
            }
        }
    }

    private int ephemeral(Daemon daemon, List<NatRule> planned) {
        int port = 32768;
        boolean used = true;
        while (used) {
            used = false;
            for (NatRule r : planned) {
                if (r.hostPort() == port) {
                    used = true;
                }
            }
            for (Container other : daemon.containers.values()) {
                for (NatRule r : other.nat) {
                    if (r.hostPort() == port) {
                        used = true;
                    }
                }
            }
            port += used ? 1 : 0;
        }
        return port;
    }
}
