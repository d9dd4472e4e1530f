package dev.glassbox.compose;

import java.util.ArrayList;
import java.util.List;

/** A port's short form, {@code [HOST_IP:][HOST_PORT[-END]:]CONTAINER_PORT[-END][/PROTOCOL]}, as its long forms. */
final class PortSyntax {
    private PortSyntax() {}

    static List<PortSpec> parse(String spec, String path) {
        String proto = "tcp";
        String rest = spec;
        int slash = rest.lastIndexOf('/');
        if (slash >= 0) {
            proto = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String ip = "";
        String published = "";
        String target;
        int last = rest.lastIndexOf(':');
        if (last < 0) {
            target = rest;
        } else {
            target = rest.substring(last + 1);
            String front = rest.substring(0, last);
            int colon = front.lastIndexOf(':');
            if (colon < 0) {
                published = front;
            } else {
                ip = front.substring(0, colon);
                published = front.substring(colon + 1);
            }
        }
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        int[] t = range(target, spec);
        List<PortSpec> out = new ArrayList<>();
        if (published.isEmpty() || t[0] == t[1]) {
            for (int p = t[0]; p <= t[1]; p++) {
                out.add(new PortSpec(ip, p, published, proto));
            }
            return out;
        }
        int[] h = range(published, spec);
        if (h[1] - h[0] != t[1] - t[0]) {
            throw new ComposeException("invalid ranges specified for container and host Ports: " + target + " and " + published);
        }
        for (int i = 0; i <= t[1] - t[0]; i++) {
            out.add(new PortSpec(ip, t[0] + i, String.valueOf(h[0] + i), proto));
        }
        return out;
    }

    private static int[] range(String s, String spec) {
        String[] ends = s.split("-", -1);
        try {
            int a = Integer.parseInt(ends[0]);
            int b = ends.length > 1 ? Integer.parseInt(ends[1]) : a;
            if (ends.length > 2 || a < 1 || b < a || b > 65535) {
                throw new NumberFormatException();
            }
            return new int[] {a, b};
        } catch (NumberFormatException e) {
            throw new ComposeException("invalid containerPort: " + s);
        }
    }
}
