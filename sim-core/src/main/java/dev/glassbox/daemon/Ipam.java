package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import java.util.TreeSet;

/**
 * IP address management for one subnet: the gateway is .1 unless told otherwise, containers get the lowest
 * free address of the subnet, or of its {@code --ip-range} when there is one.
 */
public final class Ipam {
    final String subnet;
    final String gateway;
    final int prefix;

    /** The subnet, as CIDR. */
    public String subnet() {
        return subnet;
    }

    public String gateway() {
        return gateway;
    }

    public int prefix() {
        return prefix;
    }

    /** Whether {@code ip} is handed out (the gateway is never). */
    public boolean allocated(String ip) {
        return !ip.equals(gateway) && used.contains(parse(ip) - base);
    }
    private final int base;
    private final TreeSet<Integer> used = new TreeSet<>();
    /** The range containers' addresses come from, as the subnet's offsets; the whole subnet when none was given. */
    final String range;
    private final int first;
    private final int last;

    public Ipam(String subnetCidr, String gateway) {
        this(subnetCidr, gateway, "");
    }

    Ipam(String subnetCidr, String gateway, String range) {
        this.subnet = subnetCidr;
        this.range = range;
        this.gateway = gateway;
        this.prefix = Integer.parseInt(subnetCidr.substring(subnetCidr.indexOf('/') + 1));
        this.base = parse(subnetCidr.substring(0, subnetCidr.indexOf('/')));
        used.add(parse(gateway) - base);
        if (range.isEmpty()) {
            first = 1;
            last = (1 << (32 - prefix)) - 2;
        } else {
            int bits = 32 - Integer.parseInt(range.substring(range.indexOf('/') + 1));
            first = Math.max(1, parse(range.substring(0, range.indexOf('/'))) - base);
            last = Math.min((1 << (32 - prefix)) - 2, first + (1 << bits) - 1);
        }
    }

    static int parse(String ip) {
        int v = 0;
        for (String p : ip.split("\\.")) {
            v = (v << 8) | Integer.parseInt(p);
        }
        return v;
    }

    static String format(int ip) {
        return ((ip >>> 24) & 255) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255);
    }

    /** The daemons that show this pool's addresses in use (an overlay's pool serves every host of the swarm). */
    private final java.util.Set<dev.glassbox.trace.Edits> shownBy = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Marks the network part of these edits whenever an address is taken or given back. */
    public void shownBy(dev.glassbox.trace.Edits edits) {
        shownBy.add(edits);
    }

    private void edited() {
        for (dev.glassbox.trace.Edits e : shownBy) {
            e.mark(dev.glassbox.trace.StatePart.NETWORKS);
        }
    }

    public String allocate() {
        for (int i = first; i <= last; i++) {
            if (!used.contains(i)) {
                used.add(i);
                edited();
                return format(base + i);
            }
        }
        throw DockerException.server("no available IPv4 addresses on this network's address pools: bridge (" + subnet + ")");
    }

    public void release(String ip) {
        if (ip != null && !ip.isEmpty()) {
            used.remove(parse(ip) - base);
            edited();
        }
    }

    public int inUse() {
        return used.size() - 1;
    }
}
