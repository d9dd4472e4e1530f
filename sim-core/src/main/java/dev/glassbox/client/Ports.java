package dev.glassbox.client;

import dev.glassbox.api.PortBinding;
import dev.glassbox.api.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code -p} and {@code --expose} as go-connections' nat.ParsePortSpec reads them, with its error wording. */
final class Ports {
    private static final Set<String> PROTOS = Set.of("tcp", "udp", "sctp");

    private Ports() {}

    static List<PortBinding> publish(String raw) {
        String[] parts = raw.split(":", -1);
        int n = parts.length;
        String container = parts[n - 1];
        String host = n >= 2 ? parts[n - 2] : "";
        String ip = n == 3 ? parts[0] : n > 3 ? String.join(":", java.util.Arrays.copyOf(parts, n - 2)) : "";
        String proto = "tcp";
        String[] pp = container.split("/", -1);
        if (container.isEmpty() || pp[0].isEmpty()) {
            container = "";
        } else if (pp.length > 1) {
            proto = pp[1].isEmpty() ? "tcp" : pp[1];
            container = pp[0];
        }
        if (ip.startsWith("[")) {
            ip = ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        }
        if (!ip.isEmpty() && !isIp(ip)) {
            throw fail("invalid IP address: " + ip);
        }
        if (container.isEmpty()) {
            throw fail("no port specified: " + raw + "<empty>");
        }
        long[] cr;
        try {
            cr = range(container);
        } catch (IllegalArgumentException e) {
            throw fail("invalid containerPort: " + container);
        }
        long[] hr = {0, 0};
        if (!host.isEmpty()) {
            try {
                hr = range(host);
            } catch (IllegalArgumentException e) {
                throw fail("invalid hostPort: " + host);
            }
            if (cr[1] - cr[0] != hr[1] - hr[0] && cr[1] != cr[0]) {
                throw fail("invalid ranges specified for container and host Ports: " + container + " and " + host);
            }
        }
        if (!PROTOS.contains(proto.toLowerCase(java.util.Locale.ROOT))) {
            throw fail("invalid proto: " + proto);
        }
        List<PortBinding> out = new ArrayList<>();
        for (long i = 0; i <= cr[1] - cr[0]; i++) {
            long hostPort = host.isEmpty() ? 0 : cr[0] == cr[1] ? hr[0] : hr[0] + i;
            try {
                out.add(new PortBinding(ip, (int) hostPort, (int) (cr[0] + i), proto.toLowerCase(java.util.Locale.ROOT)));
            } catch (RuntimeException e) {
                throw fail(e.getMessage());
            }
        }
        return out;
    }

    /** {@code --expose 80}, {@code 80/udp}, {@code 8000-8010}: the "80/tcp" keys it adds. */
    static List<String> expose(String raw) {
        String proto = "tcp";
        String port = raw;
        int slash = raw.indexOf('/');
        if (slash >= 0) {
            port = raw.substring(0, slash);
            String p = raw.substring(slash + 1);
            proto = p.isEmpty() ? "tcp" : p.split("/")[0];
        }
        long[] r;
        try {
            r = range(port);
        } catch (IllegalArgumentException e) {
            throw fail("invalid range format for --expose: " + raw + ", error: " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (long p = r[0]; p <= r[1]; p++) {
            out.add(p + "/" + proto.toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }

    /** nat.ParsePortRange with strconv.ParseUint(…, 10, 16). */
    static long[] range(String ports) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("empty string specified for ports");
        }
        if (!ports.contains("-")) {
            long p = uint16(ports);
            return new long[] {p, p};
        }
        String[] parts = ports.split("-", -1);
        long start = uint16(parts[0]);
        long end = uint16(parts[1]);
        if (end < start) {
            throw new IllegalArgumentException("invalid range specified for port: " + ports);
        }
        return new long[] {start, end};
    }

    private static long uint16(String s) {
        String prefix = "strconv.ParseUint: parsing " + GoText.quote(s) + ": ";
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(prefix + "invalid syntax");
        }
        String digits = s.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 5 || Long.parseLong(digits) > 65535) {
            throw new IllegalArgumentException(prefix + "value out of range");
        }
        return Long.parseLong(digits);
    }

    static boolean isIp(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.startsWith("0")) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String s) {
        if (!s.contains(":") || s.indexOf("::") != s.lastIndexOf("::")) {
            return false;
        }
        String body = s;
        int groups = 0;
        int lastColon = body.lastIndexOf(':');
        if (body.substring(lastColon + 1).contains(".")) {
            if (!isIpv4(body.substring(lastColon + 1))) {
                return false;
            }
            groups += 2;
            body = body.substring(0, lastColon + 1) + (body.endsWith("::") ? "" : "0");
            groups -= 1;
        }
        boolean compressed = body.contains("::");
        String[] halves = compressed ? body.split("::", -1) : new String[] {body};
        for (String half : halves) {
            if (half.isEmpty()) {
                continue;
            }
            for (String g : half.split(":", -1)) {
                if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    return false;
                }
                groups++;
            }
        }
        return compressed ? groups < 8 : groups == 8;
    }

    private static UsageException fail(String message) {
        return new UsageException("docker: " + message, 125);
    }
}
