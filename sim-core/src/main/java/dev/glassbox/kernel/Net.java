package dev.glassbox.kernel;

/**
 * Links, addresses, routes and NAT. A null sandbox means the host's network namespace.
 */
public interface Net {
    /** ip link add NAME type bridge; ip addr add CIDR dev NAME; ip link set NAME up. */
    void createBridge(String name, String gatewayCidr);

    /**
     * ip link add HOST type veth peer name PEER netns PID: one end in the host's namespace, the other
     * made straight inside the sandbox's network namespace under its final name. One netlink request;
     * moving an existing link between namespaces would wait for the kernel's RCU grace periods.
     */
    void createVeth(String hostIf, Sandbox sandbox, String peerIf);

    /** ip link set IF master BRIDGE. */
    void setMaster(String ifname, String bridge);

    void addAddress(Sandbox sandbox, String ifname, String cidr);

    void linkUp(Sandbox sandbox, String ifname);

    /** ip route add default via GATEWAY dev IF. */
    void addDefaultRoute(Sandbox sandbox, String gateway, String ifname);

    /**
     * ip link del IF (a veth takes its peer with it). A veth already gone, because the kernel deleted
     * the pair with the namespace that held its other end, is not an error: the event says so.
     */
    void deleteLink(String ifname);

    boolean linkExists(String ifname);

    /** The DNAT rule of a published port ({@link NatRule#iptables()}): host addresses other than loopback. */
    void addNat(NatRule rule);

    void removeNat(NatRule rule);

    /**
     * Starts docker-proxy for a published port ({@link NatRule#proxyCommand()}): a userland process that
     * accepts the connections DNAT never sees (those to 127.0.0.1, as loopback traffic is not NATed)
     * and opens its own to the container. Docker's default (userland-proxy=true) runs both.
     */
    void proxy(NatRule rule);

    /** Stops that docker-proxy: the port stops answering on loopback at once. */
    void unproxy(NatRule rule);
}
