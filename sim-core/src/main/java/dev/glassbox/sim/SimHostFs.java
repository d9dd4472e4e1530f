package dev.glassbox.sim;

import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.HostFs;
import dev.glassbox.kernel.MountEvents;
import dev.glassbox.kernel.SysError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The host's disk on the sim kernel, as the storage driver sees it. */
final class SimHostFs implements HostFs {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private final SimKernel k;

    SimHostFs(SimKernel k) {
        this.k = k;
    }

    private MountTable.Resolved at(String path) {
        return k.hostNs.mnt().table.resolve("/", path, true);
    }

    @Override
    public void mkdirs(String path) {
        k.hostFs.mkdirs(MountTable.split(path));
    }

    @Override
    public boolean exists(String path) {
        try {
            return at(path).node() != null;
        } catch (SysError e) {
            return false;
        }
    }

    @Override
    public void unpackLayer(String dir, List<FileEntry> entries) {
        Node.Dir root = k.hostFs.mkdirs(MountTable.split(dir));
        TreeFs view = new TreeFs("layer", root, k.ids);
        for (FileEntry e : entries) {
            List<String> rel = MountTable.split(e.path());
            String name = rel.get(rel.size() - 1);
            Node.Dir parent = view.mkdirs(rel.subList(0, rel.size() - 1));
            if (name.equals(OPAQUE)) {
                parent.opaque = true;
                continue;
            }
            if (name.startsWith(WHITEOUT)) {
                parent.put(name.substring(WHITEOUT.length()), new Node.Dev(k.ids.nextIno(), 0, k.now(), 0, 0));
                continue;
            }
            Node node = switch (e.type()) {
                case DIR -> {
                    Node existing = parent.get(name);
                    if (existing instanceof Node.Dir d) {
                        yield d;
                    }
                    parent.nlink++; // the new directory's ".." links to its parent, as mkdir counts it
                    yield new Node.Dir(k.ids.nextIno(), e.mode(), k.now());
                }
                case FILE -> new Node.File(k.ids.nextIno(), e.mode(), k.now(), e.data(), e.size());
                case SYMLINK -> new Node.Link(k.ids.nextIno(), k.now(), e.link());
                case HARDLINK -> {
                    Node target = view.lookup(MountTable.split(e.link()));
                    if (target == null) {
                        throw SysError.enoent();
                    }
                    target.nlink++;
                    yield target;
                }
            };
            if (e.type() != FileEntry.Type.HARDLINK) {
                node.mode = e.mode();
                node.uid = e.uid();
                node.gid = e.gid();
            }
            parent.put(name, node);
        }
    }

    @Override
    public List<FileEntry> readTree(String dir) {
        MountTable.Resolved r = at(dir);
        if (!(r.node() instanceof Node.Dir d)) {
            throw SysError.enoent();
        }
        List<FileEntry> out = new ArrayList<>();
        if (r.mount().fs instanceof OverlayFs overlay) {
            ThroughMounts.walk(overlay, r.rel(), "", out, new HashMap<>());
        } else {
            walk(d, "", out, new HashMap<>());
        }
        return out;
    }

    @Override
    public dev.glassbox.kernel.FileStat stat(String path) {
        return ThroughMounts.stat(k, path);
    }

    @Override
    public void extract(String dir, List<FileEntry> entries) {
        ThroughMounts.extract(k, dir, entries);
    }

