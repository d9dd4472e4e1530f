package dev.glassbox.sim;

import dev.glassbox.kernel.NatRule;
import dev.glassbox.trace.Subsystem;

/**
 * The path of one connection through the simulated network: DNAT for published ports, then route
 * lookup, veth crossings and bridge forwarding until the namespace that owns the destination.
 */
final class Route {
    record Found(SimNet.NetNs ns, int dst, int port, int source) {}

    private final SimNet net;
    private final SimKernel kernel;

    Route(SimNet net, SimKernel kernel) {
        this.net = net;
        this.kernel = kernel;
    }

    Found find(SimNet.NetNs from, int dst, int port) {
        SimNet.NetNs ns = from;
        int source = sourceAddress(from, dst);
        for (int hop = 0; hop < 16; hop++) {
            if (ns == net.host && (ns.owns(dst) || dst == 0)) {
                NatRule rule = natFor(port);
                if (rule != null) {
                    kernel.event(Subsystem.NETWORK, "DNAT", Ip.format(dst) + ":" + port, "Port " + port + " is published: the nat table rewrites the destination to "
                            + rule.destIp() + ":" + rule.destPort() + ".", rule.iptables());
                    dst = Ip.parse(rule.destIp());
                    port = rule.destPort();
                    continue;
                }
            }
            if (ns.owns(dst)) {
                return new Found(ns, dst, port, source);
            }
            SimNet.Link out = egress(ns, dst);
            if (out == null) {
                kernel.event(Subsystem.NETWORK, "no route", Ip.format(dst), "No route in this namespace leads to " + Ip.format(dst) + ".",
                        "connect() = -1 ENETUNREACH");
                throw SysError.enetunreach();
            }
            if (out.kind.equals("ether")) {
                kernel.event(Subsystem.NETWORK, "blocked", Ip.format(dst), "The packet would leave the machine through " + out.name
                        + "; glassbox keeps all traffic inside this host.", "connect() = -1 ENETUNREACH");
                throw SysError.enetunreach();
            }
            kernel.event(Subsystem.NETWORK, "route", Ip.format(dst), "The routing table sends packets for " + Ip.format(dst) + " out of "
                    + out.name + ".", "ip route get " + Ip.format(dst) + " → dev " + out.name);
            if (out.kind.equals("bridge")) {
                ns = throughBridge(out, dst, null);
                continue;
            }
            if (out.kind.equals("veth") && out.peer != null) {
                SimNet.Link in = out.peer;
                kernel.event(Subsystem.NETWORK, "veth", out.name + "→" + in.name, "The packet goes into " + out.name + " and comes out of its peer "
                        + in.name + (in.ns == net.host ? " on the host." : "."), out.name + " → " + in.name);
                if (in.master != null && !in.master.addresses.isEmpty() && Ip.address(in.master.addresses.get(0)) != dst) {
                    ns = throughBridge(in.master, dst, in);
                } else {
                    ns = in.ns;
                }
                continue;
            }
            throw SysError.ehostunreach();
        }
        throw SysError.ehostunreach();
    }

    private SimNet.NetNs throughBridge(SimNet.Link bridge, int dst, SimNet.Link arrivedOn) {
        for (SimNet.Link port : net.host.links.values()) {
            if (port.master == bridge && port != arrivedOn && port.up && port.peer != null && port.peer.ns.owns(dst)) {
                kernel.event(Subsystem.NETWORK, "bridge forward", bridge.name, bridge.name + " looks up " + Ip.format(dst)
                        + "'s MAC address " + port.peer.mac + " and forwards the frame out of port " + port.name + ".",
                        "bridge fdb: " + port.peer.mac + " dev " + port.name);
                kernel.event(Subsystem.NETWORK, "veth", port.name + "→" + port.peer.name, "The frame crosses " + port.name
                        + " into the container's " + port.peer.name + ".", port.name + " → " + port.peer.name);
                return port.peer.ns;
            }
        }
        kernel.event(Subsystem.NETWORK, "unreachable", Ip.format(dst), "No port of " + bridge.name + " answers ARP for " + Ip.format(dst) + ".",
                "arp: " + Ip.format(dst) + " incomplete");
        throw SysError.ehostunreach();
    }

    private NatRule natFor(int port) {
        for (NatRule r : net.nat) {
            if (r.hostPort() == port) {
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
        if (Ip.loopback(dst) || ns.owns(dst)) {
            return Ip.parse("127.0.0.1");
        }
        SimNet.Link out = egress(ns, dst);
        if (out != null && !out.addresses.isEmpty()) {
            return Ip.address(out.addresses.get(0));
        }
        return 0;
    }
}
