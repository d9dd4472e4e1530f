package dev.glassbox.trace;

/**
 * The parts of one host's state as the engine's state JSON shows them, in that order: the daemon's objects
 * under {@code daemon}, the kernel's under {@code host}. Each is a map keyed by object (NAT and PROXIES are lists).
 * The owner of a part marks it in its {@link Edits} where it edits it, so a trace reads only the parts that changed.
 */
public enum StatePart {
    IMAGES(Owner.DAEMON, "images"),
    LAYERS(Owner.DAEMON, "layers"),
    CONTAINERS(Owner.DAEMON, "containers"),
    NETWORKS(Owner.DAEMON, "networks"),
    VOLUMES(Owner.DAEMON, "volumes"),
    NAMESPACES(Owner.KERNEL, "namespaces"),
    PROCESSES(Owner.KERNEL, "processes"),
    CGROUPS(Owner.KERNEL, "cgroups"),
    MOUNTS(Owner.KERNEL, "mounts"),
    LINKS(Owner.KERNEL, "links"),
    ROUTES(Owner.KERNEL, "routes"),
    NAT(Owner.KERNEL, "nat"),
    PROXIES(Owner.KERNEL, "proxies");

    /** Who holds a part: the daemon ({@code /daemon/…}) or the kernel ({@code /host/…}). */
    public enum Owner {
        DAEMON("daemon"), KERNEL("host");

        public final String key;

        Owner(String key) {
            this.key = key;
        }
    }

    public final Owner owner;
    /** The part's name in the state JSON. */
    public final String key;

    StatePart(Owner owner, String key) {
        this.owner = owner;
        this.key = key;
    }

    /**
     * The parts whose values are computed from this one, so that an edit of this part changes them too: a volume's
     * users are containers, a namespace's member count counts processes, a cgroup's memory adds up its processes' memory.
     */
    public java.util.Set<StatePart> readers() {
        switch (this) {
            case CONTAINERS: return java.util.Set.of(VOLUMES);
            case PROCESSES: return java.util.Set.of(NAMESPACES, CGROUPS);
            default: return java.util.Set.of();
        }
    }

    /** Its path under a host's state: {@code /daemon/images}, {@code /host/processes}. */
    public String path() {
        return "/" + owner.key + "/" + key;
    }
}
