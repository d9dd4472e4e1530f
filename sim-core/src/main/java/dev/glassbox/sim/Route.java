package dev.glassbox.sim;

import dev.glassbox.kernel.IpvsService;
import dev.glassbox.kernel.KernelEvent;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.PacketEvents;
import dev.glassbox.kernel.SysError;

/**
 * The path of one connection through the simulated network: DNAT for published ports (or, for a
 * connection to 127.0.0.1, docker-proxy's relay), then route lookup, veth crossings, bridge forwarding,
 * macvlan parents and the LAN until the namespace that owns the destination.
 */
final class Route {
    /** Where the connection ends, and its source as the server sees it (docker-proxy's own, after a relay). */
    record Found(SimKernel kernel, SimNet.NetNs ns, int dst, int port, int source, int sourcePort) {}

    /** The host the packet is on: it changes when the packet crosses the LAN to another host of the world. */
    private SimNet net;
    private SimKernel kernel;
    /** The packet as it travels, for the headers each hop shows: protocol, addresses, ports, TTL. */
    private String proto = "tcp";
    private int sourcePort;
    private int src;
    private int dstNow;
    private final Wires wires = new Wires();
    private int portNow;
    private int routed;

    /** A TCP connection's SYN from this source port. */
    Route tcp(int fromPort) {
        this.proto = "tcp";
        this.sourcePort = fromPort;
        return this;
    }

    /** An ICMP echo request. */
    Route icmp() {
        this.proto = "icmp";
        return this;
    }

    /** The links the packet crossed so far. */
    Wires wires() {
        return wires;
    }

    /** The packet's headers as tcpdump prints them, at this hop. */
    String header() {
        int ttl = 64 - Math.max(0, routed - 1);
        return proto.equals("icmp")
                ? "IP " + Ip.format(src) + " > " + Ip.format(dstNow) + ": ICMP echo request, ttl " + ttl
                : "IP " + Ip.format(src) + "." + sourcePort + " > " + Ip.format(dstNow) + "." + portNow + ": Flags [S], ttl " + ttl;
    }

    private void hop(KernelEvent e) {
        if (e.action().equals("route")) {
            routed++;
        }
        kernel.event(PacketEvents.withHeader(e, header()));
    }

    Route(SimNet net, SimKernel kernel) {
        this.net = net;
        this.kernel = kernel;
    }

