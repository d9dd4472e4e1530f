package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import java.util.TreeSet;

/** IP address management for one bridge subnet: the gateway is .1, containers get the lowest free address. */
final class Ipam {
    final String subnet;
    final String gateway;
    final int prefix;
    private final int base;
    private final TreeSet<Integer> used = new TreeSet<>();

    Ipam(String subnetCidr, String gateway) {
        this.subnet = subnetCidr;
        this.gateway = gateway;
        this.prefix = Integer.parseInt(subnetCidr.substring(subnetCidr.indexOf('/') + 1));
        this.base = parse(subnetCidr.substring(0, subnetCidr.indexOf('/')));
        used.add(parse(gateway) - base);
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

    String allocate() {
        int size = 1 << (32 - prefix);
        for (int i = 2; i < size - 1; i++) {
            if (!used.contains(i)) {
                used.add(i);
                return format(base + i);
            }
        }
        throw DockerException.server("no available IPv4 addresses on this network's address pools: bridge (" + subnet + ")");
    }

    void release(String ip) {
        if (ip != null && !ip.isEmpty()) {
            used.remove(parse(ip) - base);
        }
    }

    int inUse() {
        return used.size() - 1;
    }
}
