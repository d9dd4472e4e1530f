package dev.glassbox.sim;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.ExecSpec;
import dev.glassbox.kernel.SysError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The file system calls of one process: path resolution in its mount namespace, permission checks
 * for changes (write, create, remove) with its credentials, then the filesystem. Owners are stored
 * as host ids and shown through the process's user namespace.
 */
final class SimFiles {
    private final SimProcess p;

    SimFiles(SimProcess p) {
        this.p = p;
    }


    private MountTable.Resolved resolve(String path, boolean follow) {
        return p.ns.mnt().table.resolve(p.cwd, path, follow);
    }

    private MountTable.Resolved existing(String path, boolean follow) {
        MountTable.Resolved r = resolve(path, follow);
        if (r.node() == null) {
            throw SysError.enoent();
        }
        return r;
    }

    private MountTable.Resolved writableAt(String path, boolean follow) {
        MountTable.Resolved r = resolve(path, follow);
        if (r.mount().readOnly) {
            throw SysError.erofs();
        }
        return r;
    }

    byte[] read(String path) {
        MountTable.Resolved r = existing(path, true);
        if (r.node() instanceof Node.Dir) {
            throw SysError.eisdir();
        }
        if (r.node() instanceof Node.Dev d) {
            if (d.major == -1 && d.minor == 0) {
                return p.takeStdin().getBytes(StandardCharsets.UTF_8);
            }
            return new byte[0];
        }
        return ((Node.File) r.node()).read();
    }

    /** At most {@code max} bytes: /dev/zero gives that many zeros and /dev/urandom that many random bytes. */
    byte[] read(String path, long max) {
        MountTable.Resolved r = existing(path, true);
        if (r.node() instanceof Node.Dev d && d.major == Devices.MEM_MAJOR && d.minor != 3) {
            if (max > Node.File.MAX_SIZE) {
                throw new SysError(Errno.EFBIG, "File too large");
            }
            byte[] out = new byte[(int) max];
            if (d.minor == 8 || d.minor == 9) {
                out = p.kernel.random((int) max);
            }
            return out;
        }
        byte[] all = read(path);
        return all.length <= max ? all : java.util.Arrays.copyOf(all, (int) max);
    }

    void write(String path, byte[] data, boolean append) {
        MountTable.Resolved r = resolve(path, true);
        if (r.node() instanceof Node.Dev d) {
            if (d.major == -1) {
                p.output.write(d.minor == 2 ? 2 : 1, new String(data, StandardCharsets.UTF_8));
            }
            return;
        }
        if (r.mount().readOnly) {
            throw SysError.erofs();
        }
        if (r.node() != null) {
            require(r.node(), 2);
            r.mount().fs.write(r.rel(), data, append, 0644);
            return;
        }
        requireParent(r);
        own(r.mount().fs.write(r.rel(), data, append, 0644));
    }

    /**
     * The path is resolved once, as open(2) does: a device that is the process's standard output or error is
     * written straight from then on; a file is created now if missing and later written at the path it resolved to.
     */
    Sys.Appender openAppend(String path) {
        MountTable.Resolved r = resolve(path, true);
        if (r.node() instanceof Node.Dev d) {
            if (d.major != -1) {
                return text -> { };
            }
            int fd = d.minor == 2 ? 2 : 1;
            ExecSpec.OutputSink out = p.output;
            return text -> out.write(fd, text);
        }
        write(path, new byte[0], true);
        String at = r.pathString();
        return text -> write(at, text.getBytes(StandardCharsets.UTF_8), true);
    }

    List<Sys.DirEntry> readdir(String path) {
        MountTable.Resolved r = existing(path, true);
        List<Sys.DirEntry> out = new ArrayList<>();
        for (var e : r.mount().fs.list(r.rel()).entrySet()) {
            out.add(new Sys.DirEntry(e.getKey(), shown(statWithMounts(r, e.getKey(), e.getValue()))));
        }
        return out;
    }

