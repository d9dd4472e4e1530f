package dev.glassbox.sim;

import dev.glassbox.kernel.Device;
import dev.glassbox.kernel.MountEvents;
import dev.glassbox.kernel.MountSpec;
import dev.glassbox.kernel.Mounts;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.SysError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Mounts on the sim kernel: overlay in the host's namespace, a container's root in its own. */
final class SimMounts implements Mounts {
    private final SimKernel k;
    private final Map<String, List<String>> preparedRoots = new HashMap<>();

    SimMounts(SimKernel k) {
        this.k = k;
    }

    private Node.Dir hostDir(String path) {
        MountTable.Resolved r = k.hostNs.mnt().table.resolve("/", path, true);
        if (r.node() == null) {
            throw SysError.enoent();
        }
        if (!(r.node() instanceof Node.Dir d)) {
            throw SysError.enotdir();
        }
        return d;
    }

    @Override
    public void overlay(List<String> lowerdirs, String upperdir, String workdir, String target) {
        List<Node.Dir> lowers = new ArrayList<>();
        for (String l : lowerdirs) {
            lowers.add(hostDir(l));
        }
        Node.Dir upper = hostDir(upperdir);
        hostDir(workdir);
        hostDir(target);
        String options = "rw,relatime,lowerdir=" + String.join(":", lowerdirs) + ",upperdir=" + upperdir + ",workdir=" + workdir;
        k.event(MountEvents.overlay(target, lowerdirs.size(), "mount -t overlay overlay -o " + options.substring("rw,relatime,".length()) + " " + target));
        k.hostNs.mnt().table.add(new MountTable.Mount(MountTable.split(target), new OverlayFs(upper, lowers, k.ids), List.of(), false,
                "overlay", "overlay", options));
        k.edits.mark(dev.glassbox.trace.StatePart.MOUNTS);
    }

    @Override
    public void unmount(String target) {
        k.event(MountEvents.unmount(target, "umount " + target));
        if (!k.hostNs.mnt().table.remove(MountTable.split(target))) {
            throw SysError.einval();
        }
        k.edits.mark(dev.glassbox.trace.StatePart.MOUNTS);
    }

    @Override
    public void prepareRoot(Sandbox sandbox, String rootfs) {
        Namespaces.Mnt mnt = k.namespacesOf(sandbox).mnt();
        if (mnt == k.hostNs.mnt()) {
            throw SysError.einval();
        }
        k.event(MountEvents.prepareRoot(rootfs, "mount --make-rprivate / && mount --rbind " + rootfs + " " + rootfs));
        MountTable.Resolved src = k.hostNs.mnt().table.resolve("/", rootfs, true);
        if (!(src.node() instanceof Node.Dir)) {
            throw SysError.enoent();
        }
        mnt.table.add(new MountTable.Mount(MountTable.split(rootfs), src.mount().fs, src.rel(), false, src.mount().type,
                src.mount().source, src.mount().options));
        k.edits.mark(dev.glassbox.trace.StatePart.MOUNTS);
        preparedRoots.put(sandbox.id(), MountTable.split(rootfs));
    }

    private List<String> root(Sandbox sandbox) {
        List<String> r = preparedRoots.get(sandbox.id());
        if (r == null) {
            throw SysError.einval();
        }
        return r;
    }

    @Override
    public void mountIn(Sandbox sandbox, MountSpec spec) {
        Namespaces.Set ns = k.namespacesOf(sandbox);
        List<String> target = new ArrayList<>(root(sandbox));
        target.addAll(MountTable.split(spec.target()));
        String targetPath = Fs.join(target);
        ensureMountpoint(ns, targetPath, spec);
        MountTable.Mount m;
        String opts = String.join(",", spec.options());
        switch (spec.type()) {
            case "proc" -> m = new MountTable.Mount(target, new ProcFs(k, ns.pid()), List.of(), false, "proc", "proc", "rw,nosuid,nodev,noexec,relatime");
            case "tmpfs" -> {
                TreeFs t = new TreeFs("tmpfs", k.ids);
                if (spec.target().equals("/dev")) {
                    Devices.populate(t);
                }
                for (Node n : t.list(List.of()).values()) {
                    if (!(n instanceof Node.Dev)) { // the devices are the host's own nodes, bound in (a user namespace may not mknod)
                        ownedByRoot(ns, n);
                    }
                }
                ownedByRoot(ns, t.lookup(List.of()));
                m = new MountTable.Mount(target, t, List.of(), spec.readOnly(), "tmpfs", "tmpfs", opts.isEmpty() ? "rw,nosuid" : opts);
            }
            case "sysfs" -> {
                SysFs sys = new SysFs(k.ids, List.of("fs/cgroup", "firmware/acpi", "firmware/dmi", "firmware/memmap", "devices/virtual/powercap"));
                m = new MountTable.Mount(target, sys, List.of(), spec.readOnly(), "sysfs", "sysfs",
                        (spec.readOnly() ? "ro" : "rw") + ",nosuid,nodev,noexec,relatime");
            }
            case "bind" -> {
                MountTable.Resolved src = k.hostNs.mnt().table.resolve("/", spec.source(), true);
                if (src.node() == null) {
                    throw SysError.enoent();
                }
                m = new MountTable.Mount(target, src.mount().fs, src.rel(), spec.readOnly(), src.mount().type, src.mount().source,
                        (spec.readOnly() ? "ro" : "rw") + ",relatime");
            }
            default -> throw SysError.einval();
        }
        String equivalent = spec.type().equals("bind")
                ? "mount --bind " + spec.source() + " " + targetPath + (spec.readOnly() ? " -o ro" : "")
                : "mount -t " + spec.type() + " " + spec.type() + " " + targetPath + (opts.isEmpty() ? "" : " -o " + opts);
        List<String> cgroupAt = CgroupFs.path(target);
        if (spec.type().equals("sysfs")) { // runc mounts cgroup2 read-only on /sys/fs/cgroup: the container's own cgroup as its root
            equivalent += " ; mount -t cgroup2 cgroup2 " + Fs.join(cgroupAt) + " -o " + (spec.readOnly() ? "ro" : "rw") + ",nosuid,nodev,noexec,relatime";
        }
        k.event(MountEvents.mount(spec, ns.pid() == k.hostNs.pid() ? MountEvents.ProcOf.HOST : MountEvents.ProcOf.CONTAINER, equivalent));
        ns.mnt().table.add(m);
        k.edits.mark(dev.glassbox.trace.StatePart.MOUNTS);
        if (spec.type().equals("sysfs")) {
            ns.mnt().table.add(new MountTable.Mount(cgroupAt, new CgroupFs(k, ns.cgroup()), List.of(), spec.readOnly(), "cgroup2", "cgroup2",
                    (spec.readOnly() ? "ro" : "rw") + ",nosuid,nodev,noexec,relatime"));
            k.edits.mark(dev.glassbox.trace.StatePart.MOUNTS);
        }
    }

