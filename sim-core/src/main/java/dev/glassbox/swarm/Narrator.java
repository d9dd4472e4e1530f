package dev.glassbox.swarm;

import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;

/** Every sentence the swarm's control plane adds to the trace, in one place. */
final class Narrator {
    private final Tracer tracer;

    Narrator(Tracer tracer) {
        this.tracer = tracer;
    }

    private void say(String host, String action, String object, String sentence, String equivalent) {
        try (Tracer.Span h = tracer.onHost(host)) {
            tracer.did(Layer.DAEMON, null, action, object, sentence, equivalent);
        }
    }

    void initialized(SwarmNode n) {
        say(n.hostname, "swarm init", n.id, "dockerd starts swarmkit: " + n.hostname + " creates a root CA and a one-member raft store,"
                + " becomes its leader, and listens for other nodes on " + n.address + ":2377.", "swarmkit: raft bootstrap, CA created");
    }

    void joined(SwarmNode n, String manager) {
        say(n.hostname, "swarm join", n.id, n.hostname + " presents the join token to the manager at " + manager + "; the token's CA digest"
                + " lets it trust the manager, the secret lets the manager trust it: it gets a node certificate as a "
                + SwarmNode.pretty(n.role).toLowerCase(java.util.Locale.ROOT) + ".", "TLS to " + manager + ", CSR signed by the swarm's CA");
    }

    void left(SwarmNode n) {
        say(n.hostname, "swarm leave", n.id, n.hostname + " stops its swarm agent: the managers mark it Down and reschedule its tasks on"
                + " the nodes that remain.", "swarmkit agent stopped");
    }

    void removed(SwarmNode n) {
        say(n.hostname, "node rm", n.id, "The managers delete " + n.hostname + " from the raft store: it is no longer part of the swarm.", "");
    }

    void availability(SwarmNode n) {
        String why = switch (n.availability) {
            case ACTIVE -> "the scheduler may place new tasks on it";
            case PAUSE -> "it keeps its tasks but gets no new ones";
            case DRAIN -> "its tasks are shut down and placed on other nodes, and it gets no new ones";
        };
        say(n.hostname, "node update", n.id, n.hostname + " is now " + n.availability.wire() + ": " + why + ".", "");
    }

    void network(String host, String name, String subnet, int vni) {
        say(host, "create overlay", name, "The managers allocate the overlay network " + name + " the subnet " + subnet + " and the VXLAN id "
                + vni + ": every node that runs one of its tasks extends it with a tunnel over the LAN.", "");
    }

    void scheduled(String host, String task, String why) {
        say(host, "schedule", task, why, "");
    }

    void shutdown(String host, String task, String why) {
        say(host, "shutdown task", task, why, "");
    }

    void vip(String host, String service, String vip, String network) {
        say(host, "allocate VIP", service, "The service " + service + " gets the virtual IP " + vip + " on " + network
                + ": its name resolves to it, and IPVS spreads the connections to it over the running tasks.", "");
    }
}
