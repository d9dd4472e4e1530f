package dev.glassbox.sim;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import java.util.Map;

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
        private static final String[] NO_NAMES = {};
        private static final Node[] NO_NODES = {};
        /**
         * The entries in name order, in two arrays: most directories hold a handful (a container's layers and mounts
         * have a dozen such), where a tree map would cost a node of 40 bytes for each and a map object besides.
         */
        private String[] names = NO_NAMES;
        private Node[] nodes = NO_NODES;
        private int size;
        /** Counts changes, so that a walk of the entries fails at once if they change under it, as a TreeMap's would. */
        private int changes;
        /** overlay's trusted.overlay.opaque="y": hides the lower layers' contents. */
        boolean opaque;

        Dir(long ino, int mode, long mtime) {
            super(ino, mode, mtime);
            nlink = 2;
        }

        /** The entry called {@code name}, or null. */
        Node get(String name) {
            int i = index(name);
            return i >= 0 ? nodes[i] : null;
        }

        int count() {
            return size;
        }

        /** Where {@code name} is, or {@code -(insertion point) - 1}. Names are stored interned: most lookups hit by identity. */
        private int index(String name) {
            int lo = 0;
            int hi = size - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                String at = names[mid];
                if (at == name) {
                    return mid;
                }
                int c = at.compareTo(name);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(lo + 1);
        }

        /** Adds or replaces an entry (a new name is stored shared: see {@link Node#shared}); returns the one replaced, or null. */
        Node put(String name, Node node) {
            java.util.Objects.requireNonNull(node);
            int i = index(name);
            if (i >= 0) {
                Node old = nodes[i];
                nodes[i] = node;
                return old;
            }
            i = -(i + 1);
            if (size == names.length) {
                int cap = size < 4 ? size + 2 : size + (size >> 1);
                names = java.util.Arrays.copyOf(names, cap);
                nodes = java.util.Arrays.copyOf(nodes, cap);
            }
            System.arraycopy(names, i, names, i + 1, size - i);
            System.arraycopy(nodes, i, nodes, i + 1, size - i);
            names[i] = shared(name);
            nodes[i] = node;
            size++;
            changes++;
            return null;
        }

        /** Removes the entry called {@code name}; returns it, or null. */
        Node remove(String name) {
            int i = index(name);
            return i < 0 ? null : removeAt(i);
        }

        private Node removeAt(int i) {
            Node old = nodes[i];
            System.arraycopy(names, i + 1, names, i, size - i - 1);
            System.arraycopy(nodes, i + 1, nodes, i, size - i - 1);
            size--;
            names[size] = null;
            nodes[size] = null;
            changes++;
            if (size == 0) {
                names = NO_NAMES;
                nodes = NO_NODES;
            }
            return old;
        }

        void clear() {
            names = NO_NAMES;
            nodes = NO_NODES;
            size = 0;
            changes++;
        }

        /** The entries as a sorted map, a live view: reading it reads the directory, and its put, remove and clear change it. */
        java.util.SortedMap<String, Node> entries() {
            return new Entries();
        }

        private final class Entries extends java.util.AbstractMap<String, Node> implements java.util.SortedMap<String, Node> {
            @Override
            public int size() {
                return size;
            }

            @Override
            public boolean isEmpty() {
                return size == 0;
            }

            @Override
            public Node get(Object key) {
                return key instanceof String k ? Dir.this.get(k) : null;
            }

            @Override
            public boolean containsKey(Object key) {
                return key instanceof String k && index(k) >= 0;
            }

            @Override
            public Node put(String key, Node value) {
                return Dir.this.put(key, value);
            }

            @Override
            public Node remove(Object key) {
                return key instanceof String k ? Dir.this.remove(k) : null;
            }

            @Override
            public void clear() {
                Dir.this.clear();
            }

            @Override
            public java.util.Comparator<? super String> comparator() {
                return null;
            }

            @Override
            public String firstKey() {
                if (size == 0) {
                    throw new java.util.NoSuchElementException();
                }
                return names[0];
            }

            @Override
            public String lastKey() {
                if (size == 0) {
                    throw new java.util.NoSuchElementException();
                }
                return names[size - 1];
            }

            // Ranges are not asked of a directory on the hot paths: a copy of the range, to read.
            @Override
            public java.util.SortedMap<String, Node> subMap(String from, String to) {
                return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(this).subMap(from, to));
            }

            @Override
            public java.util.SortedMap<String, Node> headMap(String to) {
                return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(this).headMap(to));
            }

            @Override
            public java.util.SortedMap<String, Node> tailMap(String from) {
                return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(this).tailMap(from));
            }

            @Override
            public java.util.Set<Map.Entry<String, Node>> entrySet() {
                return new java.util.AbstractSet<>() {
                    @Override
                    public int size() {
                        return size;
                    }

                    @Override
                    public java.util.Iterator<Map.Entry<String, Node>> iterator() {
                        return new Walk();
                    }
                };
            }
        }

        /** The entries in name order; fails at once if the directory changes other than through it. */
        private final class Walk implements java.util.Iterator<java.util.Map.Entry<String, Node>> {
            private int next;
            private int last = -1;
            private int expected = changes;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public java.util.Map.Entry<String, Node> next() {
                if (expected != changes) {
                    throw new java.util.ConcurrentModificationException();
                }
                if (next >= size) {
                    throw new java.util.NoSuchElementException();
                }
                last = next++;
                return new java.util.AbstractMap.SimpleImmutableEntry<>(names[last], nodes[last]);
            }

            @Override
            public void remove() {
                if (last < 0) {
                    throw new IllegalStateException();
                }
                if (expected != changes) {
                    throw new java.util.ConcurrentModificationException();
                }
                removeAt(last);
                next = last;
                last = -1;
                expected = changes;
            }
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
