package dev.glassbox.runtime;

import dev.glassbox.kernel.CloneSpec;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.MountSpec;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The containerd + shim + runc roles: turns a {@link RuntimeSpec} into kernel objects in the order
 * runc uses (namespaces, cgroup, network, rootfs, then execve), and takes them apart again. runc's
 * init brings up the loopback link before it mounts anything, and Docker's network (libnetwork's
 * prestart hook) is configured while the init still sees the host's root, before pivot_root.
 */
public final class Runtime {
    private final Kernel kernel;
    private final Tracer tracer;

    public Runtime(Kernel kernel, Tracer tracer) {
        this.kernel = kernel;
        this.tracer = tracer;
    }

    /**
     * The trace's equivalent for a runc or containerd command line: the command itself where the kernel models those
     * programs, and marked as what Docker would run, a comment beside the system calls that did run, where glassbox
     * did their work itself ({@link Kernel#carriesOutRuntime()}).
     */
    public static String runc(Kernel kernel, String command) {
        return kernel.carriesOutRuntime() ? "# Docker would run: " + command : command;
    }

    /** runc create: the container's init exists in its namespaces, cgroup, network and rootfs, not yet running the program. */
    public Sandbox create(RuntimeSpec spec) {
        try (Tracer.Span s = tracer.open(Layer.RUNTIME, null, "runc create", spec.id().substring(0, 12),
                "containerd asks its shim to have runc create the container from the OCI spec: namespaces, cgroup, network and root filesystem, in that order.",
                runc(kernel, "runc create --bundle /run/containerd/io.containerd.runtime.v2.task/moby/" + spec.id() + " " + spec.id()))) {
            snapshot(spec);
            Sandbox sb = namespaces(spec);
            cgroup(spec, sb);
            network(spec, sb);
            rootfs(spec, sb);
            if (sb.namespaces().containsKey(NsType.UTS) && !spec.hostNamespaces().contains(NsType.UTS)) {
                kernel.processes().sethostname(sb, spec.hostname()); // never with --uts host: that namespace is the host's
            }
            return sb;
        }
    }

    private Sandbox namespaces(RuntimeSpec spec) {
        try (Tracer.Span s = tracer.open(Layer.RUNTIME, null, "namespaces", spec.id().substring(0, 12),
                "runc clones the init process into new namespaces, so it sees its own process tree, hostname, mounts and network.", "")) {
            Set<NsType> create = EnumSet.of(NsType.PID, NsType.MNT, NsType.UTS, NsType.IPC, NsType.CGROUP);
            create.removeAll(spec.hostNamespaces()); // --pid host, --uts host, --ipc host
            Map<NsType, Sandbox> join = Map.of();
            if (spec.network() instanceof RuntimeSpec.NetworkPlan.Joined j) {
                join = Map.of(NsType.NET, j.sandbox());
            } else if (spec.network().ownNamespace()) {
                create.add(NsType.NET);
            }
            if (spec.userNamespace()) {
                create.add(NsType.USER);
            }
            return kernel.processes().clone(new CloneSpec(spec.id(), create, join, spec.uidMap(), spec.gidMap()));
        }
    }

    private void cgroup(RuntimeSpec spec, Sandbox sb) {
        try (Tracer.Span s = tracer.open(Layer.RUNTIME, null, "cgroup", spec.cgroup(),
                "runc puts the init process into a cgroup of its own, before it runs any code, so every byte and process it makes is counted and limited.", "")) {
            kernel.cgroups().create(spec.cgroup(), spec.limits());
            kernel.cgroups().attach(spec.cgroup(), sb.pid());
        }
    }

    /**
     * containerd's snapshotter mounts the image layers under a writable layer before runc runs, so the
     * new mount namespace starts with a copy of that mount (a mount made later in the host's namespace
     * would not show up in a private copy).
     */
    private void snapshot(RuntimeSpec spec) {
        if (spec.lowerdirs().isEmpty()) {
            tracer.note(Layer.RUNTIME, null, "snapshot", spec.merged(), "The storage driver keeps the container's files in one plain directory"
                    + " (a full copy of its image, vfs): there is no union to mount; runc will make that directory the container's '/'.", "");
            return;
        }
        try (Tracer.Span s = tracer.open(Layer.RUNTIME, null, "snapshot", spec.merged(),
                "containerd's overlayfs snapshotter stacks the image layers under a writable layer; runc will make this mount the container's '/'.", "")) {
            kernel.mounts().overlay(spec.lowerdirs(), spec.upperdir(), spec.workdir(), spec.merged());
        }
    }

