package dev.glassbox.sim;

import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.SysError;
import dev.glassbox.trace.Subsystem;

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

    /** The packet's headers as tcpdump prints them, at this hop. */
    String header() {
        int ttl = 64 - Math.max(0, routed - 1);
        return proto.equals("icmp")
                ? "IP " + Ip.format(src) + " > " + Ip.format(dstNow) + ": ICMP echo request, ttl " + ttl
                : "IP " + Ip.format(src) + "." + sourcePort + " > " + Ip.format(dstNow) + "." + portNow + ": Flags [S], ttl " + ttl;
    }

    private void hop(String action, String object, String sentence, String equivalent) {
        if (action.equals("route")) {
            routed++;
        }
        kernel.event(Subsystem.NETWORK, action, object, sentence, equivalent + "   [" + header() + "]");
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
            if (ns == net.host && (ns.owns(dst) || dst == 0)) {
                boolean loopback = Ip.loopback(dst) || dst == 0;
                NatRule rule = loopback ? null : dnat(dst, port, ingress);
                if (rule != null) {
                    hop("DNAT", Ip.format(dst) + ":" + port, "Port " + port + " is published: the nat table rewrites the destination to "
                            + rule.destIp() + ":" + rule.destPort() + ".", rule.iptables());
                    dst = Ip.parse(rule.destIp());
                    port = rule.destPort();
                    ingress = null;
                    continue;
                }
                NatRule proxy = loopback || ingress != null ? find(net.proxies, dst == 0 ? Ip.parse("127.0.0.1") : dst, port) : null;
                if (proxy != null) {
                    hop("proxy", Ip.format(dst) + ":" + port, (loopback ? "Loopback traffic is never NATed"
                            : "The DNAT rule skips packets that come in on " + ingress + " (! -i " + ingress + "), so a container's connection to an address of the host is not rewritten")
                            + ": docker-proxy accepts the connection on " + Ip.format(dst) + ":" + port + " and opens one of its own to "
                            + proxy.destIp() + ":" + proxy.destPort() + ".", proxy.proxyCommand());
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
                hop("no route", Ip.format(dst), "No route in this namespace leads to " + Ip.format(dst) + ".",
                        "connect() = -1 ENETUNREACH");
                throw SysError.enetunreach();
            }
            if (out.kind.equals("macvlan") || out.kind.equals("ether")) {
                SimNet.NetNs next = onSegment(ns, out, dst, source);
                if (next != null) {
                    ns = next;
                    source = src; // MASQUERADE may have rewritten it on the way out
                    ingress = null;
                    continue;
                }
            }
            if (out.kind.equals("ether") || out.kind.equals("macvlan")) {
                hop("blocked", Ip.format(dst), "The packet would leave the machine through " + out.name
                        + "; glassbox keeps all traffic inside this host.", "connect() = -1 ENETUNREACH");
                throw SysError.enetunreach();
            }
            if (ns == net.host && ingress != null && out.kind.equals("bridge") && !out.name.equals(ingress)) {
                hop("blocked", Ip.format(dst), "The packet came in on " + ingress + " and would go out of " + out.name
                        + ": Docker's isolation rules drop traffic between two bridge networks.",
                        "iptables -A DOCKER-ISOLATION-STAGE-2 -o " + out.name + " -j DROP");
                throw SysError.ehostunreach();
            }
            hop("route", Ip.format(dst), "The routing table sends packets for " + Ip.format(dst) + " out of "
                    + out.name + ".", "ip route get " + Ip.format(dst) + " → dev " + out.name);
            if (out.kind.equals("bridge")) {
                ns = throughBridge(out, dst, null);
                continue;
            }
            if (out.kind.equals("veth") && out.peer != null) {
                SimNet.Link in = out.peer;
                hop("veth", out.name + "→" + in.name, "The packet goes into " + out.name + " and comes out of its peer "
                        + in.name + (in.ns == net.host ? " on the host." : "."), out.name + " → " + in.name);
                if (in.master != null && !in.master.addresses.isEmpty() && Ip.contains(in.master.addresses.get(0), dst)
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
                hop("MASQUERADE", Ip.format(source) + "→" + Ip.format(mine), "The packet leaves by " + out.name + " from "
                        + Ip.format(source) + ", an address of " + br.name + " that only this host knows: the nat table's POSTROUTING"
                        + " rewrites its source to " + Ip.format(mine) + " and remembers the connection, to undo it on the answer.",
                        "iptables -t nat -A POSTROUTING -s " + Ip.network(br.addresses.get(0)) + " ! -o " + br.name + " -j MASQUERADE");
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
        boolean child = out.kind.equals("macvlan");
        SimNet.Link wire = child ? out.lower : out;
        SimNet.Link sibling = SimLan.childOwning(kernel, wire, dst);
        if (sibling != null && !child) {
            hop("blocked", Ip.format(dst), Ip.format(dst) + " is a macvlan child of this host's own " + wire.name + ": frames the host sends out"
                    + " of " + wire.name + " go onto the wire and never come back into its children, so a host cannot reach its own macvlan"
                    + " containers through their parent.", "ping " + Ip.format(dst) + " from the host → no answer (macvlan isolates the parent)");
            throw SysError.ehostunreach();
        }
        if (sibling != null) {
            hop("route", Ip.format(dst), "The routing table sends packets for " + Ip.format(dst) + " out of " + out.name
                    + ", a macvlan child of " + wire.name + ".", "ip route get " + Ip.format(dst) + " → dev " + out.name);
            hop("macvlan bridge", wire.name, "Both " + out.name + " (" + out.mac + ") and " + Ip.format(dst) + "'s " + sibling.name + " ("
                    + sibling.mac + ") are macvlan children of " + wire.name + " in bridge mode: " + wire.name
                    + " switches the frame straight from one to the other; it never reaches the wire or the host's stack.",
                    "macvlan bridge mode: " + out.mac + " → " + sibling.mac + " inside " + wire.name);
            return sibling.ns;
        }
        if (child && wire.ns.owns(dst)) {
            hop("blocked", Ip.format(dst), Ip.format(dst) + " is the address of the host that owns " + wire.name + ", this macvlan child's"
                    + " parent: the parent hands its children's frames to each other or to the wire, never up to its own host, so the"
                    + " container cannot reach its host this way.", "ping " + Ip.format(dst) + " → no answer (macvlan isolates the parent)");
            throw SysError.ehostunreach();
        }
        SimLan.Station st = kernel.lan != null && wire == SimLan.eth0(kernel) ? kernel.lan.station(dst, kernel) : null;
        if (st == null) {
            if (wire.kind.equals("dummy")) {
                hop("blocked", Ip.format(dst), wire.name + " is a dummy link: it has no wire, so only its own macvlan children answer"
                        + " there, and none has " + Ip.format(dst) + ".", "arp: " + Ip.format(dst) + " incomplete");
                throw SysError.ehostunreach();
            }
            return null;
        }
        hop("route", Ip.format(dst), "The routing table sends packets for " + Ip.format(dst) + " out of " + out.name
                + (child ? ", a macvlan child of " + wire.name : "") + ": it is on the LAN " + SimLan.SUBNET + ".",
                "ip route get " + Ip.format(dst) + " → dev " + out.name);
        masquerade(ns, out, source);
        cross(out, st, dst);
        return st.link().ns;
    }

    /** The frame goes out onto the LAN and into the station that answered ARP for {@code dst}: the packet is now on that host. */
    private void cross(SimNet.Link out, SimLan.Station to, int dst) {
        SimNet.Link in = to.link();
        SimKernel peer = to.host();
        String leaves = out.lower != null ? out.name + " (" + out.mac + "), through its parent " + out.lower.name + "," : out.name + " (" + out.mac + ")";
        String takes = in.lower != null ? "the macvlan child " + in.name + " (" + in.mac + ") that hangs off " + in.lower.name + " of "
                + peer.info().hostname() : in.name + " of " + peer.info().hostname() + " (" + in.mac + ")";
        hop("LAN", kernel.info().hostname() + " → " + peer.info().hostname(), "The frame leaves " + leaves + " onto the LAN " + SimLan.SUBNET
                + "; " + takes + " answered ARP for " + Ip.format(dst) + " and takes it in.", "arp " + Ip.format(dst) + " is-at " + in.mac
                + ": " + out.name + " → " + peer.info().hostname() + ":" + in.name);
        net = peer.net;
        kernel = peer;
    }

    private SimNet.NetNs throughBridge(SimNet.Link bridge, int dst, SimNet.Link arrivedOn) {
        for (SimNet.Link port : net.host.links.values()) {
            if (port.master == bridge && port != arrivedOn && port.up && port.peer != null && port.peer.ns.owns(dst)) {
                hop("bridge forward", bridge.name, bridge.name + " looks up " + Ip.format(dst)
                        + "'s MAC address " + port.peer.mac + " and forwards the frame out of port " + port.name + ".",
                        "bridge fdb: " + port.peer.mac + " dev " + port.name);
                hop("veth", port.name + "→" + port.peer.name, "The frame crosses " + port.name
                        + " into the container's " + port.peer.name + ".", port.name + " → " + port.peer.name);
                return port.peer.ns;
            }
        }
        hop("unreachable", Ip.format(dst), "No port of " + bridge.name + " answers ARP for " + Ip.format(dst) + ".",
                "arp: " + Ip.format(dst) + " incomplete");
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
