package dev.glassbox.client;

import java.util.ArrayDeque;
import java.util.Deque;

/** Path arithmetic on the client's side, as a shell does it: no file is looked at. */
public final class WorkspacePaths {
    private WorkspacePaths() {}

    /** {@code path} against {@code cwd}, with {@code .}, {@code ..} and repeated slashes gone; {@code /..} is {@code /}. */
    public static String resolve(String cwd, String path) {
        String p = path == null || path.isEmpty() ? "." : path;
        String full = p.startsWith("/") ? p : cwd + "/" + p;
        Deque<String> parts = new ArrayDeque<>();
        for (String part : full.split("/")) {
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

    public static String parent(String absolute) {
        int slash = absolute.lastIndexOf('/');
        return slash <= 0 ? "/" : absolute.substring(0, slash);
    }

    public static String base(String absolute) {
        return absolute.equals("/") ? "/" : absolute.substring(absolute.lastIndexOf('/') + 1);
    }
}