    private void rootfs(RuntimeSpec spec, Sandbox sb) {
        try (Tracer.Span s = tracer.open(Layer.RUNTIME, null, "rootfs", spec.merged(),
                "Inside the new mount namespace, the " + (spec.lowerdirs().isEmpty() ? "container's directory" : "overlay")
                        + " becomes the container's '/', with /proc, /dev and /sys of its own.", "")) {
            kernel.mounts().prepareRoot(sb, spec.merged());
            for (MountSpec m : spec.mounts()) {
                kernel.mounts().mountIn(sb, m);
            }
            RuntimeSpec.Confinement c = spec.confinement();
            if (!c.devices().isEmpty()) {
                kernel.mounts().createDevices(sb, c.devices());
            }
            kernel.mounts().pivotRoot(sb);
            if (spec.readonlyRootfs()) {
                kernel.mounts().readonlyRoot(sb);
            }
            kernel.mounts().maskPaths(sb, c.maskedPaths(), c.readonlyPaths());
        }
    }

    private void network(RuntimeSpec spec, Sandbox sb) {
        RuntimeSpec.NetworkPlan n = spec.network();
        try (Tracer.Span s = tracer.open(Layer.RUNTIME, null, "network", modeName(n), sentence(n), "")) {
            if (!n.ownNamespace()) {
                return;
            }
            kernel.net().linkUp(sb, "lo");
            if (n instanceof RuntimeSpec.NetworkPlan.Attached a) {
                join(sb, a.endpoint());
                if (a.gateway() != null) { // an overlay's containers have no way out of it: no default route
                    kernel.net().addDefaultRoute(sb, a.gateway(), a.endpoint().ifname());
                }
                for (NatRule r : a.nat()) {
                    kernel.net().addNat(r);
                    kernel.net().proxy(r);
                }
            }
        }
    }

    /** Wires an endpoint into the container's network namespace: its link, its address, up. */
    public void join(Sandbox sb, EndpointPlan ep) {
        if (ep instanceof EndpointPlan.Veth v) {
            kernel.net().createVeth(v.hostIf(), sb, v.ifname());
            kernel.net().setMaster(v.hostIf(), v.bridge());
        } else if (ep instanceof EndpointPlan.Macvlan m) {
            kernel.net().createMacvlan(m.parent(), m.mode(), sb, m.ifname());
        } else if (ep instanceof EndpointPlan.Ipvlan i) {
            kernel.net().createIpvlan(i.parent(), sb, i.ifname());
        } else if (ep instanceof EndpointPlan.Overlay o) {
            if (!kernel.net().linkExists(o.bridge())) {
                kernel.net().createOverlay(o.bridge(), o.vxlan(), o.vni(), null);
            }
            kernel.net().createVeth(o.hostIf(), sb, o.ifname());
            kernel.net().setMaster(o.hostIf(), o.bridge());
        }
        kernel.net().addAddress(sb, ep.ifname(), ep.ip() + "/" + ep.prefix());
        kernel.net().linkUp(sb, ep.ifname());
    }

    /**
     * Takes an endpoint's link away, unless the kernel already did with the container's namespace. A
     * macvlan child lives only in the container's namespace: {@code network disconnect} deletes it there.
     */
    public void leave(Sandbox sb, EndpointPlan ep) {
        if (ep instanceof EndpointPlan.Veth v && kernel.net().linkExists(v.hostIf())) {
            kernel.net().deleteLink(v.hostIf());
        } else if (ep instanceof EndpointPlan.Overlay o && kernel.net().linkExists(o.hostIf())) {
            kernel.net().deleteLink(o.hostIf());
        } else if (ep instanceof EndpointPlan.Macvlan m && sb != null) {
            kernel.net().deleteLink(sb, m.ifname());
        } else if (ep instanceof EndpointPlan.Ipvlan i && sb != null) {
            kernel.net().deleteLink(sb, i.ifname());
        }
    }

    /** The plan's name in the trace: host, none, container, or the bridge driver's. */
    private static String modeName(RuntimeSpec.NetworkPlan n) {
        if (n instanceof RuntimeSpec.NetworkPlan.Host) {
            return "host";
        }
        if (n instanceof RuntimeSpec.NetworkPlan.Isolated) {
            return "none";
        }
        if (n instanceof RuntimeSpec.NetworkPlan.Joined) {
            return "container";
        }
        return n.endpoint() instanceof EndpointPlan.Macvlan ? "macvlan" : n.endpoint() instanceof EndpointPlan.Ipvlan ? "ipvlan"
                : n.endpoint() instanceof EndpointPlan.Overlay ? "overlay" : "bridge";
    }

