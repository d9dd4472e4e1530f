package dev.glassbox.linux;

import dev.glassbox.kernel.Device;
import dev.glassbox.kernel.KernelEvent;
import dev.glassbox.kernel.MountEvents;
import dev.glassbox.kernel.MountSpec;
import dev.glassbox.kernel.Mounts;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.Sandbox;
import dev.glassbox.kernel.SysError;
import dev.glassbox.trace.Tracer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mounts on the host's kernel: overlay and umount in the host's namespace ({@link LinuxOverlayMounts}),
 * a container's root inside its own mount namespace by its held init ({@link LinuxProcesses}), which
 * carries out mount(2) and pivot_root(2) there. Records the same kernel-layer events as the sim
 * kernel's mounts, with the system calls as equivalents.
 */
public final class LinuxMounts implements Mounts {
    /** mount(2) flags, by the option name mount(8) uses. */
    private static final Map<String, Long> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put("ro", 1L);
        FLAGS.put("nosuid", 2L);
        FLAGS.put("nodev", 4L);
        FLAGS.put("noexec", 8L);
        FLAGS.put("noatime", 1024L);
        FLAGS.put("strictatime", 1L << 24);
        FLAGS.put("relatime", 1L << 21);
    }

    /** Device entries per helper command: seven fields each, well under the helper's limit of fields per line. */
    private static final int DEVICES_PER_CALL = 400;

    private final LinuxOverlayMounts overlay;
    private final LinuxProcesses processes;
    private final Tracer tracer;

    public LinuxMounts(LinuxOverlayMounts overlay, LinuxProcesses processes, Tracer tracer) {
        this.overlay = overlay;
        this.processes = processes;
        this.tracer = tracer;
    }

    private void note(KernelEvent e) {
        e.note(tracer);
    }

    @Override
    public void overlay(List<String> lowerdirs, String upperdir, String workdir, String target) {
        overlay.overlay(lowerdirs, upperdir, workdir, target);
    }

    @Override
    public void unmount(String target) {
        overlay.unmount(target);
    }

    @Override
    public void prepareRoot(Sandbox sandbox, String rootfs) {
        LinuxProcesses.Box b = processes.box(sandbox);
        Path root = processes.stateRoot();
        try {
            LinuxHostFs.inside(root, root.toRealPath(), rootfs);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (rootfs.indexOf('\t') >= 0 || rootfs.indexOf('\n') >= 0 || b.sandbox.namespaces().getOrDefault(NsType.MNT, 0L) == ProcFiles.nsInode((int) ProcessHandle.current().pid(), "mnt")) {
            throw SysError.einval();
        }
        note(MountEvents.prepareRoot(rootfs, "mount(NULL, \"/\", NULL, MS_REC|MS_PRIVATE, NULL) ; setns(host mnt) ; fd = open_tree(AT_FDCWD, \"" + rootfs
                        + "\", OPEN_TREE_CLONE|AT_RECURSIVE) ; setns(own mnt) ; move_mount(fd, \"\", AT_FDCWD, \"" + rootfs + "\", MOVE_MOUNT_F_EMPTY_PATH)"));
        b.channel.call("prepare", rootfs);
        b.preparedRoot = rootfs;
    }

    private static String root(LinuxProcesses.Box b) {
        if (b.preparedRoot == null) {
            throw SysError.einval();
        }
        return b.preparedRoot;
    }

    @Override
    public void mountIn(Sandbox sandbox, MountSpec spec) {
        LinuxProcesses.Box b = processes.box(sandbox);
        String root = root(b);
        String targetPath = (root + spec.target()).replaceAll("/+", "/");
        long flags = 0;
        List<String> names = new ArrayList<>();
        List<String> data = new ArrayList<>();
        for (String o : spec.options()) {
            Long f = FLAGS.get(o);
            if (f != null && !o.equals("ro")) {
                flags |= f;
                names.add("MS_" + o.toUpperCase(java.util.Locale.ROOT));
            } else if (f == null && !o.equals("rbind") && !o.equals("rw") && !o.equals("bind")) {
                data.add(o);
            }
        }
        if (spec.readOnly()) {
            names.add("MS_RDONLY");
        }
        String equivalent;
        if (spec.type().equals("bind")) {
            equivalent = "mount(\"" + spec.source() + "\", \"" + targetPath + "\", NULL, MS_BIND|MS_REC, NULL)"
                    + (spec.readOnly() ? " ; mount(NULL, \"" + targetPath + "\", NULL, MS_BIND|MS_REMOUNT|MS_RDONLY, NULL)" : "");
        } else {
            equivalent = "mount(\"" + spec.type() + "\", \"" + targetPath + "\", \"" + spec.type() + "\", "
                    + (names.isEmpty() ? "0" : String.join("|", names)) + ", " + (data.isEmpty() ? "NULL" : "\"" + String.join(",", data) + "\"") + ")";
            if (spec.type().equals("tmpfs") && spec.target().equals("/dev")) {
                equivalent += " ; mknod null zero full random urandom tty ; mount(\"shm\", \"" + targetPath + "/shm\", \"tmpfs\", MS_NOSUID|MS_NODEV|MS_NOEXEC, \"mode=1777,size=65536k\")";
            }
        }
        if (!List.of("bind", "proc", "tmpfs", "sysfs").contains(spec.type())) {
            throw SysError.einval();
        }
        // on a cgroup v1 host runc puts the container's own cgroups, read-only, on /sys/fs/cgroup (one step with sysfs, as the sim kernel's cgroup2 view)
        LinuxCgroupView view = spec.type().equals("sysfs") && spec.target().equals("/sys") ? LinuxCgroupView.of(b.sandbox.pid()) : LinuxCgroupView.NONE;
        if (!view.isEmpty()) {
            equivalent += " ; " + view.equivalent(root.replaceAll("/+$", ""));
        }
        note(MountEvents.mount(spec, MountEvents.ProcOf.CONTAINER, equivalent));
        b.channel.call("mount", spec.type(), spec.type().equals("bind") ? spec.source() : spec.type(), spec.target(), String.valueOf(flags),
                String.join(",", data), spec.readOnly() ? "1" : "0");
        if (!view.isEmpty()) {
            b.channel.call(view.command().toArray(String[]::new));
        }
    }

    @Override
    public void pivotRoot(Sandbox sandbox) {
        LinuxProcesses.Box b = processes.box(sandbox);
        String root = root(b);
        note(MountEvents.pivotRoot("chdir(\"" + root + "\") ; pivot_root(\".\", \".\") ; umount2(\".\", MNT_DETACH) ; chdir(\"/\")"));
        b.channel.call("pivot");
        b.preparedRoot = null;
    }

    @Override
    public List<Device> hostDevices() {
        return HostDevices.list(Path.of("/dev"));
    }

    /** mknod in the container's /dev, before pivot_root; in a user namespace the helper binds the host's node instead. */
    @Override
    public void createDevices(Sandbox sandbox, List<Device> devices) {
        LinuxProcesses.Box b = processes.box(sandbox);
        root(b);
        note(MountEvents.createDevices(devices.size(),
                String.join(" ; ", devices.stream().map(d -> d.mknod().replace(" /dev/", " " + b.preparedRoot.replaceAll("/+$", "") + "/dev/")).toList())));
        for (int from = 0; from < devices.size(); from += DEVICES_PER_CALL) {
            List<String> fields = new ArrayList<>(List.of("devices"));
            for (Device d : devices.subList(from, Math.min(devices.size(), from + DEVICES_PER_CALL))) {
                fields.addAll(List.of(d.path(), String.valueOf(d.type().letter()), String.valueOf(d.major()), String.valueOf(d.minor()),
                        String.valueOf(d.mode()), String.valueOf(d.uid()), String.valueOf(d.gid())));
            }
            b.channel.call(fields.toArray(String[]::new));
        }
    }

    /** After pivot_root: the helper bind-mounts each readonly path read-only onto itself, and covers each masked one. */
    @Override
    public void maskPaths(Sandbox sandbox, List<String> masked, List<String> readonly) {
        LinuxProcesses.Box b = processes.box(sandbox);
        if (!readonly.isEmpty()) {
            note(MountEvents.readonlyPaths(String.join(" ; ", readonly.stream().map(p ->
                    "mount(\"" + p + "\", \"" + p + "\", NULL, MS_BIND|MS_REC, NULL) ; mount(NULL, \"" + p + "\", NULL, MS_BIND|MS_REMOUNT|MS_RDONLY, NULL)").toList())));
        }
        if (!masked.isEmpty()) {
            note(MountEvents.maskedPaths(String.join(" ", masked), String.join(" ; ", masked.stream().map(p ->
                    "mount(\"/dev/null\", \"" + p + "\", NULL, MS_BIND, NULL) or, for a directory, mount(\"tmpfs\", \"" + p + "\", \"tmpfs\", MS_RDONLY, NULL)").toList())));
        }
        List<String> fields = new ArrayList<>(List.of("mask", String.valueOf(readonly.size())));
        fields.addAll(readonly);
        fields.addAll(masked);
        b.channel.call(fields.toArray(String[]::new));
    }

    @Override
    public void readonlyRoot(Sandbox sandbox) {
        LinuxProcesses.Box b = processes.box(sandbox);
        note(MountEvents.remountReadOnly("mount(NULL, \"/\", NULL, MS_BIND|MS_REMOUNT|MS_RDONLY, NULL)"));
        b.channel.call("readonly");
    }
}
