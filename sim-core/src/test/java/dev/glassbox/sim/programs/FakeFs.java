package dev.glassbox.sim.programs;

import dev.glassbox.kernel.Errno;
import dev.glassbox.sim.Sys;
import dev.glassbox.kernel.SysError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/** A small in-memory file tree with symlinks, enough for the programs' tests. Not thread-safe: callers lock. */
final class FakeFs {
    static final class Node {
        Sys.Stat.Kind kind;
        int mode;
        int uid;
        int gid;
        byte[] data = new byte[0];
        String link;
        long mtime;
        long ino;
        final TreeMap<String, Node> kids = new TreeMap<>();
    }

    /** A resolved path: the node and its canonical absolute name. */
    record Found(Node node, String path) {}

    private final Node root;
    private final LongSupplier clock;
    private long inodes = 1;

    FakeFs(LongSupplier clock) {
        this.clock = clock;
        root = node(Sys.Stat.Kind.DIR, 0755);
    }

    private Node node(Sys.Stat.Kind kind, int mode) {
        Node n = new Node();
        n.kind = kind;
        n.mode = mode;
        n.mtime = clock.getAsLong();
        n.ino = inodes++;
        return n;
    }

    static String absolute(String cwd, String path) {
        return path.startsWith("/") ? path : (cwd.endsWith("/") ? cwd : cwd + "/") + path;
    }

    Found resolve(String abs, boolean followLast) {
        Deque<String> todo = new ArrayDeque<>();
        for (String p : abs.split("/")) {
            if (!p.isEmpty()) {
                todo.addLast(p);
            }
        }
        Deque<Node> stack = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        Node cur = root;
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.pollFirst();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!stack.isEmpty()) {
                    cur = stack.pop();
                    names.pop();
                }
                continue;
            }
            if (cur.kind != Sys.Stat.Kind.DIR) {
                throw SysError.enotdir();
            }
            Node next = cur.kids.get(name);
            if (next == null) {
                throw SysError.enoent();
            }
            if (next.kind == Sys.Stat.Kind.SYMLINK && (followLast || !todo.isEmpty())) {
                if (++links > 40) {
                    throw SysError.eloop();
                }
                String[] tp = next.link.split("/");
                for (int i = tp.length - 1; i >= 0; i--) {
                    if (!tp[i].isEmpty()) {
                        todo.addFirst(tp[i]);
                    }
                }
                if (next.link.startsWith("/")) {
                    cur = root;
                    stack.clear();
                    names.clear();
                }
                continue;
            }
            stack.push(cur);
            names.push(name);
            cur = next;
        }
        StringBuilder path = new StringBuilder();
        names.descendingIterator().forEachRemaining(n -> path.append('/').append(n));
        return new Found(cur, path.length() == 0 ? "/" : path.toString());
    }

    /** The directory that would hold {@code abs}, and the last name. */
    Object[] parent(String abs) {
        String trimmed = abs.replaceAll("/+$", "");
        int slash = trimmed.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : trimmed.substring(0, slash);
        String name = trimmed.substring(slash + 1);
        Node d = resolve(dir, true).node();
        if (d.kind != Sys.Stat.Kind.DIR) {
            throw SysError.enotdir();
        }
        return new Object[] {d, name};
    }

    static Sys.Stat stat(Node n) {
        int nlink = n.kind == Sys.Stat.Kind.DIR
                ? 2 + (int) n.kids.values().stream().filter(k -> k.kind == Sys.Stat.Kind.DIR).count() : 1;
        long size = n.kind == Sys.Stat.Kind.DIR ? 4096 : n.kind == Sys.Stat.Kind.SYMLINK ? n.link.length() : n.data.length;
        return new Sys.Stat(n.kind, n.mode, n.uid, n.gid, size, nlink, n.ino, n.mtime, n.link);
    }

    void mkdir(String abs, int mode) {
        Object[] p = parent(abs);
        Node d = (Node) p[0];
        if (d.kids.containsKey((String) p[1])) {
            throw SysError.eexist();
        }
        d.kids.put((String) p[1], node(Sys.Stat.Kind.DIR, mode));
        d.mtime = clock.getAsLong();
    }

    void write(String abs, byte[] data, boolean append) {
        Node n;
        try {
            n = resolve(abs, true).node();
        } catch (SysError e) {
            if (e.errno() != Errno.ENOENT) {
                throw e;
            }
            Object[] p = parent(abs);
            n = node(Sys.Stat.Kind.FILE, 0644);
            ((Node) p[0]).kids.put((String) p[1], n);
        }
        if (n.kind == Sys.Stat.Kind.DIR) {
            throw SysError.eisdir();
        }
        if (append) {
            byte[] joined = Arrays.copyOf(n.data, n.data.length + data.length);
            System.arraycopy(data, 0, joined, n.data.length, data.length);
            n.data = joined;
        } else {
            n.data = data.clone();
        }
        n.mtime = clock.getAsLong();
    }

    byte[] read(String abs) {
        Node n = resolve(abs, true).node();
        if (n.kind == Sys.Stat.Kind.DIR) {
            throw SysError.eisdir();
        }
        return n.data.clone();
    }

    void symlink(String target, String abs) {
        Object[] p = parent(abs);
        Node d = (Node) p[0];
        if (d.kids.containsKey((String) p[1])) {
            throw SysError.eexist();
        }
        Node n = node(Sys.Stat.Kind.SYMLINK, 0777);
        n.link = target;
        d.kids.put((String) p[1], n);
    }

    void remove(String abs, boolean dir) {
        Object[] p = parent(abs);
        Node d = (Node) p[0];
        Node n = d.kids.get((String) p[1]);
        if (n == null) {
            throw SysError.enoent();
        }
        if (dir && n.kind != Sys.Stat.Kind.DIR) {
            throw SysError.enotdir();
        }
        if (!dir && n.kind == Sys.Stat.Kind.DIR) {
            throw SysError.eisdir();
        }
        if (dir && !n.kids.isEmpty()) {
            throw SysError.enotempty();
        }
        d.kids.remove((String) p[1]);
    }

    void rename(String from, String to) {
        Object[] a = parent(from);
        Node n = ((Node) a[0]).kids.get((String) a[1]);
        if (n == null) {
            throw SysError.enoent();
        }
        Object[] b = parent(to);
        ((Node) a[0]).kids.remove((String) a[1]);
        ((Node) b[0]).kids.put((String) b[1], n);
    }

    // ---- setup helpers for tests

    void file(String abs, String text, int mode) {
        mkdirs(abs.substring(0, Math.max(1, abs.lastIndexOf('/'))));
        write(abs, text.getBytes(StandardCharsets.UTF_8), false);
        resolve(abs, true).node().mode = mode;
    }

    void mkdirs(String abs) {
        StringBuilder p = new StringBuilder();
        for (String part : abs.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            p.append('/').append(part);
            try {
                mkdir(p.toString(), 0755);
            } catch (SysError e) {
                // exists
            }
        }
    }
}
