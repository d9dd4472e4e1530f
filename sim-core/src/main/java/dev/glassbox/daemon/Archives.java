package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.FileStat;
import dev.glassbox.kernel.HostFs;
import dev.glassbox.registry.LayerArchive;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * docker cp's side in the daemon (HEAD, GET and PUT /containers/{id}/archive): the container's
 * filesystem as its processes see it. A container that is not running has its layers mounted for the
 * request and unmounted after it, as moby's archive code mounts them; a path under a volume or bind
 * mount is taken from the mount's source. Paths are resolved inside the container: a symlink on the
 * way is followed within the container's root, never out to the host's.
 */
final class Archives {
    /** Go's os.FileMode bits, which the stat header carries. */
    static final long MODE_DIR = 1L << 31;
    static final long MODE_SYMLINK = 1L << 27;
    private static final long MODE_SETUID = 1L << 23;
    private static final long MODE_SETGID = 1L << 22;
    private static final long MODE_STICKY = 1L << 20;
    private static final int MAX_LINKS = 40;

    private final Daemon d;

    Archives(Daemon d) {
        this.d = d;
    }

    Api.PathStat stat(Container c, String path) {
        return mounted(c, () -> {
            String inside = resolve(c, path, false);
            FileStat st = fs().stat(hostPath(c, inside));
            if (st == null) {
                throw notFound(c, path);
            }
            String link = st.type() == FileEntry.Type.SYMLINK ? resolve(c, inside, true) : "";
            return new Api.PathStat(baseName(inside), st.size(), goMode(st), st.mtimeMillis(), link);
        });
    }

