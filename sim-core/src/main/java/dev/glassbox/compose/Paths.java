package dev.glassbox.compose;

import dev.glassbox.client.MemoryWorkspace;
import dev.glassbox.client.WorkspacePaths;

/** Paths of the client's files as a compose file names them: the workspace's arithmetic, and {@code ~} the user's home. */
final class Paths {
    private Paths() {}

    static String resolve(String dir, String path) {
        boolean home = path.equals("~") || path.startsWith("~/");
        return WorkspacePaths.resolve(dir, home ? MemoryWorkspace.HOME + path.substring(1) : path);
    }

    static String parent(String path) {
        return WorkspacePaths.parent(path);
    }

    static String base(String path) {
        return WorkspacePaths.base(path);
    }
}
