package dev.glassbox.kernel;

import dev.glassbox.trace.Subsystem;

/**
 * The hops of a packet as a kernel routes it: NAT, the proxy, routing decisions, veth pairs,
 * bridges, the LAN between hosts, and where it is dropped. Addresses come in as text; the
 * equivalent is the rule or table lookup that decided the hop (the kernel appends the packet's
 * header as tcpdump shows it).
 */
public final class PacketEvents {
    private PacketEvents() {
    }

    private static KernelEvent of(String action, String object, String sentence, String equivalent) {
        return new KernelEvent(Subsystem.NETWORK, action, object, sentence, equivalent);
    }

    public static KernelEvent dnat(String dst, int port, NatRule rule) {
        return of("DNAT", dst + ":" + port, "Port " + port + " is published: the nat table rewrites the destination to "
                + rule.destIp() + ":" + rule.destPort() + ".", rule.iptables());
    }

    /** docker-proxy takes a connection the DNAT rule does not see: loopback traffic, or one that came in on {@code ingress}. */
    public static KernelEvent proxied(String dst, int port, boolean loopback, String ingress, NatRule proxy) {
        return of("proxy", dst + ":" + port, (loopback ? "Loopback traffic is never NATed"
                : "The DNAT rule skips packets that come in on " + ingress + " (! -i " + ingress + "), so a container's connection to an address of the host is not rewritten")
                + ": docker-proxy accepts the connection on " + dst + ":" + port + " and opens one of its own to "
                + proxy.destIp() + ":" + proxy.destPort() + ".", proxy.proxyCommand());
    }

    public static KernelEvent noRoute(String dst) {
        return of("no route", dst, "No route in this namespace leads to " + dst + ".", "connect() = -1 ENETUNREACH");
    }

    /** The routing table picks {@code out}; {@code lan} names the LAN when the address is on it (null otherwise). */
    public static KernelEvent route(String dst, String out, String lan) {
        return of("route", dst, "The routing table sends packets for " + dst + " out of " + out
                + (lan == null ? "." : ": it is on the LAN " + lan + "."), "ip route get " + dst + " → dev " + out);
    }

    public static KernelEvent leavesMachine(String dst, String out) {
        return of("blocked", dst, "The packet would leave the machine through " + out
                + "; glassbox keeps all traffic inside this host.", "connect() = -1 ENETUNREACH");
    }

    public static KernelEvent isolated(String dst, String ingress, String out) {
        return of("blocked", dst, "The packet came in on " + ingress + " and would go out of " + out
                + ": Docker's isolation rules drop traffic between two bridge networks.",
                "iptables -A DOCKER-ISOLATION-STAGE-2 -o " + out + " -j DROP");
    }

    /** Through a veth pair from {@code out} to {@code in}, which is on the host when {@code onHost}. */
    public static KernelEvent veth(String out, String in, boolean onHost) {
        return of("veth", out + "→" + in, "The packet goes into " + out + " and comes out of its peer "
                + in + (onHost ? " on the host." : "."), out + " → " + in);
    }

    /** MASQUERADE of a container's {@code source} to the host's {@code mine} as it leaves by {@code out}. */
    public static KernelEvent masquerade(String source, String mine, String out, String bridge, String network) {
        return of("MASQUERADE", source + "→" + mine, "The packet leaves by " + out + " from "
                + source + ", an address of " + bridge + " that only this host knows: the nat table's POSTROUTING"
                + " rewrites its source to " + mine + " and remembers the connection, to undo it on the answer.",
                "iptables -t nat -A POSTROUTING -s " + network + " ! -o " + bridge + " -j MASQUERADE");
    }

    /**
     * The frame crosses the LAN from this host's {@code out} to {@code peer}'s {@code in}; {@code outParent} and
     * {@code inParent} name the parent link when that end is a macvlan child (null otherwise).
     */
    public static KernelEvent lan(String host, String out, String outMac, String outParent, String lan, String peer, String in,
            String inMac, String inParent, String dst) {
        String leaves = outParent != null ? out + " (" + outMac + "), through its parent " + outParent + "," : out + " (" + outMac + ")";
        String takes = inParent != null ? "the macvlan child " + in + " (" + inMac + ") that hangs off " + inParent + " of " + peer
                : in + " of " + peer + " (" + inMac + ")";
        return of("LAN", host + " → " + peer, "The frame leaves " + leaves + " onto the LAN " + lan + "; " + takes
                + " answered ARP for " + dst + " and takes it in.", "arp " + dst + " is-at " + inMac + ": " + out + " → " + peer + ":" + in);
    }

    /** The routing table picks {@code out}, a macvlan child of {@code parent} when that is not null; {@code lan} as in {@link #route}. */
    public static KernelEvent routeViaParent(String dst, String out, String parent, String lan) {
        return of("route", dst, "The routing table sends packets for " + dst + " out of " + out
                + (parent == null ? "" : ", a macvlan child of " + parent) + (lan == null ? "." : ": it is on the LAN " + lan + "."),
                "ip route get " + dst + " → dev " + out);
    }

    /** Two macvlan children of {@code parent} in bridge mode: the parent switches the frame between them. */
    public static KernelEvent macvlanBridge(String out, String outMac, String dst, String sibling, String siblingMac, String parent) {
        return of("macvlan bridge", parent, "Both " + out + " (" + outMac + ") and " + dst + "'s " + sibling + " (" + siblingMac
                + ") are macvlan children of " + parent + " in bridge mode: " + parent
                + " switches the frame straight from one to the other; it never reaches the wire or the host's stack.",
                "macvlan bridge mode: " + outMac + " → " + siblingMac + " inside " + parent);
    }

    public static KernelEvent hostToOwnMacvlanChild(String dst, String parent) {
        return of("blocked", dst, dst + " is a macvlan child of this host's own " + parent + ": frames the host sends out of " + parent
                + " go onto the wire and never come back into its children, so a host cannot reach its own macvlan containers"
                + " through their parent.", "ping " + dst + " from the host → no answer (macvlan isolates the parent)");
    }

    public static KernelEvent macvlanChildToOwnHost(String dst, String parent) {
        return of("blocked", dst, dst + " is the address of the host that owns " + parent + ", this macvlan child's parent: the"
                + " parent hands its children's frames to each other or to the wire, never up to its own host, so the container"
                + " cannot reach its host this way.", "ping " + dst + " → no answer (macvlan isolates the parent)");
    }

    public static KernelEvent dummyHasNoWire(String dst, String parent) {
        return of("blocked", dst, parent + " is a dummy link: it has no wire, so only its own macvlan children answer there, and none has "
                + dst + ".", "arp: " + dst + " incomplete");
    }

    public static KernelEvent bridgeForward(String bridge, String dst, String mac, String port) {
        return of("bridge forward", bridge, bridge + " looks up " + dst + "'s MAC address " + mac + " and forwards the frame out of port "
                + port + ".", "bridge fdb: " + mac + " dev " + port);
    }

    public static KernelEvent intoContainer(String port, String peer) {
        return of("veth", port + "→" + peer, "The frame crosses " + port + " into the container's " + peer + ".", port + " → " + peer);
    }

    public static KernelEvent unreachable(String bridge, String dst) {
        return of("unreachable", dst, "No port of " + bridge + " answers ARP for " + dst + ".", "arp: " + dst + " incomplete");
    }

    /** The same hop with the packet's header, as tcpdump prints it there, after its equivalent. */
    public static KernelEvent withHeader(KernelEvent e, String header) {
        return new KernelEvent(e.subsystem(), e.action(), e.object(), e.sentence(), e.equivalent() + "   [" + header + "]");
    }
}
