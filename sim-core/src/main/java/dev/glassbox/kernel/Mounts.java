package dev.glassbox.kernel;

import java.util.List;

/** Mounts: overlay in the host namespace, and a container's root prepared inside its own. */
public interface Mounts {
    /** mount -t overlay overlay -o lowerdir=…,upperdir=…,workdir=… target (host mount namespace). */
    void overlay(List<String> lowerdirs, String upperdir, String workdir, String target);

    /** umount in the host mount namespace. */
    void unmount(String target);

    /**
     * Inside the sandbox's mount namespace: makes the host tree private and bind-mounts {@code rootfs}
     * (a host path) onto itself, ready for {@link #mountIn} and {@link #pivotRoot}.
     */
    void prepareRoot(Sandbox sandbox, String rootfs);

    /** Mounts under the prepared root; the spec's target is a path inside the container. */
    void mountIn(Sandbox sandbox, MountSpec spec);

    /** pivot_root into the prepared root and detach the old one. */
    void pivotRoot(Sandbox sandbox);

    /**
     * The host's device nodes under /dev, as Docker lists them for {@code --privileged} (runc's
     * HostDevices): every character and block device, except those under /dev/pts, /dev/shm,
     * /dev/mqueue and /dev/fd, and /dev/console.
     */
    List<Device> hostDevices();

    /** Before pivot_root: makes each device node in the container's /dev (mknod; in a user namespace, a bind of the host's node). */
    void createDevices(Sandbox sandbox, List<Device> devices);

    /**
     * After pivot_root: each {@code readonly} path becomes a read-only bind of itself and each {@code
     * masked} path is covered (a file by /dev/null, a directory by an empty read-only tmpfs), as runc
     * does with an OCI spec's readonlyPaths and maskedPaths; paths that do not exist are skipped.
     */
    void maskPaths(Sandbox sandbox, List<String> masked, List<String> readonly);

    /** After pivot_root: '/' remounted read-only (bind, remount, ro), as runc does for {@code --read-only}; mounts on top stay as they are. */
    void readonlyRoot(Sandbox sandbox);
}