    Found find(SimNet.NetNs from, int dst, int port) {
        SimNet.NetNs ns = from;
        int source = sourceAddress(from, dst);
        src = source;
        String ingress = null; // the bridge a packet came into the host's namespace on, from a container
        for (int hop = 0; hop < 16; hop++) {
            dstNow = dst;
            portNow = port;
            IpvsService lb = balancer(ns, dst, port);
            if (lb != null) {
                int nth = net.pick(lb);
                if (nth == 0) {
                    hop(PacketEvents.noBackend(Ip.format(dst), port));
                    throw SysError.econnrefused();
                }
                String chosen = lb.backends().get(nth - 1);
                hop(PacketEvents.ipvs(Ip.format(dst), port, chosen + ":" + lb.target(port), nth, lb.backends().size(), lb.vip().equals("0.0.0.0")));
                dst = Ip.parse(chosen);
                port = lb.target(port);
                if (lb.vip().equals("0.0.0.0")) {
                    source = ingressSource(dst, source);
                }
                ingress = null;
                continue;
            }
            if (ns == net.host && (ns.owns(dst) || dst == 0)) {
                boolean loopback = Ip.loopback(dst) || dst == 0;
                NatRule rule = loopback ? null : dnat(dst, port, ingress);
                if (rule != null) {
                    hop(PacketEvents.dnat(Ip.format(dst), port, rule));
                    dst = Ip.parse(rule.destIp());
                    port = rule.destPort();
                    ingress = null;
                    continue;
                }
                NatRule proxy = loopback || ingress != null ? find(net.proxies, dst == 0 ? Ip.parse("127.0.0.1") : dst, port) : null;
                if (proxy != null) {
                    hop(PacketEvents.proxied(Ip.format(dst), port, loopback, ingress, proxy));
                    dst = Ip.parse(proxy.destIp());
                    port = proxy.destPort();
                    source = sourceAddress(ns, dst);
                    src = source;
                    sourcePort = net.ephemeralPort();
                    ingress = null;
                    continue;
                }
            }
            if (ns.owns(dst)) {
                return new Found(kernel, ns, dst, port, source, sourcePort);
            }
            SimNet.Link out = egress(ns, dst);
            if (out == null) {
                hop(PacketEvents.noRoute(Ip.format(dst)));
                throw SysError.enetunreach();
            }
            if (child(out) || out.kind.equals("ether")) {
                SimNet.NetNs next = onSegment(ns, out, dst, source);
                if (next != null) {
                    ns = next;
                    source = src; // MASQUERADE may have rewritten it on the way out
                    ingress = null;
                    continue;
                }
                hop(PacketEvents.leavesMachine(Ip.format(dst), out.name));
                throw SysError.enetunreach();
            }
            if (ns == net.host && ingress != null && out.kind.equals("bridge") && !out.name.equals(ingress)) {
                hop(PacketEvents.isolated(Ip.format(dst), ingress, out.name));
                throw SysError.ehostunreach();
            }
            hop(PacketEvents.route(Ip.format(dst), out.name, null));
            if (out.kind.equals("bridge")) {
                ns = out.vni > 0 ? throughOverlay(out, dst, null) : throughBridge(out, dst, null);
                continue;
            }
            if (out.kind.equals("veth") && out.peer != null) {
                SimNet.Link in = out.peer;
                hop(PacketEvents.veth(out.name, in.name, in.ns == net.host));
                wires.crossed(out, in);
                if (in.master != null && in.master.vni > 0) {
                    ns = throughOverlay(in.master, dst, in);
                    ingress = null;
                } else if (in.master != null && !in.master.addresses.isEmpty() && Ip.contains(in.master.addresses.get(0), dst)
                        && Ip.address(in.master.addresses.get(0)) != dst) {
                    // on the bridge's subnet: the frame is switched to the port that answers ARP for dst
                    ns = throughBridge(in.master, dst, in);
                    ingress = null;
                } else {
                    // for the gateway or off the subnet: the frame is addressed to the bridge's MAC and goes up to the host's stack
                    ns = in.ns;
                    ingress = in.master != null ? in.master.name : null;
                }
                continue;
            }
            throw SysError.ehostunreach();
        }
        throw SysError.ehostunreach();
    }

    /**
     * A packet from a container's address that leaves the host by eth0 gets the host's address as its
     * source (Docker's MASQUERADE rule for the bridge's subnet), so the answer comes back to this host.
     */
    private int masquerade(SimNet.NetNs ns, SimNet.Link out, int source) {
        if (ns != net.host || net.host.owns(source)) {
            return source;
        }
        for (SimNet.Link br : net.host.links.values()) {
            if (br.kind.equals("bridge") && !br.addresses.isEmpty() && Ip.contains(br.addresses.get(0), source)) {
                int mine = Ip.address(out.addresses.get(0));
                hop(PacketEvents.masquerade(Ip.format(source), Ip.format(mine), out.name, br.name, Ip.network(br.addresses.get(0))));
                src = mine;
                return mine;
            }
        }
        return source;
    }

