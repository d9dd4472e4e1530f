package dev.glassbox.sim.programs.busybox;

/** Dotted-quad arithmetic for masks and broadcast addresses. */
final class Ipv4 {
    private Ipv4() {}

    static long parse(String addr) {
        long v = 0;
        for (String p : addr.split("\\.")) {
            v = v << 8 | Integer.parseInt(p);
        }
        return v;
    }

    static String format(long v) {
        return (v >> 24 & 255) + "." + (v >> 16 & 255) + "." + (v >> 8 & 255) + "." + (v & 255);
    }

    static int prefix(String cidr) {
        int slash = cidr.indexOf('/');
        return slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
    }

    static long maskBits(int prefix) {
        return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    static String mask(int prefix) {
        return format(maskBits(prefix));
    }

    static String broadcast(String cidr) {
        long a = parse(cidr.split("/")[0]);
        long m = maskBits(prefix(cidr));
        return format((a & m) | (~m & 0xffffffffL));
    }
}
