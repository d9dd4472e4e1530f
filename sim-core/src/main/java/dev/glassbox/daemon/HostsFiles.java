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
        d.links.hostsLines(c).forEach(b::append);
        if (!c.ip.isEmpty()) {
            b.append(c.ip).append('\t').append(c.hostname).append('\n');
        }
        List<String> peers = peerLines(c);
        if (!peers.isEmpty()) {
            b.append("# peers on the container's user-defined networks (Docker's embedded DNS answers these names)\n");
            peers.forEach(b::append);
        }
        d.kernel.fs().writeFile(c.dir() + "/hosts", b.toString().getBytes(StandardCharsets.UTF_8));
        if (c.sandbox != null) {
            d.libnetwork.serveDns(c.sandbox, dnsNames(peers));
        }
    }

    /** The embedded DNS's table from the peer lines: each name (lower-case) to its first address. */
    private static java.util.Map<String, String> dnsNames(List<String> peerLines) {
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        for (String line : peerLines) {
            String[] f = line.strip().split("\\s+");
            for (int i = 1; i < f.length; i++) {
                names.putIfAbsent(f[i].toLowerCase(java.util.Locale.ROOT), f[0]);
            }
        }
        return names;
    }

    /** The container stopped: its embedded DNS server closes with its namespace. */
    void stopDns(Container c, dev.glassbox.kernel.Sandbox sb) {
        if (sb != null) {
            d.libnetwork.stopDns(sb);
        }
    }

    /**
     * "IP\tNAMES" for each running container on one of c's user-defined networks, c itself included, at its
     * address there: the names the embedded DNS answers for it on that network ({@link DnsNames}).
     */
    private List<String> peerLines(Container c) {
        List<String> out = new ArrayList<>();
        for (Network n : userNetworks(c)) {
            for (Container p : d.containers.values()) {
                String ip = p == c || p.running() ? d.networks.ipOn(p, n) : "";
                if (!ip.isEmpty()) {
                    out.add(ip + "\t" + String.join(" ", DnsNames.of(p, n)) + "\n");
                }
            }
            out.addAll(d.links.networkAliasLines(c, n));
            OverlayNetwork o = d.networks.overlays.of(n);
            if (o != null) { // the swarm's names on an overlay: services' VIPs, tasks.NAME, and the containers on other hosts
                java.util.Set<String> local = new java.util.HashSet<>();
                out.forEach(l -> local.addAll(List.of(l.strip().split("\\s+")).subList(1, l.strip().split("\\s+").length)));
                d.networks.overlays.swarm.names(o).forEach((name, ips) -> {
                    if (!local.contains(name)) {
                        ips.forEach(ip -> out.add(ip + "\t" + name + "\n"));
                    }
                });
            }
        }
        return out;
    }

    private List<Network> userNetworks(Container c) {
        List<Network> out = new ArrayList<>();
        for (Network n : d.networks.byName.values()) {
            if (!n.predefined() && d.networks.on(c, n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** After {@code c} started or stopped: its peers' files gain or lose its line. */
    void refreshPeers(Container c) {
        refresh(c, peers(c));
        for (Network n : userNetworks(c)) {
            OverlayNetwork o = d.networks.overlays.of(n);
            if (o != null) {
                d.networks.overlays.swarm.endpointsChanged(o);
            }
        }
    }

    /** Rewrites the files of {@code peers}, which {@code c} joined or left. */
    void refresh(Container c, List<Container> peers) {
        if (peers.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        peers.forEach(p -> names.add(p.name));
        d.tracer.note(Layer.DAEMON, null, "update hosts", c.name, "Containers on a shared network find each other by name: "
                + String.join(", ", names) + " get " + c.name + "'s current addresses in their /etc/hosts.",
                "");
        for (Container p : peers) {
            write(p);
        }
    }

    /** Running containers that share a user-defined network with {@code c}. */
    List<Container> peers(Container c) {
        List<Container> out = new ArrayList<>();
        List<Network> mine = userNetworks(c);
        for (Container p : d.containers.values()) {
            if (p != c && p.running() && mine.stream().anyMatch(n -> !d.networks.ipOn(p, n).isEmpty())) {
                out.add(p);
            }
        }
        return out;
    }
}
