package dev.glassbox.web;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The names this server answers to, for the {@code Host} and {@code Origin} checks that make DNS
 * rebinding and requests from other sites fail: the address it listens on (and localhost's names when
 * that is the loopback), or, listening on every address, the machine's own names and addresses. A name
 * is compared as written, never resolved, so a rebound DNS name stays foreign.
 */
final class Hosts {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");

    private final Set<String> names;
    private final int port;

    Hosts(Set<String> names, int port) {
        this.names = Collections.unmodifiableSet(new TreeSet<>(names));
        this.port = port;
    }

    /** The names a server bound to {@code bind} on {@code port} is reached by. */
    static Hosts of(String bind, int port) {
        Set<String> names = new TreeSet<>();
        String b = normal(bind);
        if (b.isEmpty() || b.equals("0.0.0.0") || b.equals("::")) {
            names.addAll(LOOPBACK);
            names.add(b); // the address printed at start, as typed on this machine (no DNS name rebinds to a literal)
            names.addAll(machine());
        } else {
            names.add(b);
            if (isLoopback(b)) {
                names.addAll(LOOPBACK);
            }
        }
        return new Hosts(names, port);
    }

    Set<String> names() {
        return names;
    }

    /** Whether a {@code Host} header ({@code name[:port]}, {@code [v6][:port]}) names this server. */
    boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String h = hostHeader.strip();
        String name;
        String portText = null;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return false;
            }
            name = h.substring(1, end);
            String rest = h.substring(end + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return false;
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = h.lastIndexOf(':');
            if (colon >= 0 && h.indexOf(':') != colon) {
                return false; // an IPv6 address must be bracketed
            }
            name = colon < 0 ? h : h.substring(0, colon);
            portText = colon < 0 ? null : h.substring(colon + 1);
        }
        int p;
        try {
            p = portText == null ? 80 : Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            return false;
        }
        return p == port && names.contains(normal(name));
    }

    /** Whether an {@code Origin} header is one of this server's own pages ({@code http://name:port}). */
    boolean allowsOrigin(String origin) {
        try {
            URI u = new URI(origin.strip());
            if (!"http".equalsIgnoreCase(u.getScheme()) || u.getRawAuthority() == null
                    || u.getRawUserInfo() != null || (u.getRawPath() != null && !u.getRawPath().isEmpty())) {
                return false;
            }
            return allows(u.getRawAuthority());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Lower case without a trailing dot; an IP literal in its usual form (never a DNS lookup). */
    static String normal(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        int scope = n.indexOf('%');
        if (n.contains(":") && scope >= 0) {
            n = n.substring(0, scope);
        }
        if (n.contains(":") || IPV4.matcher(n).matches()) {
            try {
                return InetAddress.getByName(n).getHostAddress().toLowerCase(Locale.ROOT).replaceFirst("^0:0:0:0:0:0:0:1$", "::1");
            } catch (UnknownHostException e) {
                return n;
            }
        }
        return n;
    }

    private static boolean isLoopback(String b) {
        return LOOPBACK.contains(b) || b.startsWith("127.");
    }

    /** The machine's host name and every address of its interfaces. */
    private static Set<String> machine() {
        Set<String> out = new TreeSet<>();
        try {
            InetAddress self = InetAddress.getLocalHost();
            out.add(normal(self.getHostName()));
            out.add(normal(self.getCanonicalHostName()));
            out.add(normal(self.getHostAddress()));
        } catch (UnknownHostException e) {
            // a machine without a resolvable name is still reached by its addresses
        }
        try {
            for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(i.getInetAddresses())) {
                    out.add(normal(a.getHostAddress()));
                }
            }
        } catch (SocketException e) {
            // no interfaces listed: loopback names only
        }
        return out;
    }
}
