package dev.glassbox.client;

import dev.glassbox.api.UsageException;
import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.FileStat;

/**
 * The path rules of {@code docker cp} (moby/go-archive's copy.go) on the client's side: how an argument
 * splits into container and path, how a local path keeps its trailing {@code /} or {@code /.}, and what
 * a destination in the workspace is once its symlinks are followed.
 */
final class CopyPaths {
    private CopyPaths() {}

    /** What a copy's destination is: its path (symlinks followed), and whether it exists and is a directory. */
    record Destination(String path, boolean exists, boolean dir) {}

    /** CONTAINER:PATH, or null for a local path (absolute, no colon, or a colon after a leading dot). */
    static String[] split(String arg) {
        if (arg.startsWith("/")) {
            return null;
        }
        int colon = arg.indexOf(':');
        if (colon < 0 || arg.startsWith(".")) {
            return null;
        }
        return new String[] {arg.substring(0, colon), arg.substring(colon + 1)};
    }

    /** filepath.Abs of the argument, its trailing {@code /} or {@code /.} kept (they say "a directory"). */
    static String local(Workspace ws, String arg) {
        String abs = ws.resolve(arg);
        if (abs.equals("/")) {
            return abs;
        }
        if (currentDir(arg)) {
            return abs + "/.";
        }
        return arg.endsWith("/") ? abs + "/" : abs;
    }

    static boolean currentDir(String path) {
        return path.equals(".") || path.endsWith("/.");
    }

    static boolean assertsDir(String path) {
        return path.endsWith("/") || currentDir(path);
    }

    /** The last element of a path as SplitPathDirEntry gives it ({@code .} for {@code dir/.}). */
    static String base(String path) {
        if (currentDir(path)) {
            return ".";
        }
        String clean = WorkspacePaths.resolve("/", path);
        return WorkspacePaths.base(clean);
    }

    /** The directory part of a path as SplitPathDirEntry gives it. */
    static String dir(String path, String cwd) {
        if (currentDir(path)) {
            return WorkspacePaths.resolve(cwd, path);
        }
        return WorkspacePaths.parent(WorkspacePaths.resolve(cwd, path));
    }

    /** CopyInfoDestinationPath: follows symlinks at the path; a missing path needs an existing parent directory. */
    static Destination destination(Workspace ws, String path) {
        String at = path;
        FileStat st = ws.stat(at);
        for (int n = 0; st != null && st.type() == FileEntry.Type.SYMLINK; n++) {
            if (n > 10) {
                throw new UsageException("too many symlinks in " + path, 1);
            }
            String link = st.link();
            at = link.startsWith("/") ? link : WorkspacePaths.resolve(dir(at, ws.cwd()), link);
            st = ws.stat(at);
        }
        if (st != null) {
            return new Destination(at, true, st.type() == FileEntry.Type.DIR);
        }
        String parent = dir(at, ws.cwd());
        FileStat p = ws.stat(parent);
        if (p == null) {
            throw new UsageException("stat " + parent + ": no such file or directory", 1);
        }
        if (p.type() != FileEntry.Type.DIR) {
            throw new UsageException("not a directory", 1);
        }
        return new Destination(at, false, false);
    }

    /** ValidateOutputPath: the parent must exist; the path, when there, must be a directory or a file. */
    static void validateOutput(Workspace ws, String path) {
        String clean = WorkspacePaths.resolve(ws.cwd(), path);
        String parent = WorkspacePaths.parent(clean);
        if (ws.stat(parent) == null) {
            throw new UsageException("invalid output path: directory \"" + parent + "\" does not exist", 1);
        }
        FileStat st = ws.stat(clean);
        if (st != null && st.type() != FileEntry.Type.DIR && assertsDir(path)) {
            throw new UsageException("stat " + path + ": not a directory", 1);
        }
    }
}