    /** runc creates a missing mount point (a directory, or an empty file for a file bind mount). */
    private void ensureMountpoint(Namespaces.Set ns, String path, MountSpec spec) {
        MountTable table = ns.mnt().table;
        MountTable.Resolved r = table.resolve("/", path, true);
        if (r.node() != null) {
            return;
        }
        boolean file = spec.type().equals("bind") && !(k.hostNs.mnt().table.resolve("/", spec.source(), true).node() instanceof Node.Dir);
        List<String> parts = MountTable.split(path);
        for (int i = 1; i < parts.size(); i++) {
            String sub = Fs.join(parts.subList(0, i));
            MountTable.Resolved d = table.resolve("/", sub, true);
            if (d.node() == null) {
                ownedByRoot(ns, d.mount().fs.mkdir(d.rel(), 0755));
            }
        }
        MountTable.Resolved last = table.resolve("/", path, true);
        if (file) {
            ownedByRoot(ns, last.mount().fs.write(last.rel(), new byte[0], false, 0644));
        } else {
            ownedByRoot(ns, last.mount().fs.mkdir(last.rel(), 0755));
        }
    }

    /** What the container's init makes belongs to its root: the host's root, or the remapped one. */
    private static void ownedByRoot(Namespaces.Set ns, Node n) {
        n.uid = (int) Math.max(0, ns.user().toHost(0, false));
        n.gid = (int) Math.max(0, ns.user().toHost(0, true));
    }

    @Override
    public void pivotRoot(Sandbox sandbox) {
        Namespaces.Mnt mnt = k.namespacesOf(sandbox).mnt();
        List<String> root = root(sandbox);
        k.event(MountEvents.pivotRoot("pivot_root(\"" + Fs.join(root) + "\", \"" + Fs.join(root) + "/.pivot_root\") ; umount2(\"/.pivot_root\", MNT_DETACH)"));
        // The new root is the topmost mount at that path (the bind on top of the overlay); what lies
        // beneath it stays with the old root and is detached with it.
        int top = 0;
        for (int i = 0; i < mnt.table.mounts().size(); i++) {
            if (mnt.table.mounts().get(i).target.equals(root)) {
                top = i;
            }
        }
        List<MountTable.Mount> kept = new ArrayList<>();
        for (int i = top; i < mnt.table.mounts().size(); i++) {
            MountTable.Mount m = mnt.table.mounts().get(i);
            if (m.target.size() >= root.size() && m.target.subList(0, root.size()).equals(root)) {
                kept.add(m.rebased(m.target.subList(root.size(), m.target.size())));
            }
        }
        mnt.table.replaceAll(kept);
        k.edits.mark(dev.glassbox.trace.StatePart.MOUNTS);
        preparedRoots.remove(sandbox.id());
    }

    @Override
    public List<Device> hostDevices() {
        MountTable.Resolved dev = k.hostNs.mnt().table.resolve("/", "/dev", true);
        return dev.node() instanceof Node.Dir ? Devices.list(dev.mount().fs, dev.rel()) : List.of();
    }

    @Override
    public void createDevices(Sandbox sandbox, List<Device> devices) {
        Masks.createDevices(k, k.namespacesOf(sandbox), root(sandbox), devices);
    }

    @Override
    public void maskPaths(Sandbox sandbox, List<String> masked, List<String> readonly) {
        Masks.apply(k, k.namespacesOf(sandbox), masked, readonly);
    }

    @Override
    public void readonlyRoot(Sandbox sandbox) {
        MountTable table = k.namespacesOf(sandbox).mnt().table;
        k.event(MountEvents.remountReadOnly("mount(NULL, \"/\", NULL, MS_BIND|MS_REMOUNT|MS_RDONLY, NULL)"));
        for (int i = table.mounts().size() - 1; i >= 0; i--) {
            MountTable.Mount m = table.mounts().get(i);
            if (m.target.isEmpty()) {
                table.set(i, new MountTable.Mount(m.target, m.fs, m.fsRoot, true, m.type, m.source,
                        MountTable.readOnly(m.options)));
                k.edits.mark(dev.glassbox.trace.StatePart.MOUNTS);
                return;
            }
        }
        throw SysError.einval();
    }
}
