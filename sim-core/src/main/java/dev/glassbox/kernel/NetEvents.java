package dev.glassbox.kernel;

import dev.glassbox.trace.StatePart;
import dev.glassbox.trace.Subsystem;

/**
 * The network steps both kernels record: the bridge, veth pairs, addresses, routes and links,
 * published ports (the DNAT rule and docker-proxy), the embedded DNS, connections, and the sim's
 * netlink requests. The equivalent (ip, iptables or netlink, naming host paths) is passed in.
 * Where the Linux kernel does a step differently (a proxy on the bridge's own address, a deletion
 * the kernel finishes in the background) the catalog has that sentence beside the sim's.
 */
public final class NetEvents {
    private NetEvents() {
    }

    private static KernelEvent of(String action, String object, String sentence, String equivalent) {
        return new KernelEvent(Subsystem.NETWORK, action, object, sentence, equivalent);
    }

    private static final java.util.Set<StatePart> LINKS = java.util.Set.of(StatePart.LINKS, StatePart.ROUTES);
    private static final java.util.Set<StatePart> ALL = java.util.Set.of(StatePart.LINKS, StatePart.ROUTES, StatePart.NAT, StatePart.PROXIES);

    /**
     * The parts of the state a network step with this action edits: a link made, moved, brought up or down or deleted
     * (its routes with it), a route, a DNAT rule, a proxy; a connection or a ping edits none. Any other step (a netlink
     * request, IPVS) counts as editing them all.
     */
    public static java.util.Set<StatePart> edits(String action) {
        switch (action) {
            case "refused": case "connected": case "echo reply": case "embedded DNS":
                return java.util.Set.of();
            case "create bridge": case "add address": case "create veth": case "attach to bridge": case "link up": case "delete link":
                return LINKS;
            case "add route":
                return java.util.Set.of(StatePart.ROUTES);
            case "add DNAT rule": case "delete DNAT rule":
                return java.util.Set.of(StatePart.NAT);
            case "start docker-proxy": case "stop docker-proxy":
                return java.util.Set.of(StatePart.PROXIES);
            default:
                return ALL;
        }
    }

    private static String published(NatRule rule) {
        return rule.hostIp() + ":" + rule.hostPort();
    }

    // ---- links and addresses

    public static KernelEvent bridgeCreated(String name, String equivalent) {
        return of("create bridge", name, "A software switch " + name + " is created; containers' veth ends plug into it.", equivalent);
    }

    public static KernelEvent bridgeAddress(String name, String gatewayCidr, String equivalent) {
        return of("add address", name, "The bridge gets " + gatewayCidr + ": it is the containers' gateway.", equivalent);
    }

    /** An overlay network's switch on this host: a bridge and the VXLAN tunnel end plugged into it. */
    public static KernelEvent overlayCreated(String bridge, String vxlan, int vni, String hostCidr, String equivalent) {
        return of("create overlay", bridge, "The overlay's switch on this host is the bridge " + bridge + "; the VXLAN device " + vxlan
                + " (VNI " + vni + ", UDP " + Overlays.VXLAN_PORT + ") is one of its ports and the tunnel to the other hosts: a frame for"
                + " a container elsewhere goes into it and over the LAN inside a UDP packet. Docker keeps both in a namespace of the"
                + " network's own; glassbox keeps them on the host " + (hostCidr == null ? "with no address, so the host has no route into"
                + " the overlay." : "and gives the host " + hostCidr + " on it, the address Docker gives the ingress sandbox."), equivalent);
    }

    public static KernelEvent overlayDeleted(String bridge, String vxlan, String equivalent) {
        return of("delete overlay", bridge, "No endpoint of the overlay is left on this host: " + vxlan + " and " + bridge + " are deleted.",
                equivalent);
    }

    /** The load balancer's virtual service, programmed or reprogrammed with its current backends. */
    public static KernelEvent ipvsProgrammed(IpvsService s, String equivalent) {
        String where = s.vip().equals("0.0.0.0") ? "port " + s.port() + "/" + s.proto() + " on every address of this host (the routing mesh)"
                : "the virtual IP " + s.vip();
        return of("ipvs", s.vip().equals("0.0.0.0") ? "*:" + s.port() : s.vip(), "IPVS balances connections to " + where + " over "
                + (s.backends().isEmpty() ? "no task yet: nothing answers there" : s.backends().size() + " task"
                + (s.backends().size() == 1 ? "" : "s") + " (" + String.join(", ", s.backends()) + "), round robin") + ".", equivalent);
    }

