package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.NetworkCreate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a node's daemon asks of the swarm's managers about overlay networks: to create one (only a manager may),
 * an overlay it does not hold yet, its removal, and the names the embedded DNS answers on it. A daemon outside
 * any swarm has {@link #NONE}, which refuses overlays in Docker's words.
 */
public interface SwarmNetworks {
    String NOT_MANAGER = "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this node to"
            + " swarm and try again.";

    SwarmNetworks NONE = new SwarmNetworks() {
        @Override
        public OverlayNetwork create(NetworkCreate request) {
            throw DockerException.unavailable(NOT_MANAGER);
        }

        @Override
        public Optional<OverlayNetwork> find(String ref) {
            return Optional.empty();
        }

        @Override
        public void remove(OverlayNetwork n) {
            throw DockerException.unavailable(NOT_MANAGER);
        }

        @Override
        public Map<String, List<String>> names(OverlayNetwork n) {
            return Map.of();
        }

        @Override
        public void installed(OverlayNetwork n) {
        }

        @Override
        public void endpointsChanged(OverlayNetwork n) {
        }
    };

    /** {@code docker network create -d overlay} on this node: the managers allocate the network, or refuse. */
    OverlayNetwork create(NetworkCreate request);

    /** An overlay of the swarm by name, id or id prefix. */
    Optional<OverlayNetwork> find(String ref);

    /** {@code docker network rm} of an overlay: the managers forget it on every node, or refuse while a service uses it. */
    void remove(OverlayNetwork n);

    /** The names the embedded DNS answers on the overlay besides its containers': each service to its VIP, tasks.NAME to its tasks. */
    Map<String, List<String>> names(OverlayNetwork n);

    /** This node took a copy of the overlay: the managers program its load balancing for the services on it. */
    void installed(OverlayNetwork n);

    /** A container on this node joined or left the overlay: the other nodes' embedded DNS learn of it. */
    void endpointsChanged(OverlayNetwork n);
}
