package dev.glassbox.repl;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import java.util.Set;

/**
 * Empties a daemon of what a lesson's start state must not find: every container (and its anonymous
 * volumes), every volume, every user-defined network. Images stay: a start state pulls what it needs.
 */
final class LabReset {
    private static final Set<String> BUILT_IN_NETWORKS = Set.of("bridge", "host", "none");

    private LabReset() {}

    static void clear(Api api) {
        for (Api.ContainerSummary c : api.containers(true)) {
            try {
                api.remove(c.id(), true, true);
            } catch (DockerException e) {
                // gone meanwhile (an --rm container that ended)
            }
        }
        for (Api.NetworkSummary n : api.networks()) {
            if (!BUILT_IN_NETWORKS.contains(n.name())) {
                api.removeNetwork(n.name());
            }
        }
        for (Api.Volume v : api.volumes()) {
            api.removeVolume(v.name(), true);
        }
    }
}