    private static String sentence(RuntimeSpec.NetworkPlan n) {
        if (n instanceof RuntimeSpec.NetworkPlan.Attached a && a.endpoint() instanceof EndpointPlan.Veth v) {
            return "libnetwork connects the container to the " + v.bridge() + " bridge with a veth pair and gives it " + v.ip() + ".";
        }
        if (n instanceof RuntimeSpec.NetworkPlan.Attached a && a.endpoint() instanceof EndpointPlan.Macvlan m) {
            return "libnetwork's macvlan driver makes the container's " + m.ifname() + " a child of the host's " + m.parent()
                    + " and gives it " + m.ip() + ": a station of its own on " + m.parent() + "'s segment, with no bridge and no NAT between.";
        }
        if (n instanceof RuntimeSpec.NetworkPlan.Attached a && a.endpoint() instanceof EndpointPlan.Ipvlan i) {
            return "libnetwork's ipvlan driver makes the container's " + i.ifname() + " an l2 child of the host's " + i.parent()
                    + " and gives it " + i.ip() + ": it shares " + i.parent() + "'s MAC address and is told apart on the segment by its IP address.";
        }
        if (n instanceof RuntimeSpec.NetworkPlan.Attached a && a.endpoint() instanceof EndpointPlan.Overlay o) {
            return "libnetwork's overlay driver connects the container to the overlay's bridge " + o.bridge() + " with a veth pair and gives it "
                    + o.ip() + ": " + o.vxlan() + " carries its frames to containers of the same overlay on other hosts (VNI " + o.vni() + ").";
        }
        return switch (modeName(n)) {
            case "host" -> "--network host: the container shares the host's network namespace; nothing is set up.";
            case "none" -> "--network none: the container's network namespace gets only its loopback interface.";
            default -> "The container joins another container's network namespace and shares its interfaces.";
        };
    }

    /** runc start: the waiting init execs the container's program. */
    public int start(Sandbox sb, RuntimeSpec spec) {
        try (Tracer.Span s = tracer.open(Layer.RUNTIME, null, "runc start", spec.id().substring(0, 12),
                "runc tells the waiting init to exec the image's program; the shim keeps its stdout and stderr for the logs.",
                runc(kernel, "runc start " + spec.id()))) {
            return kernel.processes().exec(sb, new ExecSpec(spec.argv(), spec.env(), spec.cwd(), spec.uid(), spec.gid(), "", spec.output(),
                    spec.stdio(), spec.capabilities()));
        }
    }

    /** Takes apart what {@link #create} made; parts that are already gone are skipped. {@code merged}: the overlay to unmount, null if none. */
    public void teardown(String id, Sandbox sb, RuntimeSpec.NetworkPlan n, String merged, String cgroup) {
        try (Tracer.Span s = tracer.open(Layer.RUNTIME, null, "cleanup", id.substring(0, 12),
                "The container's processes are gone: its network, root filesystem mount and cgroup are taken apart.", runc(kernel, "runc delete " + id))) {
            for (NatRule r : n.nat()) {
                kernel.net().unproxy(r);
                kernel.net().removeNat(r);
            }
            if (n.endpoint() instanceof EndpointPlan.Veth v) { // the kernel may have deleted the pair with the namespace already: deleteLink says so
                kernel.net().deleteLink(v.hostIf());
            } else if (n.endpoint() instanceof EndpointPlan.Overlay o) {
                kernel.net().deleteLink(o.hostIf());
            }
            try {
                if (merged != null) { // null: a plain-directory root (vfs), never mounted
                    kernel.mounts().unmount(merged);
                }
            } catch (RuntimeException e) {
                // not mounted: create failed before the rootfs step
            }
            try {
                kernel.cgroups().remove(cgroup);
            } catch (RuntimeException e) {
                // never created
            }
            if (sb != null) {
                kernel.processes().release(sb);
            }
        }
    }

    /**
     * The standard mounts runc makes inside every container, then the daemon's files and the user's
     * mounts, parents before children (a volume at /etc gets the daemon's /etc/hosts on top).
     */
    public static List<MountSpec> standardMounts(String containerDir, List<MountSpec> extra) {
        return standardMounts(containerDir, extra, false);
    }

    /**
     * {@code bindSys}: the container has a user namespace but not a network namespace of its own, and
     * the kernel lets a user namespace mount sysfs only for a network namespace it owns; runc then
     * bind-mounts the host's /sys, read-only, instead.
     */
    public static List<MountSpec> standardMounts(String containerDir, List<MountSpec> extra, boolean bindSys) {
        return standardMounts(containerDir, extra, bindSys, false);
    }

    /** {@code privileged}: /sys (and the cgroup view under it) stays writable, as moby clears "ro" there for {@code --privileged}. */
    public static List<MountSpec> standardMounts(String containerDir, List<MountSpec> extra, boolean bindSys, boolean privileged) {
        String ro = privileged ? "rw" : "ro";
        List<MountSpec> out = new java.util.ArrayList<>(List.of(
                new MountSpec("proc", "proc", "/proc", List.of("nosuid", "noexec", "nodev")),
                new MountSpec("tmpfs", "tmpfs", "/dev", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
                bindSys ? new MountSpec("bind", "/sys", "/sys", List.of("rbind", "nosuid", "noexec", "nodev", ro))
                        : new MountSpec("sysfs", "sysfs", "/sys", List.of("nosuid", "noexec", "nodev", ro))));
        List<MountSpec> rest = new java.util.ArrayList<>(List.of(
                MountSpec.bind(containerDir + "/resolv.conf", "/etc/resolv.conf", false),
                MountSpec.bind(containerDir + "/hostname", "/etc/hostname", false),
                MountSpec.bind(containerDir + "/hosts", "/etc/hosts", false)));
        rest.addAll(extra);
        rest.sort(java.util.Comparator.comparingInt(m -> m.target().split("/").length));
        out.addAll(rest);
        return out;
    }
}
