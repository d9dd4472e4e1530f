package dev.glassbox.daemon;

/**
 * A container's attachment to a network it was connected to after create ({@code docker network
 * connect}): an interface {@code ethN} inside, a veth on the network's bridge, an address from its
 * IPAM while the container runs.
 */
final class Endpoint {
    final String network;
    final String ifname;
    String ip = "";
    String veth = "";
    String endpointId = "";
    /** How the endpoint is wired while the container runs; null when it is not. */
    dev.glassbox.runtime.EndpointPlan plan;

    Endpoint(String network, String ifname) {
        this.network = network;
        this.ifname = ifname;
    }
}
