package dev.glassbox.daemon;

import dev.glassbox.trace.Layer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Each container's {@code /etc/hosts}, a file of the daemon's bind-mounted into the container. On a
 * user-defined network it also lists the running peers by name: glassbox's stand-in for the DNS server
 * Docker embeds at 127.0.0.11, kept current as peers start and stop.
 */
final class HostsFiles {
    private static final String BASE = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\n"
            + "ff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

    private final Daemon d;

    HostsFiles(Daemon d) {
        this.d = d;
    }

    void write(Container c) {
        StringBuilder b = new StringBuilder(BASE);
        if (!c.ip.isEmpty()) {
            b.append(c.ip).append('\t').append(c.hostname).append('\n');
        }
        List<Container> peers = peers(c);
        if (!peers.isEmpty()) {
            b.append("# peers on network ").append(c.networkMode()).append(" (Docker's embedded DNS answers these names)\n");
            for (Container p : peers) {
                b.append(p.ip).append('\t').append(p.name).append('\n');
            }
        }
        d.kernel.fs().writeFile(c.dir() + "/hosts", b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** After {@code c} started or stopped: its peers' files gain or lose its line. */
    void refreshPeers(Container c) {
        List<Container> peers = peers(c);
        if (peers.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        peers.forEach(p -> names.add(p.name));
        d.tracer.note(Layer.DAEMON, null, "update hosts", c.name, "Containers on network " + c.networkMode() + " find each other by name: "
                + String.join(", ", names) + (c.running() ? " now resolve " : " no longer resolve ") + c.name + ".",
                "");
        for (Container p : peers) {
            write(p);
        }
    }

    /** Running containers on the same user-defined network, by name. */
    private List<Container> peers(Container c) {
        Network n = d.networks.of(c);
        List<Container> out = new ArrayList<>();
        if (n == null || n.predefined()) {
            return out;
        }
        for (Container p : d.containers.values()) {
            if (p != c && p.running() && !p.ip.isEmpty() && p.networkMode().equals(c.networkMode())) {
                out.add(p);
            }
        }
        return out;
    }
}