    /**
     * A packet that leaves by a link on an Ethernet segment: a macvlan child's frames go out through its
     * parent, a host's through its eth0. A sibling child of the same parent gets the frame inside the
     * parent (bridge mode); the parent's own host never does, in either direction, as on Linux; another
     * station on the LAN takes it off the wire. Answers the namespace the packet is in now, or null when
     * nobody on the segment has {@code dst} (the caller blocks it as leaving the machine).
     */
    private SimNet.NetNs onSegment(SimNet.NetNs ns, SimNet.Link out, int dst, int source) {
        boolean child = child(out);
        SimNet.Link wire = child ? out.lower : out;
        SimNet.Link sibling = SimLan.childOwning(kernel, wire, dst);
        if (sibling != null && !child) {
            hop(PacketEvents.hostToOwnMacvlanChild(Ip.format(dst), wire.name, sibling.kind));
            throw SysError.ehostunreach();
        }
        if (sibling != null) {
            hop(PacketEvents.routeViaParent(Ip.format(dst), out.name, wire.name, out.kind, null));
            hop(out.kind.equals("ipvlan") ? PacketEvents.ipvlanSwitch(out.name, Ip.format(dst), sibling.name, wire.name)
                    : PacketEvents.macvlanBridge(out.name, out.mac, Ip.format(dst), sibling.name, sibling.mac, wire.name));
            wires.crossed(out, sibling);
            return sibling.ns;
        }
        if (child && wire.ns.owns(dst)) {
            hop(PacketEvents.macvlanChildToOwnHost(Ip.format(dst), wire.name, out.kind));
            throw SysError.ehostunreach();
        }
        SimLan.Station st = kernel.lan != null && wire == SimLan.eth0(kernel) ? kernel.lan.station(dst, kernel) : null;
        if (st == null) {
            if (wire.kind.equals("dummy")) {
                hop(PacketEvents.dummyHasNoWire(Ip.format(dst), wire.name));
                throw SysError.ehostunreach();
            }
            return null;
        }
        hop(PacketEvents.routeViaParent(Ip.format(dst), out.name, child ? wire.name : null, out.kind, SimLan.SUBNET));
        masquerade(ns, out, source);
        cross(out, st, dst);
        return st.link().ns;
    }

    /** A macvlan or ipvlan child: a link on its parent's segment. */
    private static boolean child(SimNet.Link l) {
        return l.kind.equals("macvlan") || l.kind.equals("ipvlan");
    }

    /** The frame goes out onto the LAN and into the station that answered ARP for {@code dst}: the packet is now on that host. */
    private void cross(SimNet.Link out, SimLan.Station to, int dst) {
        SimNet.Link in = to.link();
        SimKernel peer = to.host();
        wires.crossed(out, in);
        hop(PacketEvents.lan(kernel.info().hostname(), out.name, out.mac, out.lower == null ? null : out.lower.name, SimLan.SUBNET,
                peer.info().hostname(), in.name, in.mac, in.lower == null ? null : in.kind + " child " + in.name, in.lower == null ? null
                : in.lower.name, Ip.format(dst)));
        net = peer.net;
        kernel = peer;
    }

    /**
     * The IPVS virtual service that takes this packet: the routing mesh's published port on an address of the
     * host (loopback too), or a service's virtual IP from any namespace; null when none does.
     */
    private IpvsService balancer(SimNet.NetNs ns, int dst, int port) {
        if (net.ipvs.isEmpty()) {
            return null;
        }
        boolean local = ns == net.host && (ns.owns(dst) || dst == 0);
        for (IpvsService s : net.ipvs) {
            if (s.proto().equals(proto) && s.matches(Ip.format(dst), port, local)) {
                return s;
            }
        }
        return null;
    }

    /** The routing mesh's SNAT: the source becomes this host's address on the overlay that reaches {@code backend}. */
    private int ingressSource(int backend, int source) {
        for (SimNet.Link l : net.host.links.values()) {
            if (l.vni > 0 && !l.addresses.isEmpty() && Ip.contains(l.addresses.get(0), backend)) {
                int mine = Ip.address(l.addresses.get(0));
                hop(PacketEvents.ingressSnat(Ip.format(source), Ip.format(mine), l.name));
                src = mine;
                return mine;
            }
        }
        return source;
    }

