package dev.glassbox.daemon;

import dev.glassbox.api.EndpointSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The names a container answers to on one network, as Docker's embedded DNS (127.0.0.11) registers them
 * and inspect lists them in {@code DNSNames}: on a user-defined network its name, its aliases there, its
 * short id and its hostname, without repeats; on the default bridge none (names resolve there only
 * through {@code --link}).
 */
final class DnsNames {
    private DnsNames() {}

    static List<String> of(Container c, Network n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.predefined()) {
            return out;
        }
        add(out, c.name);
        aliases(c, n).forEach(a -> add(out, a));
        add(out, c.id.substring(0, 12));
        add(out, c.hostname);
        return out;
    }

    /** The aliases the container was given on the network ({@code --network-alias}, {@code network connect --alias}). */
    static List<String> aliases(Container c, Network n) {
        EndpointSettings s = c.endpointSettings.get(n.name());
        return s == null ? List.of() : s.aliases();
    }

    private static void add(List<String> out, String name) {
        if (!name.isEmpty() && !out.contains(name)) {
            out.add(name);
        }
    }
}
