package dev.glassbox.sim;

import dev.glassbox.kernel.Device;
import dev.glassbox.kernel.MountEvents;
import dev.glassbox.kernel.SysError;
import java.util.ArrayList;
import java.util.List;

/**
 * What runc does with an OCI spec's devices, readonlyPaths and maskedPaths inside a container's
 * mount namespace: device nodes made in its /dev, /proc's host-wide knobs frozen read-only, and
 * the files that reveal the host covered.
 */
final class Masks {
    private Masks() {}

    /** Before pivot_root, {@code root} being where the container's '/' is mounted: mknod of each device missing from its /dev. */
    static void createDevices(SimKernel k, Namespaces.Set ns, List<String> root, List<Device> devices) {
        MountTable table = ns.mnt().table;
        List<Device> made = new ArrayList<>();
        for (Device d : devices) {
            if (!exists(table, Fs.join(root) + d.path())) {
                made.add(d);
            }
        }
        k.event(MountEvents.createDevices(made.size(), String.join(" ; ", made.stream().map(Device::mknod).toList())));
        for (Device d : made) {
            List<String> parts = MountTable.split(d.path());
            for (int i = 2; i < parts.size(); i++) {
                MountTable.Resolved dir = table.resolve("/", Fs.join(root) + Fs.join(parts.subList(0, i)), true);
                if (dir.node() == null) {
                    owned(ns, dir.mount().fs.mkdir(dir.rel(), 0755), 0);
                }
            }
            MountTable.Resolved at = table.resolve("/", Fs.join(root) + d.path(), false);
            if (!(at.mount().fs instanceof TreeFs t)) {
                throw SysError.einval();
            }
            Node.Dev node = new Node.Dev(k.ids.nextIno(), d.mode(), k.now(), d.major(), d.minor(), d.type() == Device.Type.BLOCK);
            t.put(at.rel(), node);
            owned(ns, node, d.gid());
        }
    }

    private static boolean exists(MountTable table, String path) {
        try {
            return table.resolve("/", path, false).node() != null;
        } catch (SysError e) {
            return false; // a directory on the way is missing (/dev/net)
        }
    }

    private static void owned(Namespaces.Set ns, Node n, int gid) {
        n.uid = (int) Math.max(0, ns.user().toHost(0, false));
        n.gid = gid == 0 ? (int) Math.max(0, ns.user().toHost(0, true)) : gid;
    }

    /** After pivot_root: a read-only bind of each readonly path onto itself, then /dev/null or an empty tmpfs over each masked one. */
    static void apply(SimKernel k, Namespaces.Set ns, List<String> masked, List<String> readonly) {
        MountTable table = ns.mnt().table;
        List<MountTable.Mount> frozen = new ArrayList<>();
        for (String p : readonly) {
            MountTable.Resolved r = table.resolve("/", p, true);
            if (r.node() != null) {
                frozen.add(new MountTable.Mount(MountTable.split(p), r.mount().fs, r.rel(), true, r.mount().type, r.mount().source,
                        MountTable.readOnly(r.mount().options)));
            }
        }
        if (!frozen.isEmpty()) {
            k.event(MountEvents.readonlyPaths(String.join(" ; ", frozen.stream().map(m -> "mount --bind " + m.targetPath() + " " + m.targetPath()
                    + " && mount -o remount,bind,ro " + m.targetPath()).toList())));
            frozen.forEach(table::add);
        }
        MountTable.Resolved devNull = table.resolve("/", "/dev/null", true);
        List<MountTable.Mount> covers = new ArrayList<>();
        for (String p : masked) {
            MountTable.Resolved r = table.resolve("/", p, true);
            if (r.node() instanceof Node.Dir) {
                covers.add(new MountTable.Mount(MountTable.split(p), new TreeFs("tmpfs", k.ids), List.of(), true, "tmpfs", "tmpfs", "ro,relatime"));
            } else if (r.node() != null && devNull.node() != null) {
                covers.add(new MountTable.Mount(MountTable.split(p), devNull.mount().fs, devNull.rel(), false, devNull.mount().type,
                        devNull.mount().source, devNull.mount().options));
            }
        }
        if (!covers.isEmpty()) {
            k.event(MountEvents.maskedPaths(String.join(" ", covers.stream().map(MountTable.Mount::targetPath).toList()),
                    String.join(" ; ", covers.stream().map(m -> m.type.equals("tmpfs") && m.readOnly && m.fsRoot.isEmpty()
                            ? "mount -t tmpfs -o ro tmpfs " + m.targetPath() : "mount --bind /dev/null " + m.targetPath()).toList())));
            covers.forEach(table::add);
        }
    }
}
