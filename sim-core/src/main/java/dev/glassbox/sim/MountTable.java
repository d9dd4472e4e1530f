package dev.glassbox.sim;

import dev.glassbox.kernel.SysError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A mount namespace's mounts, in the order they were made (a later mount on the same path covers
 * the earlier one), and path resolution through them: mount points, {@code ..}, and symlinks with
 * Linux's limit of 40.
 */
final class MountTable {
    static final class Mount {
        final List<String> target;
        final Fs fs;
        /** For a bind mount: the path inside {@code fs} that appears at {@code target}. */
        final List<String> fsRoot;
        final boolean readOnly;
        final String type;
        final String source;
        final String options;

        Mount(List<String> target, Fs fs, List<String> fsRoot, boolean readOnly, String type, String source, String options) {
            this.target = shared(target);
            this.fs = fs;
            this.fsRoot = shared(fsRoot);
            this.readOnly = readOnly;
            this.type = shared(type);
            this.source = shared(source);
            this.options = shared(options);
        }

        /**
         * Every container has a few dozen mounts whose paths repeat the same names (var, lib, docker, its
         * id, proc, sys, …) and whose options repeat the same few strings: one copy of each is kept.
         */
        private static List<String> shared(List<String> names) {
            String[] out = new String[names.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = names.get(i).intern();
            }
            return List.of(out);
        }

        private static String shared(String s) {
            return s == null ? null : s.intern();
        }

        /** How the traced state last showed it, and under which key (see StateView). */
        MountKey viewKey;
        dev.glassbox.kernel.KernelState.Mount view;

        /** The target as one path, made once: the traced state's view of the mount holds the same string. */
        private String targetPath;

        String targetPath() {
            String p = targetPath;
            if (p == null) {
                p = shared(Fs.join(target)); // every container's /proc, /dev, /sys/fs/cgroup, … : one copy of each
                targetPath = p;
            }
            return p;
        }

        Mount rebased(List<String> newTarget) {
            return new Mount(newTarget, fs, fsRoot, readOnly, type, source, options);
        }
    }

    /** Mount options made read-only: a leading {@code rw} (a whole word) becomes {@code ro}. */
    static String readOnly(String options) {
        if (options.startsWith("rw") && (options.length() == 2 || !isWordChar(options.charAt(2)))) {
            return "ro" + options.substring(2);
        }
        return options;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** Where a path landed: the mount, the path inside its filesystem, and the node (null if missing). */
    record Resolved(List<String> path, Mount mount, List<String> rel, Node node) {
        String pathString() {
            return Fs.join(path);
        }
    }

    private final List<Mount> mounts = new ArrayList<>();
    private final List<Mount> readOnlyMounts = java.util.Collections.unmodifiableList(mounts);
    /** Counts the changes to the list: what the traced state showed of this table is kept while it stays (see StateView). */
    private int version;
    /** The traced state's view of this table's mounts, kept by StateView with the versions it was read at. */
    Object shown;

    /** The mounts in the order they were made, to read. */
    List<Mount> mounts() {
        return readOnlyMounts;
    }

    int version() {
        return version;
    }

    MountTable copy() {
        MountTable t = new MountTable();
        t.mounts.addAll(mounts);
        return t;
    }

    void add(Mount m) {
        mounts.add(m);
        version++;
        if (points != null && pointsVersion == version - 1) { // a new mount is the last made at its target: put it on the tree
            place(points, m);
            pointsVersion = version;
        }
    }

    /**
     * The mount points as a tree of names, each with the mount made last exactly there (it covers the others), so that a
     * walk finds a mount point one name at a time instead of looking through every mount at each name. Made again from
     * the list after a change other than an addition.
     */
    private static final class Point {
        private static final String[] NO_NAMES = {};
        private static final Point[] NO_KIDS = {};
        /**
         * The names one level down that lead to mount points, side by side with where they lead: a point has one or two
         * (a container's tree has about eighteen points), which a hash map held in a table and a node each. Past
         * {@link #FEW} (the host's overlay2 directory, with a mount point for every container) a hash map again.
         */
        private String[] names = NO_NAMES;
        private Point[] kids = NO_KIDS;
        private java.util.Map<String, Point> many;
        Mount top;

        private static final int FEW = 8;

        Point kid(String name) {
            if (many != null) {
                return many.get(name);
            }
            String[] n = names;
            for (int i = 0; i < n.length; i++) {
                if (n[i].equals(name)) {
                    return kids[i];
                }
            }
            return null;
        }

        Point kidOrNew(String name) {
            Point k = kid(name);
            if (k == null) {
                k = new Point();
                int n = names.length;
                if (many != null || n == FEW) {
                    if (many == null) {
                        many = new java.util.HashMap<>();
                        for (int i = 0; i < n; i++) {
                            many.put(names[i], kids[i]);
                        }
                        names = NO_NAMES;
                        kids = NO_KIDS;
                    }
                    many.put(name, k);
                    return k;
                }
                names = java.util.Arrays.copyOf(names, n + 1);
                kids = java.util.Arrays.copyOf(kids, n + 1);
                names[n] = name;
                kids[n] = k;
            }
            return k;
        }
    }

    private Point points;
    private int pointsVersion;

    private Point points() {
        if (points == null || pointsVersion != version) {
            Point root = new Point();
            for (Mount m : mounts) {
                place(root, m);
            }
            points = root;
            pointsVersion = version;
        }
        return points;
    }

    private static void place(Point root, Mount m) {
        Point p = root;
        for (String name : m.target) {
            p = p.kidOrNew(name);
        }
        p.top = m;
    }

    /** Replaces the mount at {@code i} (a remount). */
    void set(int i, Mount m) {
        mounts.set(i, m);
        version++;
    }

    /** Keeps only {@code kept}, in that order (pivot_root). */
    void replaceAll(List<Mount> kept) {
        mounts.clear();
        mounts.addAll(kept);
        version++;
    }

    boolean remove(List<String> target) {
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if (mounts.get(i).target.equals(target)) {
                mounts.remove(i);
                version++;
                return true;
            }
        }
        return false;
    }

