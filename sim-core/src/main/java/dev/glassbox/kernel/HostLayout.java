package dev.glassbox.kernel;

/**
 * Where the engine keeps its things on a host: the data root (Docker's {@code /var/lib/docker}), the
 * parent of the containers' cgroups, and the default bridge with its subnet. The sim kernel uses
 * Docker's own names; the Linux kernel uses {@code glassbox…} names under its state root, so it
 * never touches what a real Docker on the same host owns.
 */
public record HostLayout(String dataRoot, String cgroupParent, String bridge, String subnet, String gateway) {
    /** Docker's defaults, as a real dockerd uses them. */
    public static final HostLayout DOCKER = new HostLayout("/var/lib/docker", "docker", "docker0", "172.17.0.0/16", "172.17.0.1");

    public HostLayout {
        if (!dataRoot.startsWith("/") || dataRoot.endsWith("/") && dataRoot.length() > 1) {
            throw new IllegalArgumentException("data root must be an absolute path without a trailing '/': " + dataRoot);
        }
    }

    /**
     * The bridge of a user-defined network: Docker's {@code br-} and the network id's first 12 hex
     * digits on Docker's layout; elsewhere this layout's bridge name without its trailing digits, a
     * dash and as many hex digits as Linux's 15-character interface names leave room for.
     */
    public String networkBridge(String networkId) {
        if (bridge.equals("docker0")) {
            return "br-" + networkId.substring(0, 12);
        }
        String name = bridge.replaceAll("[0-9]+$", "") + "-" + networkId;
        return name.substring(0, Math.min(15, name.length()));
    }
}
