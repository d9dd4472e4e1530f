package dev.glassbox.sim;

import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.FileStat;
import dev.glassbox.kernel.SysError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The host's files as a process on the host sees them, through the mounts on the path: a container's
 * merged directory shows the union of its layers, and a write there is copied up into the upperdir
 * by the overlay. What the daemon uses for {@code docker cp} (HEAD, GET and PUT of an archive).
 */
final class ThroughMounts {
    private ThroughMounts() {}

    static FileStat stat(SimKernel k, String path) {
        Node n;
        try {
            n = k.hostNs.mnt().table.resolve("/", path, false).node();
        } catch (SysError e) {
            return null;
        }
        if (n instanceof Node.Dir d) {
            return new FileStat(FileEntry.Type.DIR, d.mode & 07777, d.uid, d.gid, d.size(), d.mtime, null);
        }
        if (n instanceof Node.File f) {
            return new FileStat(FileEntry.Type.FILE, f.mode & 07777, f.uid, f.gid, f.size, f.mtime, null);
        }
        if (n instanceof Node.Link l) {
            return new FileStat(FileEntry.Type.SYMLINK, 0777, l.uid, l.gid, l.target.length(), l.mtime, l.target);
        }
        return null;
    }

    /** The merged tree under an overlay-mounted directory, as {@code find} in it would list it. */
    static void walk(Fs fs, List<String> rel, String prefix, List<FileEntry> out, Map<Long, String> seen) {
        for (var en : fs.list(rel).entrySet()) {
            String path = prefix + en.getKey();
            List<String> childRel = new ArrayList<>(rel);
            childRel.add(en.getKey());
            Node n = fs.lookup(childRel);
            String earlier = n != null && n.nlink > 1 && !(n instanceof Node.Dir) ? seen.putIfAbsent(n.ino, path) : null;
            if (earlier != null) {
                out.add(FileEntry.hardlink(path, earlier));
                continue;
            }
            if (n instanceof Node.Dir d) {
                out.add(new FileEntry(path, FileEntry.Type.DIR, d.mode, d.uid, d.gid, null, 0, null));
                walk(fs, childRel, path + "/", out, seen);
            } else if (n instanceof Node.File f) {
                out.add(new FileEntry(path, FileEntry.Type.FILE, f.mode, f.uid, f.gid, f.data, f.size, null));
            } else if (n instanceof Node.Link l) {
                out.add(new FileEntry(path, FileEntry.Type.SYMLINK, 0777, l.uid, l.gid, null, 0, l.target));
            }
        }
    }

    /** Each entry written under {@code dir} through the mounts there; missing parents are made 0755. */
    static void extract(SimKernel k, String dir, List<FileEntry> entries) {
        MountTable table = k.hostNs.mnt().table;
        for (FileEntry e : entries) {
            String path = dir + "/" + e.path();
            mkdirs(table, path.substring(0, path.lastIndexOf('/')));
            MountTable.Resolved r = table.resolve("/", path, false);
            Fs fs = r.mount().fs;
            Node existing = r.node();
            if (existing != null && !(existing instanceof Node.Dir && e.type() == FileEntry.Type.DIR)) {
                if (existing instanceof Node.Dir) {
                    throw SysError.eisdir();
                }
                fs.remove(r.rel());
            }
            switch (e.type()) {
                case DIR -> {
                    if (existing == null) {
                        fs.mkdir(r.rel(), e.mode());
                    }
                }
                case FILE -> fs.write(r.rel(), e.data(), false, e.mode()).size = e.size();
                case SYMLINK -> fs.symlink(r.rel(), e.link());
                case HARDLINK -> {
                    Node target = table.resolve("/", dir + "/" + e.link(), false).node();
                    if (!(target instanceof Node.File f)) {
                        throw SysError.enoent();
                    }
                    fs.write(r.rel(), f.read(), false, f.mode);
                }
            }
            Node w = fs.writable(r.rel());
            if (e.type() != FileEntry.Type.SYMLINK) {
                w.mode = e.mode() & 07777;
            }
            if (e.type() != FileEntry.Type.HARDLINK) {
                w.uid = e.uid();
                w.gid = e.gid();
            }
        }
    }

    private static void mkdirs(MountTable table, String path) {
        List<String> parts = MountTable.split(path);
        for (int i = 1; i <= parts.size(); i++) {
            MountTable.Resolved r = table.resolve("/", "/" + String.join("/", parts.subList(0, i)), true);
            if (r.node() == null) {
                r.mount().fs.mkdir(r.rel(), 0755);
            } else if (!(r.node() instanceof Node.Dir)) {
                throw SysError.enotdir();
            }
        }
    }
}
