package dev.glassbox.kernel;

import dev.glassbox.trace.Subsystem;

/**
 * The mount steps both kernels record: the overlay root, the container's own mounts, pivot_root,
 * runc's device, readonly and masked paths, and the vfs driver's full copies. The equivalent (the
 * syscalls or command lines, naming host paths) is the kernel's own and passed in.
 */
public final class MountEvents {
    private MountEvents() {
    }

    private static KernelEvent of(String action, String object, String sentence, String equivalent) {
        return new KernelEvent(Subsystem.UNIONFS, action, object, sentence, equivalent);
    }

    /** The overlay of {@code layers} read-only layers under one writable layer at {@code target}. */
    public static KernelEvent overlay(String target, int layers, String equivalent) {
        return of("mount overlay", target, "overlayfs stacks the image's " + layers
                + " read-only layers under one empty writable layer; the merged view at " + target + " becomes the container's root.",
                equivalent);
    }

    public static KernelEvent unmount(String target, String equivalent) {
        return of("umount", target, "The merged view is unmounted; the layers stay on disk.", equivalent);
    }

    /** The new mount namespace made private and the rootfs bound onto itself. */
    public static KernelEvent prepareRoot(String rootfs, String equivalent) {
        return of("prepare root", rootfs, "Inside the new mount namespace, mounts are made private so nothing propagates back to the host,"
                + " and the rootfs is bind-mounted onto itself.", equivalent);
    }

    /** Whose PID namespace a procfs shows. */
    public enum ProcOf { CONTAINER, HOST }

    /** One of the container's mounts ({@code proc} of the host's PID namespace where {@code procOf} says so). */
    public static KernelEvent mount(MountSpec spec, ProcOf procOf, String equivalent) {
        return of("mount " + spec.type(), spec.target(), spec.type().equals("proc") && procOf == ProcOf.HOST
                ? "A procfs for the host's PID namespace (--pid host): its /proc lists every process of the host." : gives(spec), equivalent);
    }

    /** What a mount gives the container, in one sentence. */
    private static String gives(MountSpec spec) {
        String target = spec.target();
        return switch (spec.type()) {
            case "proc" -> "A procfs for the container's PID namespace: its /proc lists only its own processes.";
            case "tmpfs" -> target.equals("/dev") ? "A small /dev in memory with only the safe devices (null, zero, random, tty)."
                    : "A memory-backed filesystem at " + target + ".";
            case "sysfs" -> spec.readOnly() ? "/sys, read-only: the container may look but not reconfigure the host."
                    : "/sys, writable (--privileged): the container may reconfigure the host's devices and kernel through it.";
            case "bind" -> spec.source().equals("/sys") && target.equals("/sys")
                    ? "The container's user namespace does not own the network namespace it uses, so the kernel refuses it a sysfs of its own:"
                            + " runc bind-mounts the host's /sys instead, " + (spec.readOnly() ? "read-only." : "writable (--privileged).")
                    : shown(spec);
            default -> shown(spec);
        };
    }

    private static String shown(MountSpec spec) {
        return spec.source() + " from the host appears at " + spec.target() + " inside the container" + (spec.readOnly() ? ", read-only." : ".");
    }

    /** mount(2) of a tmpfs by a process with CAP_SYS_ADMIN inside the container, at {@code path}. */
    public static KernelEvent tmpfsByProcess(String path, String source) {
        return of("mount tmpfs", path, "A process with CAP_SYS_ADMIN mounts a tmpfs at " + path
                + " in its own mount namespace; the host does not see it.", "mount -t tmpfs " + source + " " + path);
    }

    public static KernelEvent pivotRoot(String equivalent) {
        return of("pivot_root", "/", "pivot_root makes the container's root filesystem (the merged overlay under overlay2, a plain directory"
                + " under vfs) its '/' and the host's root is unmounted from its view:"
                + " the container can no longer reach host files.", equivalent);
    }

    /** --read-only: the container's '/' remounted read-only. */
    public static KernelEvent remountReadOnly(String equivalent) {
        return of("remount ro", "/", "--read-only: runc remounts the container's '/' read-only; the mounts on top of it"
                + " (/proc, /dev, volumes, tmpfs) keep their own settings, and a write anywhere else fails with EROFS.", equivalent);
    }

    /** --privileged: {@code count} host devices made in the container's /dev. */
    public static KernelEvent createDevices(int count, String equivalent) {
        return of("create devices", "/dev", "--privileged: the container's /dev gets a node for each of the host's " + count
                + " other devices (disks, terminals, loop devices, ...): root in it can read and write the host's hardware.", equivalent);
    }

    /** runc's readonlyPaths. */
    public static KernelEvent readonlyPaths(String equivalent) {
        return of("readonly paths", "/proc", "The parts of /proc that reconfigure the whole host (sysctls, sysrq, IRQ affinity)"
                + " are bound read-only onto themselves: a write there fails with EROFS, even for root.", equivalent);
    }

    /** runc's maskedPaths, {@code paths} the covered ones separated by spaces. */
    public static KernelEvent maskedPaths(String paths, String equivalent) {
        return of("masked paths", paths, "Files that would show the host's memory, keys, timers and scheduler are covered by /dev/null,"
                + " and such directories by an empty read-only tmpfs: reading them gives nothing.", equivalent);
    }

    /** The vfs storage driver's full copy of {@code from} ({@code bytes} of files) to {@code to} ({@link HostFs#copyTree}). */
    public static KernelEvent copyTree(String from, String to, long bytes, String equivalent) {
        return of(TreeCopy.ACTION, to, "A full copy of " + from + " (" + bytes + " bytes of files) is written to " + to
                + ": with no union mount, every layer and every container holds all of its parent's files again.", equivalent);
    }
}
