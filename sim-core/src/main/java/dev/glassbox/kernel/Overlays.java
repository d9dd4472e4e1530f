package dev.glassbox.kernel;

/**
 * VXLAN overlays and IPVS load balancing, what swarm's overlay driver and routing mesh ask of a host's
 * kernel. Only the sim kernel carries them: glassbox refuses swarm on the Linux kernel before any of these
 * is called, and a kernel without them answers EOPNOTSUPP.
 */
public interface Overlays {
    /** The VXLAN port IANA assigned, on which every VTEP listens. */
    int VXLAN_PORT = 4789;

    /**
     * ip link add BRIDGE type bridge; ip link add VXLAN type vxlan id VNI dstport 4789; ip link set VXLAN master
     * BRIDGE; both up. {@code hostCidr}: an address the host's namespace gets on the bridge (the ingress network's
     * load balancer), or null for none, so the host has no route into the overlay.
     */
    default void createOverlay(String bridge, String vxlan, int vni, String hostCidr) {
        throw new SysError(Errno.EOPNOTSUPP, "Operation not supported");
    }

    /** ip link del VXLAN; ip link del BRIDGE. */
    default void deleteOverlay(String bridge, String vxlan) {
        throw new SysError(Errno.EOPNOTSUPP, "Operation not supported");
    }

    /** ipvsadm -A/-a: programs the virtual service, replacing its backends if it is there already. */
    default void ipvs(IpvsService service) {
        throw new SysError(Errno.EOPNOTSUPP, "Operation not supported");
    }

    /** ipvsadm -D: the virtual service at {@code vip:port} is gone. */
    default void removeIpvs(String proto, String vip, int port) {
        throw new SysError(Errno.EOPNOTSUPP, "Operation not supported");
    }
}
