package dev.glassbox.kernel;

/**
 * The kernel events of macvlan links, one sentence each, shared by both kernels so the sim kernel and
 * the Linux kernel tell the same story; each kernel adds its own equivalent (the command it ran or
 * stands for).
 */
public final class MacvlanEvents {
    /** One event: its action, the object it concerns and the sentence. */
    public record Event(String action, String object, String sentence) {
        /** The trace step, with the equivalent the kernel that carried it out ran or stands for. */
        public KernelEvent with(String equivalent) {
            return new KernelEvent(dev.glassbox.trace.Subsystem.NETWORK, action, object, sentence, equivalent);
        }
    }

    private MacvlanEvents() {}

    /** The parent is the host's own link: the sim kernel lends it as it is. */
    public static Event parentReady(String parent) {
        return new Event("macvlan parent", parent, parent + " will carry macvlan children: each gets a MAC address of its own and"
                + " answers ARP on " + parent + "'s segment as if it were one more machine plugged in there.");
    }

    /** No -o parent: the driver makes a dummy link, whose children reach only each other. */
    public static Event dummyParent(String parent) {
        return new Event("create dummy", parent, "No -o parent was given: the macvlan driver makes the dummy link " + parent
                + " to hang the network's containers off; a dummy has no wire, so they reach only each other.");
    }

    /** An ipvlan l2 child: the parent's own MAC address, told apart by its IP address. */
    public static Event ipvlanChild(String parent, String ifname) {
        return new Event("create ipvlan", ifname, ifname + " is an ipvlan child of " + parent + " in l2 mode, made inside the container's"
                + " network namespace: unlike a macvlan child it has no MAC address of its own but shares " + parent + "'s, and " + parent
                + " hands each frame to the child whose IP address it carries.");
    }

    /** The Linux kernel's stand-in for a parent: a link in a network namespace of the daemon's, never the host's link. */
    public static Event standIn(String parent, String namespace) {
        return new Event("create stand-in", parent, "glassbox never lends the host's own " + parent + ": a link " + parent
                + " in the network namespace " + namespace + ", which the daemon made and owns, stands for it; its macvlan children"
                + " meet there as on one segment.");
    }

    public static Event child(String parent, MacvlanMode mode, String ifname) {
        return new Event("create macvlan", ifname, ifname + " is made inside the container's network namespace as a macvlan child of "
                + parent + " in " + mode.wire() + " mode: frames between children of " + parent + " are switched inside it, and"
                + " the others go out on " + parent + "'s wire. No bridge and no veth: the host's own stack never sees them.");
    }

    public static Event childGone(String ifname) {
        return new Event("delete link", ifname, "The macvlan child " + ifname + " is deleted inside the container's network namespace.");
    }

    public static Event parentReleased(String parent, boolean made) {
        return new Event("release parent", parent, made ? "No macvlan network uses " + parent + " any more: the link the driver made for"
                + " it is deleted." : "No macvlan network uses " + parent + " any more; it stays, as it was there before.");
    }
}
