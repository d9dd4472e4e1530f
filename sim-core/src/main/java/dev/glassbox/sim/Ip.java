package dev.glassbox.sim;

/** IPv4 addresses as ints, and CIDR helpers. */
final class Ip {
    private Ip() {}

    static int parse(String s) {
        String[] p = s.split("\\.");
        if (p.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        int v = 0;
        for (String part : p) {
            int b = Integer.parseInt(part);
            if (b < 0 || b > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            v = (v << 8) | b;
        }
        return v;
    }

    static boolean isAddress(String s) {
        try {
            parse(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String format(int ip) {
        return ((ip >>> 24) & 255) + "." + ((ip >>> 16) & 255) + "." + ((ip >>> 8) & 255) + "." + (ip & 255);
    }

    static int address(String cidr) {
        return parse(cidr.substring(0, cidr.indexOf('/')));
    }

    static int prefix(String cidr) {
        return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    static boolean contains(String cidr, int ip) {
        int m = mask(prefix(cidr));
        return (address(cidr) & m) == (ip & m);
    }

    static String network(String cidr) {
        return format(address(cidr) & mask(prefix(cidr))) + "/" + prefix(cidr);
    }

    static boolean loopback(int ip) {
        return (ip >>> 24) == 127;
    }
}
