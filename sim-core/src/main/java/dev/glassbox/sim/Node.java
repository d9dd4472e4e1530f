package dev.glassbox.sim;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import java.util.TreeMap;

/** An inode of the simulated filesystem: a directory, a regular file, a symlink or a device. */
abstract sealed class Node permits Node.Dir, Node.File, Node.Link, Node.Dev {
    final long ino;
    int mode;
    int uid;
    int gid;
    long mtime;
    int nlink = 1;

    Node(long ino, int mode, long mtime) {
        this.ino = ino;
        this.mode = mode;
        this.mtime = mtime;
    }

    abstract Sys.Stat.Kind kind();

    /**
     * A directory entry's name as stored: one shared copy (interned), since every container's layers and
     * directories repeat the same names (etc, run, diff, work, hostname, resolv.conf, …).
     */
    static String shared(String name) {
        return name.intern();
    }

    long size() {
        return 0;
    }

    String linkTarget() {
        return null;
    }

    Sys.Stat stat() {
        return new Sys.Stat(kind(), mode, uid, gid, size(), nlink, ino, mtime, linkTarget());
    }

    /** A copy with a new inode number (overlay copy-up); directories are copied empty. */
    abstract Node copy(long newIno);

    <T extends Node> T owned(Node from) {
        uid = from.uid;
        gid = from.gid;
        @SuppressWarnings("unchecked")
        T self = (T) this;
        return self;
    }

    static final class Dir extends Node {
        /** Made at the first entry: most directories of a container's layers and mounts stay empty. */
        private TreeMap<String, Node> entries;
        /** overlay's trusted.overlay.opaque="y": hides the lower layers' contents. */
        boolean opaque;

        Dir(long ino, int mode, long mtime) {
            super(ino, mode, mtime);
            nlink = 2;
        }

        /** The entries, to read (an empty directory shares one empty map). */
        java.util.SortedMap<String, Node> entries() {
            return entries == null ? java.util.Collections.emptySortedMap() : entries;
        }

        /** The entries, to change. */
        TreeMap<String, Node> writable() {
            if (entries == null) {
                entries = new TreeMap<>();
            }
            return entries;
        }

        @Override
        Sys.Stat.Kind kind() {
            return Sys.Stat.Kind.DIR;
        }

        @Override
        long size() {
            return 4096;
        }

        @Override
        Node copy(long newIno) {
            Dir d = new Dir(newIno, mode, mtime);
            return d.owned(this);
        }
    }

    static final class File extends Node {
        byte[] data;
        /** Apparent size: bytes past data.length read as zeros (a sparse file). */
        long size;

        File(long ino, int mode, long mtime, byte[] data, long size) {
            super(ino, mode, mtime);
            this.data = data;
            this.size = size;
        }

        @Override
        Sys.Stat.Kind kind() {
            return Sys.Stat.Kind.FILE;
        }

        @Override
        long size() {
            return size;
        }

        /** Bytes actually held in memory (sparse tails cost nothing). */
        long stored() {
            return data.length;
        }

        byte[] read() {
            if (size == data.length) {
                return data.clone();
            }
            if (size > (1 << 20)) {
                // A sparse binary: reading shows its header; the zero tail is never materialised.
                return data.clone();
            }
            return java.util.Arrays.copyOf(data, (int) size);
        }

        /** The largest file the sim kernel stores: its files live in this JVM's heap. */
        static final int MAX_SIZE = 64 << 20;

        void write(byte[] bytes, boolean append) {
            if ((append ? data.length : 0) + (long) bytes.length > MAX_SIZE) {
                throw new SysError(Errno.EFBIG, "File too large");
            }
            if (append) {
                byte[] current = read();
                byte[] joined = java.util.Arrays.copyOf(current, current.length + bytes.length);
                System.arraycopy(bytes, 0, joined, current.length, bytes.length);
                data = joined;
            } else {
                data = bytes.clone();
            }
            size = data.length;
        }

        @Override
        Node copy(long newIno) {
            return new File(newIno, mode, mtime, data, size).owned(this);
        }
    }

    static final class Link extends Node {
        final String target;

        Link(long ino, long mtime, String target) {
            super(ino, 0777, mtime);
            this.target = target;
        }

        @Override
        Sys.Stat.Kind kind() {
            return Sys.Stat.Kind.SYMLINK;
        }

        @Override
        long size() {
            return target.length();
        }

        @Override
        String linkTarget() {
            return target;
        }

        @Override
        Node copy(long newIno) {
            return new Link(newIno, mtime, target).owned(this);
        }
    }

    static final class Dev extends Node {
        final int major;
        final int minor;
        /** A block device (a disk, a loop device) rather than a character one. */
        final boolean block;

        Dev(long ino, int mode, long mtime, int major, int minor) {
            this(ino, mode, mtime, major, minor, false);
        }

        Dev(long ino, int mode, long mtime, int major, int minor, boolean block) {
            super(ino, mode, mtime);
            this.major = major;
            this.minor = minor;
            this.block = block;
        }

        /** An overlay whiteout: a 0:0 character device that hides the name in lower layers. */
        boolean whiteout() {
            return major == 0 && minor == 0;
        }

        @Override
        Sys.Stat.Kind kind() {
            return block ? Sys.Stat.Kind.BLOCK_DEVICE : Sys.Stat.Kind.CHAR_DEVICE;
        }

        @Override
        Node copy(long newIno) {
            return new Dev(newIno, mode, mtime, major, minor, block).owned(this);
        }
    }
}