    public static KernelEvent ipvsRemoved(String vip, int port, String equivalent) {
        return of("ipvs", vip.equals("0.0.0.0") ? "*:" + port : vip, "The virtual service is deleted: IPVS stops answering there.", equivalent);
    }

    public static KernelEvent vethCreated(String hostIf, String peerIf, String equivalent) {
        return of("create veth", hostIf, "A veth pair is a virtual cable: what goes in " + hostIf + " comes out of " + peerIf + " and back. "
                + hostIf + " stays on the host; " + peerIf + " is made inside the container's network namespace, where it is the only network card there is.",
                equivalent);
    }

    public static KernelEvent attachedToBridge(String ifname, String bridge, String equivalent) {
        return of("attach to bridge", ifname, ifname + " is plugged into " + bridge
                + " and brought up, so frames reach the other containers on it.", equivalent);
    }

    public static KernelEvent address(String ifname, String cidr, String equivalent) {
        return of("add address", ifname, ifname + " gets the address " + cidr + " that IPAM reserved.", equivalent);
    }

    public static KernelEvent linkUp(String ifname, String equivalent) {
        return of("link up", ifname, ifname + " is brought up.", equivalent);
    }

    public static KernelEvent defaultRoute(String ifname, String gateway, String equivalent) {
        return of("add route", ifname, "Everything not on the local subnet goes to the gateway " + gateway + ".", equivalent);
    }

    /** Deleting a link; a veth's {@code peer} (null where unknown) goes with it. */
    public static KernelEvent linkDeleted(String ifname, boolean veth, String peer, String equivalent) {
        return of("delete link", ifname, "Deleting " + ifname + (veth ? " also deletes its peer " + (peer != null ? peer + " " : "")
                + "inside the container." : "."), equivalent);
    }

    /** A veth pair deleted through netlink, which the kernel finishes after an RCU grace period. */
    public static KernelEvent vethDeletedInBackground(String ifname, String peer, String equivalent) {
        return of("delete link", ifname, "Deleting " + ifname + " also deletes its peer " + peer + " inside the container, unless the kernel"
                + " has done it already with the container's network namespace. (The kernel waits for an RCU grace period to unregister a link,"
                + " so this finishes in the background.)", equivalent);
    }

    /** The veth was gone already: the container's network namespace took it. */
    public static KernelEvent linkGone(String ifname, String equivalent) {
        return of("delete link", ifname, ifname + " is already gone: the kernel deleted the veth pair with the container's network namespace.",
                equivalent);
    }

    /** ip link add inside a process's own network namespace. */
    public static KernelEvent linkAdded(String name, String kind) {
        return of("link add", name, "A " + kind + " link " + name + " is created in the process's network namespace.",
                "ip link add " + name + " type " + kind);
    }

    public static KernelEvent linkRemoved(String name) {
        return of("link delete", name, "The link " + name + " is deleted.", "ip link delete " + name);
    }

    // ---- published ports

    /** The DNAT rule for a published port (the sim's, for every address of the host). */
    public static KernelEvent dnatAdded(NatRule rule, String equivalent) {
        return of("add DNAT rule", published(rule), "Connections to port " + rule.hostPort()
                + " of this host are rewritten to " + rule.destIp() + ":" + rule.destPort() + " in the container.", equivalent);
    }

    /** The DNAT rule on the bridge's gateway address only, in its own {@code chain}. */
    public static KernelEvent dnatAddedOnGateway(NatRule rule, String gateway, String chain, String equivalent) {
        return of("add DNAT rule", published(rule), "Connections from this host to " + gateway + ":" + rule.hostPort()
                + " are rewritten to " + rule.destIp() + ":" + rule.destPort()
                + " in the container; the chain " + chain + " sees packets for that address only.", equivalent);
    }

    /** Whether the kernel commits a deletion at once or after the call returns. */
    public enum Commit { NOW, BACKGROUND }

    public static KernelEvent dnatRemoved(NatRule rule, Commit commit, String equivalent) {
        return of("delete DNAT rule", published(rule), "The published port " + rule.hostPort() + " is withdrawn."
                + (commit == Commit.BACKGROUND ? " (Starting iptables to delete it takes 10 to 30 ms here, so it finishes in the background.)" : ""),
                equivalent);
    }

    /** The sim's docker-proxy for a published port. */
    public static KernelEvent proxyStarted(NatRule rule, String equivalent) {
        return of("start docker-proxy", published(rule), "docker-proxy listens on " + published(rule)
                + " and relays each connection to " + rule.destIp() + ":" + rule.destPort()
                + ": connections to 127.0.0.1 never pass the nat table's PREROUTING, and the DNAT rule skips those that containers make to"
                + " their gateway, so the rule alone would miss both.", equivalent);
    }

