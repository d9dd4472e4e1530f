package dev.glassbox.kernel;

/**
 * Links, addresses and routes: bridges, veth pairs and what a container's network namespace holds.
 * A null sandbox means the host's network namespace.
 */
public interface Links {
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

    /** ip link del IF inside the sandbox's network namespace: a link that lives only there (a macvlan child). */
    void deleteLink(Sandbox sandbox, String ifname);

    /**
     * Readies {@code parent} to carry macvlan children ({@code -o parent=NAME}). {@code dummy}: there is no
     * such link and the driver makes a dummy one of that name, whose children reach only each other.
     * Otherwise the link must exist: the sim kernel's own (eth0 on the world's LAN); the Linux kernel never
     * lends the host's links and stands a dummy of that name in a network namespace of its own for it.
     * Throws {@link SysError} ENODEV when the parent is not there.
     */
    void claimParent(String parent, boolean dummy);

    /** The last macvlan network on {@code parent} is gone: what {@link #claimParent} made goes with it. */
    void releaseParent(String parent, boolean dummy);

    /**
     * ip link add IFNAME link PARENT netns PID type macvlan mode MODE: a child of {@code parent} with a MAC
     * of its own, made straight inside the sandbox's network namespace, a station on the parent's segment.
     */
    void createMacvlan(String parent, MacvlanMode mode, Sandbox sandbox, String ifname);

    /** Whether this kernel has the ipvlan driver ({@link #createIpvlan}). */
    default boolean hasIpvlan() {
        return false;
    }

    /**
     * ip link add IFNAME link PARENT netns PID type ipvlan mode l2: a child of {@code parent} that shares its MAC
     * address and is told apart by its IP address, made straight inside the sandbox's network namespace.
     */
    default void createIpvlan(String parent, Sandbox sandbox, String ifname) {
        throw new SysError(Errno.EOPNOTSUPP, "Operation not supported");
    }
}
