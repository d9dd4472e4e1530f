package dev.glassbox.sim.programs;

import dev.glassbox.sim.Sys;
import dev.glassbox.kernel.SysError;
import java.util.ArrayDeque;
import java.util.Deque;

/** Path arithmetic that does not touch the kernel, and realpath(3) that does. */
final class Paths {
    private Paths() {}

    static String join(String dir, String name) {
        if (dir.isEmpty()) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    static String dirname(String path) {
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
    static String normalize(String path) {
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
    static String real(Sys sys, String path) {
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
}
