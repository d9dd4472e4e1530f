package dev.glassbox.sim;

import dev.glassbox.kernel.SysError;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * overlayfs: a merged view of read-only lower directories under one writable upper directory.
 * Lookups search the layers top down; a whiteout (0:0 char device) hides a name below it and an
 * opaque directory hides everything below it. Writes copy the file up into the upper layer first;
 * deleting a name that a lower layer holds leaves a whiteout in the upper one.
 */
final class OverlayFs implements Fs {
    private final Node.Dir upper;
    /** The upper layer, then the lower ones top first: where every walk from the root starts. */
    private final List<Node.Dir> layers;
    private final SimClockInodes ids;

    OverlayFs(Node.Dir upper, List<Node.Dir> lowers, SimClockInodes ids) {
        this.upper = upper;
        Node.Dir[] all = new Node.Dir[lowers.size() + 1];
        all[0] = upper;
        for (int i = 0; i < lowers.size(); i++) {
            all[i + 1] = lowers.get(i);
        }
        this.layers = List.of(all);
        this.ids = ids;
    }

    @Override
    public String type() {
        return "overlay";
    }

    /** The directories visible at {@code rel}, top layer first; empty when rel is not a visible directory. */
    List<Node.Dir> visibleDirs(List<String> rel) {
        List<Node.Dir> current = layers;
        for (String name : rel) {
            current = visibleDirs(current, name);
            if (current.isEmpty()) {
                return current;
            }
        }
        return current;
    }

    /** The directories visible at {@code rel + name}, given {@code dirs}, those visible at {@code rel} (see MountTable's walk). */
    List<Node.Dir> visibleDirs(List<Node.Dir> dirs, String name) {
        List<Node.Dir> next = new ArrayList<>(dirs.size());
        for (int i = 0, n = dirs.size(); i < n; i++) {
            Node.Dir d = dirs.get(i);
            Node child = d.get(name);
            if (child == null) {
                continue;
            }
            if (child instanceof Node.Dev dev && dev.whiteout()) {
                break;
            }
            if (!(child instanceof Node.Dir cd)) {
                if (next.isEmpty()) {
                    throw SysError.enotdir();
                }
                break;
            }
            next.add(cd);
            if (cd.opaque) {
                break;
            }
        }
        return next;
    }

    @Override
    public Node lookup(List<String> rel) {
        if (rel.isEmpty()) {
            return upper;
        }
        List<Node.Dir> parents = visibleDirs(rel.subList(0, rel.size() - 1));
        if (parents.isEmpty()) {
            return null;
        }
        return child(parents, rel.get(rel.size() - 1));
    }

    /** What {@link #lookup} finds at {@code rel + name}, given {@code parents}, the directories visible at a non-empty {@code rel}. */
    Node child(List<Node.Dir> parents, String name) {
        for (int i = 0, n = parents.size(); i < n; i++) {
            Node child = parents.get(i).get(name);
            if (child instanceof Node.Dev dev && dev.whiteout()) {
                return null;
            }
            if (child != null) {
                return child;
            }
        }
        return null;
    }

    private Node.Dir upperDir(List<String> rel) {
        Node n = upper;
        for (String name : rel) {
            n = n instanceof Node.Dir d ? d.get(name) : null;
            if (n == null) {
                return null;
            }
        }
        return n instanceof Node.Dir d ? d : null;
    }

    @Override
    public SortedMap<String, Node> list(List<String> rel) {
        List<Node.Dir> dirs = visibleDirs(rel);
        if (dirs.isEmpty()) {
            if (lookup(rel) == null) {
                throw SysError.enoent();
            }
            throw SysError.enotdir();
        }
        TreeMap<String, Node> merged = new TreeMap<>();
        TreeMap<String, Boolean> hidden = new TreeMap<>();
        for (Node.Dir d : dirs) {
            for (var e : d.entries().entrySet()) {
                if (merged.containsKey(e.getKey()) || hidden.containsKey(e.getKey())) {
                    continue;
                }
                if (e.getValue() instanceof Node.Dev dev && dev.whiteout()) {
                    hidden.put(e.getKey(), true);
                } else {
                    merged.put(e.getKey(), e.getValue());
                }
            }
        }
        return merged;
    }

