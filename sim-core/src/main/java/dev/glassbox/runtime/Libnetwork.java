package dev.glassbox.runtime;

import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.Sandbox;
import java.util.Map;

/**
 * What libnetwork asks of the kernel outside any one container's start: the bridge driver's bridges
 * (one per bridge network) and the embedded DNS server in each sandbox. The daemon's networks keep
 * their records and IPAM; a container's own veth and routes are {@link Runtime}'s.
 */
public final class Libnetwork {
    private final Kernel kernel;

    public Libnetwork(Kernel kernel) {
        this.kernel = kernel;
    }

    /** The bridge driver's new network: a bridge link with the gateway's address ({@code ip/prefix}), up. */
    public void createBridge(String name, String gatewayCidr) {
        kernel.net().createBridge(name, gatewayCidr);
    }

    /** Whether a link of that name is on the host already (a bridge left by an earlier daemon, or a name taken). */
    public boolean bridgeExists(String name) {
        return kernel.net().linkExists(name);
    }

    /** The bridge driver's network removed: its bridge link is deleted. */
    public void deleteBridge(String name) {
        kernel.net().deleteLink(name);
    }

    /** The macvlan driver readies {@code parent} for children ({@code dummy}: it makes a dummy link of that name). */
    public void claimParent(String parent, boolean dummy) {
        kernel.net().claimParent(parent, dummy);
    }

    /** Whether the kernel has the ipvlan driver. */
    public boolean hasIpvlan() {
        return kernel.net().hasIpvlan();
    }

    /** The last macvlan network on {@code parent} is gone. */
    public void releaseParent(String parent, boolean dummy) {
        kernel.net().releaseParent(parent, dummy);
    }

    /** The overlay driver's bridge and VXLAN port on this host; {@code hostCidr}: the host's own address there, or null. */
    public void createOverlay(String bridge, String vxlan, int vni, String hostCidr) {
        kernel.net().createOverlay(bridge, vxlan, vni, hostCidr);
    }

    public void deleteOverlay(String bridge, String vxlan) {
        kernel.net().deleteOverlay(bridge, vxlan);
    }

    /** The swarm's load balancer: a virtual service over the service's running tasks. */
    public void balance(dev.glassbox.kernel.IpvsService service) {
        kernel.net().ipvs(service);
    }

    public void stopBalancing(String proto, String vip, int port) {
        kernel.net().removeIpvs(proto, vip, port);
    }

    /** The host addresses where a published port's rule answers ({@link dev.glassbox.kernel.Net#answersOn}). */
    public java.util.List<String> answersOn(dev.glassbox.kernel.NatRule rule) {
        return kernel.net().answersOn(rule);
    }

    /** The embedded DNS server at 127.0.0.11 in the sandbox answers these names (lower-case name to IPv4 address) from now on. */
    public void serveDns(Sandbox sandbox, Map<String, String> names) {
        kernel.net().serveDns(sandbox, names);
    }

    /** The sandbox's embedded DNS server stops answering. */
    public void stopDns(Sandbox sandbox) {
        kernel.net().serveDns(sandbox, Map.of());
    }

    /** The counters of the sandbox's interfaces, loopback left out: what libnetwork's sandbox statistics report. */
    public Map<String, dev.glassbox.kernel.LinkCounters> counters(Sandbox sandbox) {
        return kernel.net().counters(sandbox);
    }
}
