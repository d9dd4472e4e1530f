package dev.glassbox.sim;

import dev.glassbox.kernel.SysError;
import java.util.ArrayList;
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
            this.target = List.copyOf(target);
            this.fs = fs;
            this.fsRoot = List.copyOf(fsRoot);
            this.readOnly = readOnly;
            this.type = type;
            this.source = source;
            this.options = options;
        }

        String targetPath() {
            return Fs.join(target);
        }

        Mount rebased(List<String> newTarget) {
            return new Mount(newTarget, fs, fsRoot, readOnly, type, source, options);
        }
    }

    /** Where a path landed: the mount, the path inside its filesystem, and the node (null if missing). */
    record Resolved(List<String> path, Mount mount, List<String> rel, Node node) {
        String pathString() {
            return Fs.join(path);
        }
    }

    final List<Mount> mounts = new ArrayList<>();

    MountTable copy() {
        MountTable t = new MountTable();
        t.mounts.addAll(mounts);
        return t;
    }

    void add(Mount m) {
        mounts.add(m);
    }

    boolean remove(List<String> target) {
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if (mounts.get(i).target.equals(target)) {
                mounts.remove(i);
                return true;
            }
        }
        return false;
    }

    Mount mountAt(List<String> path) {
        Mount best = null;
        for (Mount m : mounts) {
            if (m.target.size() <= path.size() && path.subList(0, m.target.size()).equals(m.target)
                    && (best == null || m.target.size() >= best.target.size())) {
                best = m;
            }
        }
        if (best == null) {
            throw SysError.enoent();
        }
        return best;
    }

    private Resolved locate(List<String> path) {
        Mount m = mountAt(path);
        List<String> rel = new ArrayList<>(m.fsRoot);
        rel.addAll(path.subList(m.target.size(), path.size()));
        return new Resolved(List.copyOf(path), m, rel, m.fs.lookup(rel));
    }

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    /**
     * Resolves {@code path} (relative paths against {@code cwd}). Every component but the last must
     * exist; the result's node is null when only the last is missing. {@code self} names the calling
     * process for procfs.
     */
    Resolved resolve(String cwd, String path, boolean followLast) {
        if (path.isEmpty()) {
            throw SysError.enoent();
        }
        List<String> cur = path.startsWith("/") ? new ArrayList<>() : new ArrayList<>(split(cwd));
        ArrayList<String> todo = new ArrayList<>(split(path));
        int links = 0;
        Resolved last = locate(cur);
        while (!todo.isEmpty()) {
            String name = todo.remove(0);
            boolean isLast = todo.isEmpty();
            if (name.equals(".")) {
                last = locate(cur);
                continue;
            }
            if (name.equals("..")) {
                if (!cur.isEmpty()) {
                    cur.remove(cur.size() - 1);
                }
                last = locate(cur);
                continue;
            }
            if (last.node() != null && !(last.node() instanceof Node.Dir)) {
                throw SysError.enotdir();
            }
            List<String> candidate = new ArrayList<>(cur);
            candidate.add(name);
            Resolved r = locate(candidate);
            if (r.node() == null) {
                if (isLast) {
                    return r;
                }
                throw SysError.enoent();
            }
            if (r.node() instanceof Node.Link link && (!isLast || followLast)) {
                if (++links > 40) {
                    throw SysError.eloop();
                }
                List<String> target = split(link.target);
                if (link.target.startsWith("/")) {
                    cur = new ArrayList<>();
                }
                todo.addAll(0, target);
                last = locate(cur);
                continue;
            }
            cur = candidate;
            last = r;
        }
        return last;
    }
}
