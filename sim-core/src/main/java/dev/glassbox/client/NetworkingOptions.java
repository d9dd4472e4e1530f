package dev.glassbox.client;

import dev.glassbox.api.EndpointSettings;
import dev.glassbox.api.NetworkingConfig;

/**
 * {@code --network-alias} and {@code --link} of run and create, and {@code --alias}/{@code --link} of
 * network connect, as the docker CLI puts them in the request: endpoint settings keyed by the network
 * named with {@code --network} ({@code default} without one).
 */
final class NetworkingOptions {
    private NetworkingOptions() {}

    static NetworkingConfig create(Parsed p) {
        String network = p.string("network", p.string("net", ""));
        EndpointSettings settings = new EndpointSettings(p.list("network-alias"), p.list("link"));
        boolean userDefined = !network.isEmpty() && !java.util.Set.of("default", "bridge", "host", "none").contains(network)
                && !network.startsWith("container:");
        if (!settings.aliases().isEmpty() && !userDefined) {
            throw new dev.glassbox.api.UsageException("docker: network-scoped aliases are only supported for user-defined networks", 125);
        }
        return NetworkingConfig.of(network.isEmpty() ? "default" : network, settings);
    }

    static EndpointSettings connect(Parsed p) {
        java.util.List<String> aliases = new java.util.ArrayList<>();
        p.list("alias").forEach(a -> aliases.addAll(java.util.List.of(a.split(","))));
        return new EndpointSettings(aliases, p.list("link"));
    }
}