    /** The mount whose target is the longest prefix of {@code path} (of two at the same target, the one made last). */
    Mount mountAt(List<String> path) {
        Point p = points();
        Mount best = p.top;
        for (int i = 0; i < path.size() && p != null; i++) {
            p = p.kid(path.get(i));
            if (p != null && p.top != null) {
                best = p.top;
            }
        }
        if (best == null) {
            throw SysError.enoent();
        }
        return best;
    }

    /**
     * Where a prefix of the path being resolved landed: its mount and node (null if missing), for an overlay directory
     * reached by the walk, the layers' directories visible at its parent and its name (else null: the directories
     * visible at it are found only if the walk goes on below it), and the mount points at or below it (null when there
     * are none).
     */
    private record Step(Mount mount, Node node, List<Node.Dir> parentLayers, String name, Point point) {}

    private Step locate(List<String> path) {
        Mount m = mountAt(path);
        Point p = points();
        for (int i = 0; i < path.size() && p != null; i++) {
            p = p.kid(path.get(i));
        }
        return new Step(m, m.fs.lookup(rel(m, path, path.size())), null, null, p);
    }

    /** The path inside {@code m}'s filesystem of the first {@code depth} components of {@code path}. */
    private static List<String> rel(Mount m, List<String> path, int depth) {
        List<String> rel = new ArrayList<>(m.fsRoot.size() + depth - m.target.size());
        for (int i = 0; i < m.fsRoot.size(); i++) { // most mounts show their filesystem's root: then nothing to copy
            rel.add(m.fsRoot.get(i));
        }
        for (int i = m.target.size(); i < depth; i++) {
            rel.add(path.get(i));
        }
        return rel;
    }

    /** One name further than {@code at} (which is cur without its last name): a mount point there, or a child in the same mount. */
    private Step descend(Step at, List<String> cur) {
        int depth = cur.size();
        String name = cur.get(depth - 1);
        Point point = at.point() == null ? null : at.point().kid(name);
        Mount m = point == null ? null : point.top;
        if (m != null) {
            return new Step(m, m.fs.lookup(m.fsRoot), null, null, point);
        }
        Mount same = at.mount();
        // What lookup(rel) would find, one name on from the parent instead of from the filesystem's root:
        if (same.fs instanceof TreeFs && at.node() instanceof Node.Dir d) {
            return new Step(same, d.get(name), null, null, point);
        }
        if (same.fs instanceof OverlayFs o && at.node() instanceof Node.Dir) {
            List<Node.Dir> layers = at.parentLayers() != null ? o.visibleDirs(at.parentLayers(), at.name())
                    : o.visibleDirs(rel(same, cur, depth - 1));
            Node n = o.child(layers, name);
            return new Step(same, n, n instanceof Node.Dir ? layers : null, name, point);
        }
        return new Step(same, same.fs.lookup(rel(same, cur, depth)), null, null, point);
    }

    static ArrayList<String> split(String path) {
        return Sys.pathNames(path);
    }

    /**
     * Resolves {@code path} (relative paths against {@code cwd}). Every component but the last must
     * exist; the result's node is null when only the last is missing. {@code self} names the calling
     * process for procfs. Walks one name at a time, keeping where each prefix landed for {@code ..}.
     */
    Resolved resolve(String cwd, String path, boolean followLast) {
        if (path.isEmpty()) {
            throw SysError.enoent();
        }
        List<String> cur = path.startsWith("/") ? new ArrayList<>(8) : split(cwd);
        ArrayList<String> todo = split(path);
        Collections.reverse(todo); // names to walk, the next one last
        int links = 0;
        // steps.get(i): where the first i names of cur landed; null until needed (cwd's ancestors)
        List<Step> steps = new ArrayList<>(cur.size() + todo.size() + 1);
        for (int i = 0; i < cur.size(); i++) {
            steps.add(null);
        }
        steps.add(locate(cur));
        while (!todo.isEmpty()) {
            String name = todo.remove(todo.size() - 1);
            boolean isLast = todo.isEmpty();
            Step last = steps.get(steps.size() - 1);
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!cur.isEmpty()) {
                    cur.remove(cur.size() - 1);
                    steps.remove(steps.size() - 1);
                    if (steps.get(steps.size() - 1) == null) {
                        steps.set(steps.size() - 1, locate(cur));
                    }
                }
                continue;
            }
            if (last.node() != null && !(last.node() instanceof Node.Dir)) {
                throw SysError.enotdir();
            }
            cur.add(name);
            Step r = descend(last, cur);
            if (r.node() == null) {
                if (isLast) {
                    return resolved(cur, r);
                }
                throw SysError.enoent();
            }
            if (r.node() instanceof Node.Link link && (!isLast || followLast)) {
                if (++links > 40) {
                    throw SysError.eloop();
                }
                cur.remove(cur.size() - 1);
                List<String> target = split(link.target);
                if (link.target.startsWith("/")) {
                    cur.clear();
                    steps.clear();
                    steps.add(locate(cur));
                }
                for (int i = target.size() - 1; i >= 0; i--) {
                    todo.add(target.get(i));
                }
                continue;
            }
            steps.add(r);
        }
        return resolved(cur, steps.get(steps.size() - 1));
    }

    private static Resolved resolved(List<String> path, Step s) {
        return new Resolved(List.copyOf(path), s.mount(), rel(s.mount(), path, path.size()), s.node());
    }
}