    /** A directory entry covered by a mount shows the mounted root (as stat would). */
    private Sys.Stat statWithMounts(MountTable.Resolved dir, String name, Node n) {
        List<String> child = new ArrayList<>(dir.path());
        child.add(name);
        MountTable.Mount m = p.ns.mnt().table.mountAt(child);
        if (m.target.equals(child)) {
            Node root = m.fs.lookup(m.fsRoot);
            if (root != null) {
                return root.stat();
            }
        }
        return n.stat();
    }

    Sys.Stat stat(String path) {
        return shown(existing(path, true).node().stat());
    }

    Sys.Stat lstat(String path) {
        return shown(existing(path, false).node().stat());
    }

    /** Whether {@link #lstat} would succeed: a missing last name answers false without throwing. */
    boolean lexists(String path) {
        try {
            return !path.isEmpty() && resolve(path, false).node() != null;
        } catch (SysError e) {
            return false;
        }
    }

    void mkdir(String path, int mode) {
        MountTable.Resolved r = writableAt(path, false);
        if (r.node() != null) {
            throw SysError.eexist();
        }
        requireParent(r);
        own(r.mount().fs.mkdir(r.rel(), mode));
    }

    void unlink(String path) {
        MountTable.Resolved r = writableAt(path, false);
        if (r.node() == null) {
            throw SysError.enoent();
        }
        if (r.node() instanceof Node.Dir) {
            throw SysError.eisdir();
        }
        requireRemovable(r);
        r.mount().fs.remove(r.rel());
    }

    void rmdir(String path) {
        MountTable.Resolved r = writableAt(path, false);
        if (r.node() == null) {
            throw SysError.enoent();
        }
        if (!(r.node() instanceof Node.Dir)) {
            throw SysError.enotdir();
        }
        if (r.rel().equals(r.mount().fsRoot)) {
            throw new SysError(Errno.EBUSY, "Device or resource busy");
        }
        requireRemovable(r);
        r.mount().fs.remove(r.rel());
    }

    void symlink(String target, String path) {
        MountTable.Resolved r = writableAt(path, false);
        if (r.node() != null) {
            throw SysError.eexist();
        }
        requireParent(r);
        r.mount().fs.symlink(r.rel(), target);
        own(r.mount().fs.lookup(r.rel()));
    }

    String readlink(String path) {
        MountTable.Resolved r = existing(path, false);
        if (!(r.node() instanceof Node.Link l)) {
            throw SysError.einval();
        }
        return l.target;
    }

    void rename(String from, String to) {
        MountTable.Resolved a = writableAt(from, false);
        MountTable.Resolved b = writableAt(to, false);
        if (a.node() == null) {
            throw SysError.enoent();
        }
        if (a.mount() != b.mount()) {
            throw new SysError(Errno.EXDEV, "Invalid cross-device link");
        }
        requireRemovable(a);
        if (b.node() != null) {
            requireRemovable(b);
        } else {
            requireParent(b);
        }
        Node n = a.node();
        if (n instanceof Node.Dir) {
            // overlayfs without redirect_dir refuses to rename directories it would have to copy up
            throw new SysError(Errno.EXDEV, "Invalid cross-device link");
        }
        if (n instanceof Node.File f) {
            a.mount().fs.write(b.rel(), f.read(), false, f.mode).owned(f);
        } else if (n instanceof Node.Link l) {
            if (b.node() != null) {
                b.mount().fs.remove(b.rel());
            }
            b.mount().fs.symlink(b.rel(), l.target);
            Node made = b.mount().fs.lookup(b.rel());
            if (made != null) {
                made.owned(l);
            }
        }
        a.mount().fs.remove(a.rel());
    }

