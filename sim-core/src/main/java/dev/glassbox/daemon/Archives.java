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

/**
 * docker cp's side in the daemon (HEAD, GET and PUT /containers/{id}/archive): the container's
 * filesystem as its processes see it (found on the host by {@link ContainerPaths}), as one tar whose
 * top entry is the path's base name, or a tar unpacked into a directory of it.
 */
final class Archives {
    /** Go's os.FileMode bits, which the stat header carries. */
    static final long MODE_DIR = 1L << 31;
    static final long MODE_SYMLINK = 1L << 27;
    private static final long MODE_SETUID = 1L << 23;
    private static final long MODE_SETGID = 1L << 22;
    private static final long MODE_STICKY = 1L << 20;

    private final Daemon d;
    private final ContainerPaths paths;

    Archives(Daemon d) {
        this.d = d;
        this.paths = new ContainerPaths(d);
    }

    Api.PathStat stat(Container c, String path) {
        return paths.mounted(c, () -> {
            String inside = paths.resolve(c, path, false);
            FileStat st = fs().stat(paths.hostPath(c, inside));
            if (st == null) {
                throw notFound(c, path);
            }
            String link = st.type() == FileEntry.Type.SYMLINK ? paths.resolve(c, inside, true) : "";
            return new Api.PathStat(baseName(inside), st.size(), goMode(st), st.mtimeMillis(), link);
        });
    }

    byte[] archive(Container c, String path) {
        try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "archive", c.name + ":" + path, "The daemon reads " + path
                + " from the container's filesystem" + (c.running() ? "" : ", its layers mounted for the read,") + " and sends it as a tar whose top entry is "
                + baseName(ContainerFiles.normalize(path)) + ".", "")) {
            List<FileEntry> entries = paths.mounted(c, () -> entries(c, paths.resolve(c, path, false), path));
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
        paths.mounted(c, () -> {
            String inside = paths.resolve(c, dir, true);
            String host = paths.hostPath(c, inside);
            FileStat st = fs().stat(host);
            if (st == null) {
                throw notFound(c, dir);
            }
            if (st.type() != FileEntry.Type.DIR) {
                throw DockerException.invalid("extraction point is not a directory");
            }
            MountPoint m = ContainerPaths.mountOf(c, inside);
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
        String host = paths.hostPath(c, inside);
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
