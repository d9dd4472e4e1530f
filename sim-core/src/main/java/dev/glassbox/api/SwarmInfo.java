package dev.glassbox.api;

import java.util.List;

/**
 * The swarm part of {@code docker info}: whether this node is in a swarm, as which node, whether it is a manager
 * (then the cluster's id and counts), and the managers' addresses it knows.
 */
public record SwarmInfo(String localNodeState, String nodeId, String nodeAddr, boolean controlAvailable, String clusterId, int managers,
                        int nodes, List<String> remoteManagers) {
    public static final SwarmInfo INACTIVE = new SwarmInfo("inactive", "", "", false, "", 0, 0, List.of());

    public SwarmInfo {
        remoteManagers = List.copyOf(remoteManagers);
    }

    public boolean active() {
        return localNodeState.equals("active");
    }
}