    private void walk(Node.Dir dir, String prefix, List<FileEntry> out, Map<Long, String> seen) {
        if (dir.opaque && !prefix.isEmpty()) {
            out.add(FileEntry.file(prefix + OPAQUE, 0644, new byte[0]));
        }
        for (var en : dir.entries().entrySet()) {
            String path = prefix + en.getKey();
            Node n = en.getValue();
            if (n instanceof Node.Dev dev) {
                if (dev.whiteout()) {
                    out.add(FileEntry.file(prefix + WHITEOUT + en.getKey(), 0644, new byte[0]));
                }
                continue;
            }
            String earlier = n.nlink > 1 && !(n instanceof Node.Dir) ? seen.putIfAbsent(n.ino, path) : null;
            if (earlier != null) {
                out.add(FileEntry.hardlink(path, earlier));
                continue;
            }
            if (n instanceof Node.Dir sub) {
                out.add(new FileEntry(path, FileEntry.Type.DIR, sub.mode, sub.uid, sub.gid, null, 0, null));
                walk(sub, path + "/", out, seen);
            } else if (n instanceof Node.File f) {
                out.add(new FileEntry(path, FileEntry.Type.FILE, f.mode, f.uid, f.gid, f.data, f.size, null));
            } else if (n instanceof Node.Link l) {
                out.add(new FileEntry(path, FileEntry.Type.SYMLINK, 0777, l.uid, l.gid, null, 0, l.target));
            }
        }
    }

    @Override
    public void writeFile(String path, byte[] data) {
        List<String> rel = MountTable.split(path);
        k.hostFs.mkdirs(rel.subList(0, rel.size() - 1));
        k.hostFs.write(rel, data, false, 0644);
    }

    @Override
    public byte[] readFile(String path) {
        MountTable.Resolved r = at(path);
        if (!(r.node() instanceof Node.File f)) {
            throw SysError.enoent();
        }
        return f.read();
    }

    @Override
    public void chown(String path, int uid, int gid) {
        Node n = existing(path);
        n.uid = uid;
        n.gid = gid;
    }

    @Override
    public void chmod(String path, int mode) {
        existing(path).mode = mode & 07777;
    }

    private Node existing(String path) {
        Node n = at(path).node();
        if (n == null) {
            throw SysError.enoent();
        }
        return n;
    }

    @Override
    public void copyTree(String from, String to) {
        if (!(at(from).node() instanceof Node.Dir src)) {
            throw SysError.enoent();
        }
        List<String> rel = MountTable.split(to);
        Node.Dir parent = k.hostFs.mkdirs(rel.subList(0, rel.size() - 1));
        if (parent.get(rel.get(rel.size() - 1)) != null) {
            throw SysError.eexist();
        }
        k.event(MountEvents.copyTree(from, to, usage(src), "cp -a --reflink=auto -T " + from + " " + to));
        Node.Dir copy = copyDir(src, new HashMap<>());
        parent.put(rel.get(rel.size() - 1), copy);
        parent.nlink++;
    }

    /** A deep copy with new inodes; hard links stay linked among the copies. Files share their bytes until one is written. */
    private Node.Dir copyDir(Node.Dir src, Map<Long, Node> copied) {
        Node.Dir out = (Node.Dir) src.copy(k.ids.nextIno());
        out.opaque = src.opaque;
        out.nlink = src.nlink;
        for (var e : src.entries().entrySet()) {
            Node n = e.getValue();
            Node c;
            if (n instanceof Node.Dir d) {
                c = copyDir(d, copied);
            } else if (copied.containsKey(n.ino)) {
                c = copied.get(n.ino);
            } else {
                c = n.copy(k.ids.nextIno());
                c.mode = n.mode;
                c.nlink = n.nlink;
                copied.put(n.ino, c);
            }
            out.put(e.getKey(), c);
        }
        return out;
    }

    @Override
    public void remove(String path) {
        k.hostFs.removeTree(MountTable.split(path));
    }

    /** h-persist: the names in a host directory, for the daemon's clean-up at start. */
    @Override
    public List<String> list(String dir) {
        try {
            return at(dir).node() instanceof Node.Dir d ? new ArrayList<>(d.entries().keySet()) : List.of();
        } catch (SysError e) {
            return List.of();
        }
    }

    @Override
    public long diskUsage(String path) {
        MountTable.Resolved r = at(path);
        return r.node() == null ? 0 : usage(r.node());
    }

    private static long usage(Node n) {
        if (n instanceof Node.Dir d) {
            long sum = 0;
            for (Node c : d.entries().values()) {
                sum += usage(c);
            }
            return sum;
        }
        return n instanceof Node.File f ? f.size : 0;
    }
}
