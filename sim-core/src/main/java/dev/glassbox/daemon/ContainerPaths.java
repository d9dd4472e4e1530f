package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.FileStat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A container's paths as the daemon finds them on the host, for docker cp: a path under a volume or
 * bind mount is under the mount's source, any other in the container's merged rootfs, which a
 * container that is not running has mounted for the request and unmounted after it, as moby's
 * archive code does. Symlinks on the way are followed inside the container's root, never out to the
 * host's (moby's FollowSymlinkInScope).
 */
final class ContainerPaths {
    private static final int MAX_LINKS = 40;
    /** The files of the container's directory the runtime binds into every container (Runtime's mounts). */
    private static final java.util.Set<String> ETC_FILES = java.util.Set.of("/etc/hostname", "/etc/hosts", "/etc/resolv.conf");

    private final Daemon d;

    ContainerPaths(Daemon d) {
        this.d = d;
    }

    /**
     * The container path with every symlink on the way followed inside the container's root (moby's
     * FollowSymlinkInScope); the last component's only with {@code followLast}.
     */
    String resolve(Container c, String path, boolean followLast) {
        List<String> done = new ArrayList<>();
        List<String> todo = new ArrayList<>(List.of(ContainerFiles.normalize(path).substring(1).split("/")));
        todo.removeIf(String::isEmpty);
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.remove(0);
            if (name.equals(".") || name.equals("..")) {
                if (name.equals("..") && !done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(name);
            if (todo.isEmpty() && !followLast) {
                break;
            }
            FileStat st = d.kernel.fs().stat(hostPath(c, "/" + String.join("/", done)));
            if (st != null && st.type() == FileEntry.Type.SYMLINK) {
                if (++links > MAX_LINKS) {
                    throw DockerException.invalid("too many links in " + path);
                }
                done.remove(done.size() - 1);
                if (st.link().startsWith("/")) {
                    done.clear();
                }
                List<String> target = new ArrayList<>(List.of(st.link().split("/")));
                target.removeIf(String::isEmpty);
                todo.addAll(0, target);
            }
        }
        return "/" + String.join("/", done);
    }

    /** Where a container path is on the host: under the source of the volume or bind mounted there, else in the merged rootfs. */
    String hostPath(Container c, String inside) {
        if (ETC_FILES.contains(inside)) {
            String own = c.dir() + inside.substring("/etc".length());
            if (d.kernel.fs().exists(own)) {
                return own; // the daemon's file the runtime bind-mounts over the image's, on top of any volume at /etc
            }
        }
        MountPoint m = mountOf(c, inside);
        if (m == null) {
            return c.merged() + (inside.equals("/") ? "" : inside);
        }
        if (m.type().equals("tmpfs")) {
            throw DockerException.unsupported("glassbox: " + inside + " is on a tmpfs in container " + c.name
                    + ": only its processes can reach it (docker exec " + c.name + " ls " + inside + ")");
        }
        return m.source() + inside.substring(m.destination().length());
    }

    /** The mount whose destination holds the path (the deepest one), or null. */
    static MountPoint mountOf(Container c, String inside) {
        MountPoint best = null;
        for (MountPoint m : c.mounts) {
            if ((inside.equals(m.destination()) || inside.startsWith(m.destination() + "/"))
                    && (best == null || m.destination().length() > best.destination().length())) {
                best = m;
            }
        }
        return best;
    }

    /** Runs the read or write with the container's layers mounted: they are already while it runs. */
    <T> T mounted(Container c, Supplier<T> body) {
        if (c.running()) {
            return body.get();
        }
        d.images.storage.driver.mount(c.rootfs);
        try {
            return body.get();
        } finally {
            d.images.storage.driver.unmount(c.rootfs);
        }
    }
}
