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
     * The frame crosses the LAN from this host's {@code out} to {@code peer}'s {@code in}; {@code outParent} names the parent
     * link when the sending end is a macvlan or ipvlan child, {@code inChild} and {@code inParent} the receiving child
     * ("macvlan child eth0") and its parent (null otherwise).
     */
    public static KernelEvent lan(String host, String out, String outMac, String outParent, String lan, String peer, String in,
            String inMac, String inChild, String inParent, String dst) {
        String leaves = outParent != null ? out + " (" + outMac + "), through its parent " + outParent + "," : out + " (" + outMac + ")";
        String takes = inParent != null ? "the " + inChild + " (" + inMac + ") that hangs off " + inParent + " of " + peer
                : in + " of " + peer + " (" + inMac + ")";
        return of("LAN", host + " → " + peer, "The frame leaves " + leaves + " onto the LAN " + lan + "; " + takes
                + " answered ARP for " + dst + " and takes it in.", "arp " + dst + " is-at " + inMac + ": " + out + " → " + peer + ":" + in);
    }

    /** The routing table picks {@code out}, a {@code kind} (macvlan, ipvlan) child of {@code parent} when that is not null; {@code lan} as in {@link #route}. */
    public static KernelEvent routeViaParent(String dst, String out, String parent, String kind, String lan) {
        return of("route", dst, "The routing table sends packets for " + dst + " out of " + out
                + (parent == null ? "" : ", " + (kind.startsWith("i") ? "an " : "a ") + kind + " child of " + parent)
                + (lan == null ? "." : ": it is on the LAN " + lan + "."),
                "ip route get " + dst + " → dev " + out);
    }

    /** Two macvlan children of {@code parent} in bridge mode: the parent switches the frame between them. */
    public static KernelEvent macvlanBridge(String out, String outMac, String dst, String sibling, String siblingMac, String parent) {
        return of("macvlan bridge", parent, "Both " + out + " (" + outMac + ") and " + dst + "'s " + sibling + " (" + siblingMac
                + ") are macvlan children of " + parent + " in bridge mode: " + parent
                + " switches the frame straight from one to the other; it never reaches the wire or the host's stack.",
                "macvlan bridge mode: " + outMac + " → " + siblingMac + " inside " + parent);
    }

    public static KernelEvent hostToOwnMacvlanChild(String dst, String parent, String kind) {
        return of("blocked", dst, dst + " is " + (kind.startsWith("i") ? "an " : "a ") + kind + " child of this host's own " + parent
                + ": frames the host sends out of " + parent + " go onto the wire and never come back into its children, so a host cannot"
                + " reach its own " + kind + " containers through their parent.", "ping " + dst + " from the host → no answer (" + kind
                + " isolates the parent)");
    }

    public static KernelEvent macvlanChildToOwnHost(String dst, String parent, String kind) {
        return of("blocked", dst, dst + " is the address of the host that owns " + parent + ", this " + kind + " child's parent: the"
                + " parent hands its children's frames to each other or to the wire, never up to its own host, so the container"
                + " cannot reach its host this way.", "ping " + dst + " → no answer (" + kind + " isolates the parent)");
    }

    /** Two ipvlan l2 children of {@code parent}: they share its MAC, so the parent picks the receiver by its IP address. */
    public static KernelEvent ipvlanSwitch(String out, String dst, String sibling, String parent) {
        return of("ipvlan l2", parent, out + " and " + dst + "'s " + sibling + " are ipvlan children of " + parent + " and carry its MAC"
                + " address alike: " + parent + " hands the frame to the child that has " + dst + ", without it reaching the wire or the"
                + " host's stack.", "ipvlan l2: " + out + " → " + sibling + " by IP inside " + parent);
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

    /** IPVS picks backend {@code chosen} (the {@code nth} of {@code count}, round robin) for a connection to {@code dst:port}. */
    public static KernelEvent ipvs(String dst, int port, String chosen, int nth, int count, boolean mesh) {
        return of("IPVS", dst + ":" + port, (mesh ? "Port " + port + " is published through swarm's routing mesh, on every host of the swarm"
                : dst + " is a service's virtual IP: no interface has it") + "; IPVS picks task " + nth + " of " + count + " in turn and"
                + " rewrites the destination to " + chosen + ".", "ipvsadm -L -n → " + chosen + " (rr)");
    }

    public static KernelEvent noBackend(String dst, int port) {
        return of("refused", dst + ":" + port, "IPVS has no running task behind " + dst + ":" + port + ", so nothing accepts the connection.",
                "ipvsadm -L -n → (no real servers)");
    }

    /** The ingress load balancer rewrites the source, so the task's answer comes back through it. */
    public static KernelEvent ingressSnat(String source, String mine, String bridge) {
        return of("SNAT", source + "→" + mine, "The routing mesh rewrites the source to " + mine + ", this host's address on the ingress"
                + " network (" + bridge + "): the task answers the load balancer, which answers the client.",
                "iptables -t nat -A POSTROUTING -m ipvs --ipvs -j SNAT --to-source " + mine);
    }

    /** The overlay's bridge sends the frame into the VXLAN port: its FDB says which host has {@code dst}. */
    public static KernelEvent overlayForward(String bridge, String dst, String vxlan, String vtep, String host) {
        return of("bridge forward", bridge, "No port of " + bridge + " on this host has " + dst + ": the overlay's forwarding table, which"
                + " swarm's gossip fills with every task's address and host, sends the frame into " + vxlan + " for the VTEP " + vtep
                + " (" + host + ").", "bridge fdb: " + dst + " dev " + vxlan + " dst " + vtep);
    }

    /** Encapsulation: the whole frame becomes the payload of a UDP packet between the two hosts. */
    public static KernelEvent vxlanEncap(String vxlan, int vni, String from, String to, int sourcePort) {
        return of("VXLAN encap", vxlan, vxlan + " wraps the Ethernet frame in a VXLAN header (VNI " + vni + ") inside a UDP packet from "
                + from + " to " + to + ", port " + Overlays.VXLAN_PORT + ": the LAN sees only the outer packet between the hosts.",
                "IP " + from + "." + sourcePort + " > " + to + "." + Overlays.VXLAN_PORT + ": VXLAN, flags [I] (0x08), vni " + vni);
    }

    public static KernelEvent vxlanDecap(String vxlan, int vni, String bridge) {
        return of("VXLAN decap", vxlan, "UDP port " + Overlays.VXLAN_PORT + " delivers the packet to " + vxlan + ", whose VNI " + vni
                + " it carries: the outer headers come off and the original frame goes onto " + bridge + ".", "vxlan " + vxlan + " vni " + vni
                + " → " + bridge);
    }

    public static KernelEvent noVtep(String bridge, String dst) {
        return of("unreachable", dst, "No port of " + bridge + " has " + dst + ", and no host of the overlay has announced it.",
                "bridge fdb: no entry for " + dst);
    }

    public static KernelEvent unreachable(String bridge, String dst) {
        return of("unreachable", dst, "No port of " + bridge + " answers ARP for " + dst + ".", "arp: " + dst + " incomplete");
    }

    /** The same hop with the packet's header, as tcpdump prints it there, after its equivalent. */
    public static KernelEvent withHeader(KernelEvent e, String header) {
        return new KernelEvent(e.subsystem(), e.action(), e.object(), e.sentence(), e.equivalent() + "   [" + header + "]");
    }
}