    void chmod(String path, int mode) {
        MountTable.Resolved r = writableAt(path, true);
        if (r.node() == null) {
            throw SysError.enoent();
        }
        if (!owns(r.node()) && !capable(Capabilities.FOWNER, r.node())) {
            throw SysError.eperm();
        }
        r.mount().fs.chmod(r.rel(), mode);
    }

    /**
     * chown(2)/lchown(2); -1 leaves an id as it is. A new owner needs CAP_CHOWN; the owner may give the
     * file to its own group without it.
     */
    void chown(String path, int uid, int gid, boolean follow) {
        MountTable.Resolved r = writableAt(path, follow);
        if (r.node() == null) {
            throw SysError.enoent();
        }
        long hu = uid < 0 ? r.node().uid : user().toHost(uid, false);
        long hg = gid < 0 ? r.node().gid : user().toHost(gid, true);
        if (hu < 0 || hg < 0) {
            throw SysError.einval();
        }
        boolean ownGroup = owns(r.node()) && (hg == r.node().gid || hg == hostGid());
        if ((hu != r.node().uid || !ownGroup) && !capable(Capabilities.CHOWN, r.node())) {
            throw SysError.eperm();
        }
        Node n = r.mount().fs.writable(r.rel());
        n.uid = (int) hu;
        n.gid = (int) hg;
    }

    // ---- credentials

    private Namespaces.User user() {
        return p.ns.user();
    }

    private long hostUid() {
        return user().toHost(p.uid, false);
    }

    private long hostGid() {
        return user().toHost(p.gid, true);
    }

    /** A new node belongs to the creating process: its ids as the host numbers them. */
    private void own(Node n) {
        if (n != null) {
            n.uid = (int) Math.max(0, hostUid());
            n.gid = (int) Math.max(0, hostGid());
        }
    }

    private Sys.Stat shown(Sys.Stat st) {
        Namespaces.User u = user();
        if (u.isInitial()) {
            return st;
        }
        return new Sys.Stat(st.kind(), st.mode(), u.shown(st.uid(), false), u.shown(st.gid(), true), st.size(), st.nlink(), st.ino(),
                st.mtimeMillis(), st.link());
    }

    private boolean owns(Node n) {
        return n.uid == hostUid();
    }

    /**
     * capable_wrt_inode_uidgid: root's capability counts for a file only when its user namespace maps
     * the file's owner and group; root in a remapped container is an ordinary user for host-owned files.
     */
    private boolean capable(int cap, Node n) {
        Namespaces.User u = user();
        return p.uid == 0 && (p.capBnd & Capabilities.bit(cap)) != 0 && u.fromHost(n.uid, false) >= 0 && u.fromHost(n.gid, true) >= 0;
    }

    /** generic_permission: the owner's, the group's or the others' bits, unless CAP_DAC_OVERRIDE applies. */
    private void require(Node n, int bits) {
        if (capable(Capabilities.DAC_OVERRIDE, n)) {
            return;
        }
        int granted = owns(n) ? n.mode >> 6 : n.gid == hostGid() ? n.mode >> 3 : n.mode;
        if ((granted & bits) != bits) {
            throw SysError.eacces();
        }
    }

    private Node parentOf(MountTable.Resolved r) {
        return r.rel().isEmpty() ? null : r.mount().fs.lookup(r.rel().subList(0, r.rel().size() - 1));
    }

    /** Creating a name needs write and search permission on its directory. */
    private void requireParent(MountTable.Resolved r) {
        Node dir = parentOf(r);
        if (dir != null) {
            require(dir, 3);
        }
    }

    /** Removing a name too, and in a sticky directory (/tmp) only its owner, the directory's owner or CAP_FOWNER may. */
    private void requireRemovable(MountTable.Resolved r) {
        Node dir = parentOf(r);
        if (dir == null) {
            return;
        }
        require(dir, 3);
        if ((dir.mode & 01000) != 0 && !owns(r.node()) && !owns(dir) && !capable(Capabilities.FOWNER, r.node())) {
            throw SysError.eperm();
        }
    }
}
