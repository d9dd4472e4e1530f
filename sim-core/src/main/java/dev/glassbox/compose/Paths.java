package dev.glassbox.compose;

import dev.glassbox.client.MemoryWorkspace;
import java.util.ArrayDeque;
import java.util.Deque;

/** Paths of the client's files: relative ones against a directory, {@code ~} the user's home, {@code .} and {@code ..} folded. */
final class Paths {
    private Paths() {}

    static String resolve(String dir, String path) {
        String p = path;
        if (p.equals("~") || p.startsWith("~/")) {
            p = MemoryWorkspace.HOME + p.substring(1);
        }
        String joined = p.startsWith("/") ? p : dir + "/" + p;
        Deque<String> parts = new ArrayDeque<>();
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static String base(String path) {
        return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
    }
}
