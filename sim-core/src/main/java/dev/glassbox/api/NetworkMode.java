package dev.glassbox.api;

/**
 * {@code HostConfig.NetworkMode}: where a container's network namespace comes from. The wire form is
 * Docker's string ({@code default}, {@code bridge}, {@code host}, {@code none}, {@code container:NAME},
 * or a network's name or id); the daemon reads it once into one of these.
 */
public sealed interface NetworkMode {
    /** {@code default} or nothing: the daemon's default network, the {@code bridge} network. */
    record Default() implements NetworkMode {
        @Override
        public String wire() {
            return "default";
        }
    }

    /** {@code host}: the host's own network namespace; no endpoint, no address of its own. */
    record Host() implements NetworkMode {
        @Override
        public String wire() {
            return "host";
        }
    }

    /** {@code none}: a network namespace with only its loopback link. */
    record None() implements NetworkMode {
        @Override
        public String wire() {
            return "none";
        }
    }

    /** {@code container:REF}: joins another container's network namespace. */
    record Joined(String container) implements NetworkMode {
        @Override
        public String wire() {
            return "container:" + container;
        }
    }

    /** A network by name or id: {@code bridge} itself, or a user-defined network. */
    record Named(String network) implements NetworkMode {
        @Override
        public String wire() {
            return network;
        }
    }

    /** The string HostConfig carries. */
    String wire();

    /**
     * The network the container has an endpoint on from the start, by the name the daemon knows it:
     * {@code bridge} for the default; empty for host, none and container modes, which have none.
     */
    default String network() {
        if (this instanceof Named n) {
            return n.network();
        }
        return this instanceof Default ? "bridge" : "";
    }

    /** Whether the container is on the default bridge, where legacy links and no embedded DNS apply. */
    default boolean defaultBridge() {
        return network().equals("bridge");
    }

    /** Whether the mode gives the container a network namespace of its own with an endpoint in it. */
    default boolean hasEndpoint() {
        return !network().isEmpty();
    }

    static NetworkMode parse(String wire) {
        if (wire == null || wire.isEmpty() || wire.equals("default")) {
            return new Default();
        }
        if (wire.equals("host")) {
            return new Host();
        }
        if (wire.equals("none")) {
            return new None();
        }
        if (wire.startsWith("container:")) {
            return new Joined(wire.substring("container:".length()));
        }
        return new Named(wire);
    }
}
