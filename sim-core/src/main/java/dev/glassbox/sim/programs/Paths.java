package dev.glassbox.sim.programs;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import java.util.ArrayDeque;
import java.util.Deque;

/** Path arithmetic that does not touch the kernel, and realpath(3) and mkdir -p that do. */
public final class Paths {
    private Paths() {}

    public static String join(String dir, String name) {
        if (dir.isEmpty()) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** basename(1): the last component, trailing slashes ignored; "/" stays "/". */
    public static String basename(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        int slash = p.lastIndexOf('/');
        return slash < 0 || p.length() == 1 ? p : p.substring(slash + 1);
    }

    public static String dirname(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        int slash = p.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        while (slash > 0 && p.charAt(slash - 1) == '/') {
            slash--;
        }
        return slash == 0 ? "/" : p.substring(0, slash);
    }

    static String absolute(Sys sys, String path) {
        return path.startsWith("/") ? path : join(sys.getcwd(), path);
    }

    /** Removes "." and ".." and doubled slashes without following links. */
    public static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** The canonical path with every symlink resolved, or null when a component is missing. */
    public static String real(Sys sys, String path) {
        String resolved = "/";
        Deque<String> todo = new ArrayDeque<>();
        for (String p : absolute(sys, path).split("/")) {
            if (!p.isEmpty()) {
                todo.addLast(p);
            }
        }
        int links = 0;
        while (!todo.isEmpty()) {
            String p = todo.pollFirst();
            if (p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                resolved = dirname(resolved);
                continue;
            }
            String next = join(resolved, p);
            try {
                Sys.Stat st = sys.lstat(next);
                if (st.kind() == Sys.Stat.Kind.SYMLINK) {
                    if (++links > 40) {
                        return null;
                    }
                    String target = sys.readlink(next);
                    String[] tp = target.split("/");
                    for (int i = tp.length - 1; i >= 0; i--) {
                        if (!tp[i].isEmpty()) {
                            todo.addFirst(tp[i]);
                        }
                    }
                    if (target.startsWith("/")) {
                        resolved = "/";
                    }
                    continue;
                }
            } catch (SysError e) {
                return null;
            }
            resolved = next;
        }
        return resolved;
    }

    /** mkdir -p: creates the missing parents too; an existing directory is not an error. */
    public static void mkdirs(Sys sys, String path, int mode) {
        String parent = Paths.dirname(path);
        if (!parent.equals(path) && !parent.equals(".") && !parent.equals("/")) {
            mkdirs(sys, parent, mode);
        }
        try {
            sys.mkdir(path, mode);
        } catch (SysError e) {
            if (e.errno() != Errno.EEXIST || !sys.stat(path).isDir()) {
                throw e;
            }
        }
    }
}
