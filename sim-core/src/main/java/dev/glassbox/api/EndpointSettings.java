package dev.glassbox.api;

import java.util.List;

/**
 * What a container asks of one network it joins, as Docker's {@code EndpointSettings} in the create
 * request's {@code NetworkingConfig.EndpointsConfig} and in {@code POST /networks/{id}/connect} carry it:
 * the extra names it answers to there ({@code --network-alias}, {@code network connect --alias}) and its
 * legacy links ({@code --link NAME[:ALIAS]}), as typed.
 */
public record EndpointSettings(List<String> aliases, List<String> links) {
    public static final int MAX = 64;
    public static final EndpointSettings NONE = new EndpointSettings(List.of(), List.of());

    public EndpointSettings {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        links = links == null ? List.of() : List.copyOf(links);
        if (aliases.size() > MAX || links.size() > MAX) {
            throw DockerException.limit("glassbox takes at most " + MAX + " aliases and " + MAX + " links per network");
        }
    }

    public boolean isEmpty() {
        return aliases.isEmpty() && links.isEmpty();
    }
}
