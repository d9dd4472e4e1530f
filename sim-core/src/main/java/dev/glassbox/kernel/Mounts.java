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

    /** After pivot_root: '/' remounted read-only (bind, remount, ro), as runc does for {@code --read-only}; mounts on top stay as they are. */
    void readonlyRoot(Sandbox sandbox);
}