    /** Makes sure the directory at rel exists in the upper layer (copying its metadata up). */
    private Node.Dir copyUpDir(List<String> rel) {
        Node.Dir d = upper;
        for (int i = 0; i < rel.size(); i++) {
            String name = rel.get(i);
            Node child = d.get(name);
            if (child instanceof Node.Dir cd) {
                d = cd;
                continue;
            }
            Node merged = lookup(rel.subList(0, i + 1));
            if (!(merged instanceof Node.Dir md)) {
                throw merged == null ? SysError.enoent() : SysError.enotdir();
            }
            Node.Dir copy = (Node.Dir) md.copy(ids.nextIno());
            d.put(name, copy);
            d = copy;
        }
        return d;
    }

    @Override
    public Node writable(List<String> rel) {
        Node n = lookup(rel);
        if (n == null) {
            throw SysError.enoent();
        }
        if (rel.isEmpty()) {
            return upper;
        }
        Node.Dir parent = copyUpDir(rel.subList(0, rel.size() - 1));
        String name = rel.get(rel.size() - 1);
        Node inUpper = parent.get(name);
        if (inUpper == n) {
            return n;
        }
        Node copy = n instanceof Node.Dir ? copyUpDir(rel) : n.copy(ids.nextIno());
        parent.put(name, copy);
        return copy;
    }

    @Override
    public Node.Dir mkdir(List<String> rel, int mode) {
        if (lookup(rel) != null) {
            throw SysError.eexist();
        }
        Node.Dir parent = copyUpDir(rel.subList(0, rel.size() - 1));
        String name = rel.get(rel.size() - 1);
        boolean overWhiteout = parent.get(name) instanceof Node.Dev;
        Node.Dir d = new Node.Dir(ids.nextIno(), mode, ids.now());
        d.opaque = overWhiteout || inLowerHidden(rel);
        parent.put(name, d);
        return d;
    }

    private boolean inLowerHidden(List<String> rel) {
        for (Node.Dir lower : layers.subList(1, layers.size())) {
            Node n = lower;
            for (String name : rel) {
                n = n instanceof Node.Dir d ? d.get(name) : null;
                if (n == null) {
                    break;
                }
            }
            if (n != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Node.File write(List<String> rel, byte[] data, boolean append, int mode) {
        Node existing = lookup(rel);
        if (existing instanceof Node.Dir) {
            throw SysError.eisdir();
        }
        Node.Dir parent = copyUpDir(rel.subList(0, rel.size() - 1));
        String name = rel.get(rel.size() - 1);
        Node.File f;
        if (existing instanceof Node.File) {
            f = (Node.File) writable(rel);
            f.write(data, append);
        } else {
            f = new Node.File(ids.nextIno(), mode, ids.now(), data.clone(), data.length);
            parent.put(name, f);
        }
        f.mtime = ids.now();
        return f;
    }

    @Override
    public void symlink(List<String> rel, String target) {
        if (lookup(rel) != null) {
            throw SysError.eexist();
        }
        Node.Dir parent = copyUpDir(rel.subList(0, rel.size() - 1));
        parent.put(rel.get(rel.size() - 1), new Node.Link(ids.nextIno(), ids.now(), target));
    }

    @Override
    public void remove(List<String> rel) {
        Node n = lookup(rel);
        if (n == null) {
            throw SysError.enoent();
        }
        if (n instanceof Node.Dir && !list(rel).isEmpty()) {
            throw SysError.enotempty();
        }
        Node.Dir parent = copyUpDir(rel.subList(0, rel.size() - 1));
        String name = rel.get(rel.size() - 1);
        parent.remove(name);
        if (lookup(rel) != null) {
            parent.put(name, new Node.Dev(ids.nextIno(), 0, ids.now(), 0, 0));
        }
    }

    @Override
    public void chmod(List<String> rel, int mode) {
        writable(rel).mode = mode;
    }
}