    /**
     * An overlay's bridge switches the frame to a local port that has {@code dst}; otherwise into its VXLAN port,
     * over the LAN inside a UDP packet to the host that has it, out of that host's VXLAN port and onto its bridge.
     */
    private SimNet.NetNs throughOverlay(SimNet.Link bridge, int dst, SimNet.Link arrivedOn) {
        SimNet.Link port = SimNet.portTo(net, bridge, dst, arrivedOn);
        if (port != null) {
            hop(PacketEvents.bridgeForward(bridge.name, Ip.format(dst), port.peer.mac, port.name));
            hop(PacketEvents.intoContainer(port.name, port.peer.name));
            wires.crossed(port, port.peer);
            return port.peer.ns;
        }
        SimNet.Link vx = net.host.links.values().stream().filter(l -> l.master == bridge && l.kind.equals("vxlan")).findFirst().orElse(null);
        SimLan.Vtep far = vx == null || kernel.lan == null ? null : kernel.lan.vtep(bridge.vni, dst, kernel);
        if (far == null) {
            hop(PacketEvents.noVtep(bridge.name, Ip.format(dst)));
            throw SysError.ehostunreach();
        }
        String me = SimLan.address(kernel);
        String them = SimLan.address(far.host());
        hop(PacketEvents.overlayForward(bridge.name, Ip.format(dst), vx.name, them, far.host().info().hostname()));
        hop(PacketEvents.vxlanEncap(vx.name, bridge.vni, me, them, 32768 + Math.floorMod(src * 31 + sourcePort, 28232)));
        SimNet.Link out = SimLan.eth0(kernel);
        SimNet.Link in = SimLan.eth0(far.host());
        wires.crossed(out, in);
        hop(PacketEvents.lan(kernel.info().hostname(), out.name, out.mac, null, SimLan.SUBNET, far.host().info().hostname(), in.name, in.mac,
                null, null, them));
        net = far.host().net;
        kernel = far.host();
        hop(PacketEvents.vxlanDecap(far.vxlan().name, bridge.vni, far.bridge().name));
        SimNet.Link there = SimNet.portTo(net, far.bridge(), dst, null);
        if (there == null) {
            return net.host; // the host's own address on the overlay (the ingress load balancer's)
        }
        hop(PacketEvents.bridgeForward(far.bridge().name, Ip.format(dst), there.peer.mac, there.name));
        hop(PacketEvents.intoContainer(there.name, there.peer.name));
        wires.crossed(there, there.peer);
        return there.peer.ns;
    }

    private SimNet.NetNs throughBridge(SimNet.Link bridge, int dst, SimNet.Link arrivedOn) {
        for (SimNet.Link port : net.host.links.values()) {
            if (port.master == bridge && port != arrivedOn && port.up && port.peer != null && port.peer.ns.owns(dst)) {
                hop(PacketEvents.bridgeForward(bridge.name, Ip.format(dst), port.peer.mac, port.name));
                hop(PacketEvents.intoContainer(port.name, port.peer.name));
                wires.crossed(port, port.peer);
                return port.peer.ns;
            }
        }
        hop(PacketEvents.unreachable(bridge.name, Ip.format(dst)));
        throw SysError.ehostunreach();
    }

    /** The DNAT rule for this packet: as {@link #find}, but not a rule whose {@code ! -i BRIDGE} excludes the bridge it came in on. */
    private NatRule dnat(int dst, int port, String ingress) {
        return find(net.nat.stream().filter(r -> !r.bridge().equals(ingress)).toList(), dst, port);
    }

    /** The rule for this protocol and port whose host address is {@code dst} or any (0.0.0.0). */
    private NatRule find(java.util.List<NatRule> rules, int dst, int port) {
        for (NatRule r : rules) {
            if (r.hostPort() == port && r.proto().equals(proto) && (r.hostIp().equals("0.0.0.0") || Ip.parse(r.hostIp()) == dst)) {
                return r;
            }
        }
        return null;
    }

    private static SimNet.Link egress(SimNet.NetNs ns, int dst) {
        SimNet.Link best = null;
        int bestPrefix = -1;
        for (SimNet.Link l : ns.links.values()) {
            if (!l.up || l.master != null) {
                continue;
            }
            for (String cidr : l.addresses) {
                if (Ip.contains(cidr, dst) && Ip.prefix(cidr) > bestPrefix) {
                    best = l;
                    bestPrefix = Ip.prefix(cidr);
                }
            }
        }
        if (best != null) {
            return best;
        }
        for (Sys.Route r : ns.routes) {
            if (r.destination().equals("default")) {
                SimNet.Link l = ns.links.get(r.device());
                return l != null && l.up ? l : null;
            }
        }
        return null;
    }

    private static int sourceAddress(SimNet.NetNs ns, int dst) {
        if (Ip.loopback(dst)) {
            return Ip.parse("127.0.0.1");
        }
        if (ns.owns(dst)) {
            return dst; // a local destination is routed through lo with itself as the source (ip route get: local … src …)
        }
        SimNet.Link out = egress(ns, dst);
        if (out != null && !out.addresses.isEmpty()) {
            return Ip.address(out.addresses.get(0));
        }
        return 0;
    }
}
