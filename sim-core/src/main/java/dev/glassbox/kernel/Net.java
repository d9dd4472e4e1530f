package dev.glassbox.kernel;

/**
 * A host's network as the engine uses it: its {@link Links}, and published ports (a DNAT rule and a
 * docker-proxy each). A null sandbox means the host's network namespace.
 */
public interface Net extends Links, Overlays {
    /** The DNAT rule of a published port ({@link NatRule#iptables()}): host addresses other than loopback. */
    void addNat(NatRule rule);

    void removeNat(NatRule rule);

    /**
     * Starts docker-proxy for a published port ({@link NatRule#proxyCommand()}): a userland process that
     * accepts the connections DNAT never sees (those to 127.0.0.1, as loopback traffic is not NATed)
     * and opens its own to the container. Docker's default (userland-proxy=true) runs both.
     */
    void proxy(NatRule rule);

    /** Stops that docker-proxy: the port stops answering on loopback at once. */
    void unproxy(NatRule rule);

    /**
     * The counters of the interfaces in the sandbox's network namespace, by name, loopback left out: what
     * {@code docker stats} sums as NET I/O.
     */
    java.util.Map<String, LinkCounters> counters(Sandbox sandbox);

    /**
     * The host addresses where a published port answers, as {@code docker ps} and inspect show it: the rule's own
     * address ({@code 0.0.0.0}, all of the host's, on a kernel that serves it there); a kernel that serves fewer
     * names those it does.
     */
    default java.util.List<String> answersOn(NatRule rule) {
        return java.util.List.of(rule.hostIp());
    }

    /**
     * Docker's embedded DNS at 127.0.0.11:53 in the sandbox's network namespace answers these names
     * (lower-case name to IPv4 address) from now on; an empty map stops it. The sim kernel needs none:
     * its nslookup reads the daemon's names from the container's /etc/hosts.
     */
    default void serveDns(Sandbox sandbox, java.util.Map<String, String> names) {
    }

    /**
     * connect(2) from the host's network namespace, where the daemon runs, to {@code ip:port}: what the
     * daemon's registry client does to reach a registry on this host ({@code localhost:5000} is
     * docker-proxy's 127.0.0.1:5000, relaying into the registry's container). Throws {@link SysError}
     * {@code ECONNREFUSED} when nothing listens there, {@code ENETUNREACH}/{@code EHOSTUNREACH} when no
     * route leads there (glassbox's traffic never leaves the machine).
     */
    TcpConnection connect(String ip, int port);
}