    byte[] archive(Container c, String path) {
        try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "archive", c.name + ":" + path, "The daemon reads " + path
                + " from the container's filesystem" + (c.running() ? "" : ", its layers mounted for the read,") + " and sends it as a tar whose top entry is "
                + baseName(ContainerFiles.normalize(path)) + ".", "")) {
            List<FileEntry> entries = mounted(c, () -> entries(c, resolve(c, path, false), path));
            List<FileEntry> out = d.options.remapped() ? d.options.usernsRemap().unshift(entries) : entries;
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            try {
                LayerArchive.writeTar(out, tar);
            } catch (IOException e) {
                throw DockerException.server(e.getMessage());
            }
            d.tracer.note(Layer.DAEMON, null, "archive written", c.name, out.size() + " entries, " + tar.size() + " bytes.",
                    "tar -cf - -C " + parentOf(ContainerFiles.normalize(path)) + " " + baseName(ContainerFiles.normalize(path)));
            return tar.toByteArray();
        }
    }

    void extract(Container c, String dir, byte[] tar) {
        List<FileEntry> entries;
        try {
            entries = LayerArchive.readTar(new ByteArrayInputStream(tar));
        } catch (IOException | RuntimeException e) {
            throw DockerException.invalid("archive/tar: invalid tar header");
        }
        List<FileEntry> owned = d.options.remapped() ? d.options.usernsRemap().shift(entries) : entries;
        mounted(c, () -> {
            String inside = resolve(c, dir, true);
            String host = hostPath(c, inside);
            FileStat st = fs().stat(host);
            if (st == null) {
                throw notFound(c, dir);
            }
            if (st.type() != FileEntry.Type.DIR) {
                throw DockerException.invalid("extraction point is not a directory");
            }
            MountPoint m = mountOf(c, inside);
            if (m != null && !m.rw()) {
                throw DockerException.invalid("mounted volume is marked read-only");
            }
            try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "extract archive", c.name + ":" + inside, entries.size()
                    + " entries are unpacked into " + inside + (m != null ? ", on the " + m.type() + " mounted there: they land in " + m.source() + "."
                    : ": written through the container's overlay, each changed path is copied up into its writable layer."), "tar -xf - -C " + host)) {
                unpack(host, owned);
            }
            return null;
        });
    }

    /** The kernel's write; a path the tar may not hold is the client's fault, anything else the daemon's, as Docker reports an untar's failure. */
    private void unpack(String host, List<FileEntry> entries) {
        try {
            fs().extract(host, LayerArchive.order(entries));
        } catch (IllegalArgumentException e) {
            throw DockerException.invalid(e.getMessage());
        } catch (DockerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DockerException.server("Error processing tar file(exit status 1): " + e.getMessage());
        }
    }

    /** The entries under the container path, named from its base name, volumes and binds inside it included. */
    private List<FileEntry> entries(Container c, String inside, String asked) {
        String host = hostPath(c, inside);
        FileStat st = fs().stat(host);
        if (st == null) {
            throw notFound(c, asked);
        }
        String base = inside.equals("/") ? "" : baseName(inside);
        List<FileEntry> out = new ArrayList<>();
        switch (st.type()) {
            case FILE -> out.add(new FileEntry(base, FileEntry.Type.FILE, st.mode(), st.uid(), st.gid(), fs().readFile(host), st.size(), null));
            case SYMLINK -> out.add(new FileEntry(base, FileEntry.Type.SYMLINK, 0777, st.uid(), st.gid(), null, 0, st.link()));
            default -> {
                if (!base.isEmpty()) {
                    out.add(new FileEntry(base, FileEntry.Type.DIR, st.mode(), st.uid(), st.gid(), null, 0, null));
                }
                addTree(out, fs().readTree(host), base);
                for (MountPoint m : c.mounts) {
                    String rel = under(inside, m.destination());
                    if (rel != null && !m.type().equals("tmpfs")) {
                        String at = base.isEmpty() ? rel : base + "/" + rel;
                        out.removeIf(e -> e.path().equals(at) || e.path().startsWith(at + "/"));
                        FileStat ms = fs().stat(m.source());
                        out.add(new FileEntry(at, FileEntry.Type.DIR, ms == null ? 0755 : ms.mode(), ms == null ? 0 : ms.uid(),
                                ms == null ? 0 : ms.gid(), null, 0, null));
                        addTree(out, fs().readTree(m.source()), at);
                    }
                }
            }
        }
        return out;
    }

    private static void addTree(List<FileEntry> out, List<FileEntry> tree, String base) {
        for (FileEntry e : tree) {
            String path = base.isEmpty() ? e.path() : base + "/" + e.path();
            String link = e.type() == FileEntry.Type.HARDLINK && !base.isEmpty() ? base + "/" + e.link() : e.link();
            out.add(new FileEntry(path, e.type(), e.mode(), e.uid(), e.gid(), e.data(), e.size(), link));
        }
    }

    /** The path of {@code dest} below {@code dir} (both container paths), or null when it is not strictly below. */
    private static String under(String dir, String dest) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        return dest.startsWith(prefix) && dest.length() > prefix.length() ? dest.substring(prefix.length()) : null;
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
            FileStat st = fs().stat(hostPath(c, "/" + String.join("/", done)));
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
    private String hostPath(Container c, String inside) {
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
    private static MountPoint mountOf(Container c, String inside) {
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
    private <T> T mounted(Container c, Supplier<T> body) {
        if (c.running()) {
            return body.get();
        }
        d.kernel.mounts().overlay(c.lowerdirs, c.upperdir(), c.workdir(), c.merged());
        try {
            return body.get();
        } finally {
            d.kernel.mounts().unmount(c.merged());
        }
    }

    private HostFs fs() {
        return d.kernel.fs();
    }

    static long goMode(FileStat st) {
        long mode = st.mode() & 0777;
        mode |= (st.mode() & 04000) != 0 ? MODE_SETUID : 0;
        mode |= (st.mode() & 02000) != 0 ? MODE_SETGID : 0;
        mode |= (st.mode() & 01000) != 0 ? MODE_STICKY : 0;
        return mode | switch (st.type()) {
            case DIR -> MODE_DIR;
            case SYMLINK -> MODE_SYMLINK;
            default -> 0L;
        };
    }

    private static String baseName(String path) {
        return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static DockerException notFound(Container c, String path) {
        return DockerException.notFound("Could not find the file " + path + " in container " + c.name);
    }
}
