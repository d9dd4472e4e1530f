package dev.glassbox.swarm;

import dev.glassbox.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The swarm's state as its managers' raft store holds it: the cluster's CA and join tokens, its nodes,
 * and (through {@link Orchestrator}) its services, tasks and overlay networks. One world holds at most one swarm.
 */
final class Cluster {
    static final String NOT_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect"
            + " this node to swarm and try again.";
    static final String WORKER = "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state."
            + " Please run this command on a manager node or promote the current node to a manager.";

    final Ids ids;
    final List<SwarmNode> nodes = new ArrayList<>();
    String ca;
    String workerToken;
    String managerToken;
    String managerAddr;
    /** The cluster's id, as {@code docker info} shows it on a manager. */
    String clusterId;
    long createdAt;

    Cluster(long seed) {
        this.ids = new Ids(seed);
    }

    boolean exists() {
        return !nodes.isEmpty();
    }

    /** The node the engine runs, while it is part of the swarm. */
    Optional<SwarmNode> nodeOf(Engine e) {
        return nodes.stream().filter(n -> n.engine == e).findFirst();
    }

    /** By full id, unique id prefix or hostname, as swarmkit looks nodes up. */
    SwarmNode node(String ref) {
        for (SwarmNode n : nodes) {
            if (n.id.equals(ref)) {
                return n;
            }
        }
        List<SwarmNode> found = nodes.stream().filter(n -> n.hostname.equals(ref)).toList();
        if (found.isEmpty()) {
            found = nodes.stream().filter(n -> !ref.isEmpty() && n.id.startsWith(ref)).toList();
        }
        if (found.size() > 1) {
            throw new SwarmException("node " + ref + " is ambiguous (" + found.size() + " matches found)");
        }
        if (found.isEmpty()) {
            throw new SwarmException("node " + ref + " not found");
        }
        return found.get(0);
    }

    /** The node the engine is, as a manager: or the daemon's refusal. */
    SwarmNode manager(Engine e) {
        SwarmNode n = nodeOf(e).orElseThrow(() -> new SwarmException(NOT_MANAGER));
        if (n.role != SwarmNode.Role.MANAGER) {
            throw new SwarmException(WORKER);
        }
        return n;
    }

    /** Nodes in the order they joined: the scheduler's tie-break. */
    List<SwarmNode> ready() {
        return nodes.stream().filter(n -> n.state == SwarmNode.State.READY).toList();
    }
}
