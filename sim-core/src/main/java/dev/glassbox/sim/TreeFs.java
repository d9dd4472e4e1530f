package dev.glassbox.sim;

import dev.glassbox.kernel.SysError;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/** A filesystem that is just a tree of nodes: the host's disk, a tmpfs, an overlay's layer. */
final class TreeFs implements Fs {
    private final String type;
    final Node.Dir root;
    private final SimClockInodes ids;

    TreeFs(String type, SimClockInodes ids) {
        this(type, new Node.Dir(ids.nextIno(), 0755, ids.now()), ids);
    }

    /** A view of an existing directory as a filesystem of its own. */
    TreeFs(String type, Node.Dir root, SimClockInodes ids) {
        this.type = type;
        this.ids = ids;
        this.root = root;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Node lookup(List<String> rel) {
        Node n = root;
        for (String name : rel) {
            if (!(n instanceof Node.Dir d)) {
                throw SysError.enotdir();
            }
            n = d.get(name);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    Node.Dir dir(List<String> rel) {
        Node n = lookup(rel);
        if (n == null) {
            throw SysError.enoent();
        }
        if (!(n instanceof Node.Dir d)) {
            throw SysError.enotdir();
        }
        return d;
    }

    private Node.Dir parent(List<String> rel) {
        if (rel.isEmpty()) {
            throw SysError.eexist();
        }
        return dir(rel.subList(0, rel.size() - 1));
    }

    private static String last(List<String> rel) {
        return rel.get(rel.size() - 1);
    }

    @Override
    public SortedMap<String, Node> list(List<String> rel) {
        return Collections.unmodifiableSortedMap(dir(rel).entries());
    }

    @Override
    public Node.Dir mkdir(List<String> rel, int mode) {
        Node.Dir parent = parent(rel);
        if (parent.get(last(rel)) != null) {
            throw SysError.eexist();
        }
        Node.Dir d = new Node.Dir(ids.nextIno(), mode, ids.now());
        parent.put(last(rel), d);
        parent.nlink++;
        return d;
    }

    /** mkdir -p, returning the directory. */
    Node.Dir mkdirs(List<String> rel) {
        Node.Dir d = root;
        for (String name : rel) {
            Node n = d.get(name);
            if (n == null) {
                Node.Dir created = new Node.Dir(ids.nextIno(), 0755, ids.now());
                d.put(name, created);
                d.nlink++;
                n = created;
            }
            if (!(n instanceof Node.Dir next)) {
                throw SysError.enotdir();
            }
            d = next;
        }
        return d;
    }

    @Override
    public Node.File write(List<String> rel, byte[] data, boolean append, int mode) {
        Node.Dir parent = parent(rel);
        Node n = parent.get(last(rel));
        if (n instanceof Node.Dir) {
            throw SysError.eisdir();
        }
        if (n instanceof Node.File f) {
            f.write(data, append);
            f.mtime = ids.now();
            return f;
        }
        Node.File f = new Node.File(ids.nextIno(), mode, ids.now(), data.clone(), data.length);
        parent.put(last(rel), f);
        return f;
    }

    /** Places an existing node (a layer entry, a whiteout, a copied-up file). */
    void put(List<String> rel, Node node) {
        Node.Dir parent = parent(rel);
        Node old = parent.put(last(rel), node);
        if (node instanceof Node.Dir && !(old instanceof Node.Dir)) {
            parent.nlink++;
        }
    }

    @Override
    public void symlink(List<String> rel, String target) {
        Node.Dir parent = parent(rel);
        if (parent.get(last(rel)) != null) {
            throw SysError.eexist();
        }
        parent.put(last(rel), new Node.Link(ids.nextIno(), ids.now(), target));
    }

    @Override
    public void remove(List<String> rel) {
        Node.Dir parent = parent(rel);
        Node n = parent.get(last(rel));
        if (n == null) {
            throw SysError.enoent();
        }
        if (n instanceof Node.Dir d) {
            if (d.count() != 0) {
                throw SysError.enotempty();
            }
            parent.nlink--;
        }
        parent.remove(last(rel));
        n.nlink--;
    }

    /** rm -rf of whatever is at rel; missing is fine. */
    void removeTree(List<String> rel) {
        if (rel.isEmpty()) {
            root.clear();
            return;
        }
        Node n = lookup(rel);
        if (n != null) {
            Node.Dir parent = parent(rel);
            parent.remove(last(rel));
            if (n instanceof Node.Dir) {
                parent.nlink--;
            }
        }
    }

    @Override
    public void chmod(List<String> rel, int mode) {
        writable(rel).mode = mode;
    }
}
