package dev.glassbox.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One Ethernet segment, 10.0.2.0/24, that the eth0 of every sim host of a world is plugged into: the
 * network QEMU's user mode gives a VM, whose first host (10.0.2.15) is the one a lone sim kernel boots.
 * The gateway 10.0.2.2 stands for the outside and answers nothing. The hosts share one scheduler, so
 * one clock and one order of processes run all of them: the same script gives the same world.
 */
public final class SimLan {
    public static final String SUBNET = "10.0.2.0/24";
    public static final String GATEWAY = "10.0.2.2";
    static final String FIRST_ADDRESS = "10.0.2.15/24";
    static final String FIRST_MAC = "52:54:00:12:34:56";
    private static final int FIRST_HOST = 15;

    private final Scheduler scheduler;
    private final List<SimKernel> hosts = new ArrayList<>();

    private SimLan(SimKernel first) {
        this.scheduler = first.scheduler;
        hosts.add(first);
        first.lan = this;
    }

    /** The LAN of {@code first}'s eth0, which other hosts can now join. */
    public static SimLan around(SimKernel first) {
        if (first.lan != null) {
            return first.lan;
        }
        return new SimLan(first);
    }

    /**
     * Boots a new host on this LAN with the next free address, sharing the scheduler: its own
     * processes, namespaces, filesystem and network stack, the same clock.
     */
    public SimKernel boot(String hostname, long seed, Function<String, Optional<Program>> programs) {
        int last = FIRST_HOST;
        while (addressTaken(last)) {
            last++;
        }
        String cidr = "10.0.2." + last + "/24";
        String mac = String.format("52:54:00:12:34:%02x", 0x56 + last - FIRST_HOST);
        SimKernel k = new SimKernel(seed, programs, scheduler, hostname, cidr, mac);
        k.lan = this;
        hosts.add(k);
        return k;
    }

    private boolean addressTaken(int lastOctet) {
        int ip = Ip.parse("10.0.2." + lastOctet);
        return hosts.stream().anyMatch(h -> Ip.address(eth0(h).addresses.get(0)) == ip);
    }

    /** eth0's address of a host on this LAN (10.0.2.15 for the first). */
    public static String address(SimKernel host) {
        String cidr = eth0(host).addresses.get(0);
        return cidr.substring(0, cidr.indexOf('/'));
    }

    static SimNet.Link eth0(SimKernel host) {
        return host.net.host.links.get("eth0");
    }

    /** The host a kernel shut down leaves the segment; its address is free again. */
    void leave(SimKernel host) {
        hosts.remove(host);
        host.lan = null;
    }

    /** A station on the LAN: a host's eth0, or a macvlan child hanging off it (in a container of that host). */
    record Station(SimKernel host, SimNet.Link link) {}

    /** The station that answers ARP for {@code ip} on the segment, on a host other than {@code except}; null for the gateway, or nobody. */
    Station station(int ip, SimKernel except) {
        for (SimKernel h : hosts) {
            SimNet.Link eth0 = eth0(h);
            if (h == except || eth0 == null || !eth0.up) {
                continue;
            }
            if (Ip.address(eth0.addresses.get(0)) == ip) {
                return new Station(h, eth0);
            }
            SimNet.Link child = childOwning(h, eth0, ip);
            if (child != null) {
                return new Station(h, child);
            }
        }
        return null;
    }

    /** The macvlan child of {@code lower} on {@code host} that is up and has {@code ip}, or null. */
    static SimNet.Link childOwning(SimKernel host, SimNet.Link lower, int ip) {
        for (SimNet.NetNs ns : host.netNamespaces()) {
            for (SimNet.Link l : ns.links.values()) {
                if (l.lower == lower && l.up && l.addresses.stream().anyMatch(a -> Ip.address(a) == ip)) {
                    return l;
                }
            }
        }
        return null;
    }

    /** A VXLAN tunnel end on another host: its overlay bridge and VXLAN port for a VNI. */
    record Vtep(SimKernel host, SimNet.Link bridge, SimNet.Link vxlan) {}

    /**
     * The host, other than {@code except}, whose overlay of VNI {@code vni} has {@code ip}: on a container's
     * port of its bridge, or as the host's own address there. What swarm's gossip tells every VTEP.
     */
    Vtep vtep(int vni, int ip, SimKernel except) {
        for (SimKernel h : hosts) {
            SimNet.Link eth0 = eth0(h);
            if (h == except || eth0 == null || !eth0.up) {
                continue;
            }
            for (SimNet.Link vx : h.net.host.links.values()) {
                if (vx.kind.equals("vxlan") && vx.vni == vni && vx.up && vx.master != null && SimNet.onBridge(h.net, vx.master, ip) != null) {
                    return new Vtep(h, vx.master, vx);
                }
            }
        }
        return null;
    }
}