    /** The Linux kernel's userland proxy on {@code listenIp}, and on the bridge's own {@code gateway} address where not null. */
    public static KernelEvent userlandProxyStarted(NatRule rule, String listenIp, String gateway, String equivalent) {
        String also = gateway == null ? "" : " and on " + gateway + ":" + rule.hostPort() + ", " + rule.bridge() + "'s own address,";
        return of("start docker-proxy", listenIp + ":" + rule.hostPort(), "A userland proxy listens on " + listenIp + ":" + rule.hostPort() + also
                + " and copies each connection to " + rule.destIp() + ":" + rule.destPort() + " in the container: connections to 127.0.0.1 never pass the nat table"
                + (gateway == null ? "." : ", and the DNAT rule skips those that containers make to their gateway."), equivalent);
    }

    public static KernelEvent proxyStopped(NatRule rule, String equivalent) {
        return of("stop docker-proxy", published(rule), "docker-proxy for port " + rule.hostPort()
                + " is stopped: nothing listens on it any more.", equivalent);
    }

    public static KernelEvent userlandProxyStopped(NatRule rule, String listenIp, String equivalent) {
        return of("stop docker-proxy", listenIp + ":" + rule.hostPort(), "The proxy for port " + rule.hostPort() + " stops listening.", equivalent);
    }

    /** The daemon's DNS server bound at {@code address}:53 in the container's namespace, answering {@code names}. */
    public static KernelEvent embeddedDns(String sandboxId, String address, String names, String equivalent) {
        return of("embedded DNS", sandboxId, "The container's resolver asks " + address + ":53 in its own network namespace; sockets the daemon"
                + " bound there (UDP, and TCP for long answers) answer " + names + " and say NXDOMAIN for any other name.", equivalent);
    }

    // ---- connections

    public static KernelEvent refused(String to, int port) {
        return of("refused", to + ":" + port, "Nothing listens on port " + port + " there: the kernel answers with a TCP reset.",
                "RST from " + to + ":" + port);
    }

    public static KernelEvent connected(String to, int port, int acceptor) {
        return of("connected", to + ":" + port, "The TCP handshake completes; process " + acceptor + " can accept() the connection.",
                "SYN, SYN-ACK, ACK");
    }

    public static KernelEvent echoReply(String to) {
        return of("echo reply", to, "The kernel that owns " + to + " answers the echo request itself: no program is involved in a ping.",
                "ICMP echo request → echo reply");
    }

    // ---- netlink requests (ip link/addr/route inside a namespace); the action is the command's object and verb

    private static KernelEvent request(String command, String object, String sentence) {
        String[] words = command.split(" ");
        return of(words[1] + " " + words[2], object, sentence, command);
    }

    public static KernelEvent mtu(String command, String dev, int mtu) {
        return request(command, dev, dev + "'s MTU becomes " + mtu + " bytes: larger packets are fragmented or refused.");
    }

    public static KernelEvent mac(String command, String dev, String mac) {
        return request(command, dev, dev + " gets the MAC address " + mac + ": frames for it are addressed to that from now on.");
    }

    /** {@code routed}: the link is up and the prefix shorter than /32, so the kernel adds a route to {@code network}. */
    public static KernelEvent addressAdded(String command, String dev, String cidr, boolean routed, String network) {
        return request(command, dev, dev + " gets the address " + cidr + (routed ? "; the kernel adds a route to " + network + " through it." : "."));
    }

    public static KernelEvent addressRemoved(String command, String dev, String cidr) {
        return request(command, dev, dev + " gives up the address " + cidr + ", and the route to its network goes with it.");
    }

    public static KernelEvent renamed(String command, String dev, String name) {
        return request(command, dev, dev + " is renamed " + name + ".");
    }

    public static KernelEvent upOrDown(String command, String dev, boolean up) {
        return request(command, dev, up ? dev + " is brought up; the networks of its addresses are routed through it again."
                : dev + " is taken down: it sends and receives nothing, and every route through it is removed.");
    }

    /** A route to {@code dest} ("default" or a network) through {@code device}, by {@code via} (null: directly). */
    public static KernelEvent routeAdded(String command, String dest, String via, String device) {
        return request(command, dest, dest.equals("default") ? "Everything without a more specific route now goes to " + via + " through " + device + "."
                : "Packets for " + dest + " now go " + (via == null ? "straight out of " + device : "to " + via + " through " + device) + ".");
    }

    public static KernelEvent routeRemoved(String command, String dest, String device) {
        return request(command, dest, "The route to " + dest + " through " + device + " is removed.");
    }
}
