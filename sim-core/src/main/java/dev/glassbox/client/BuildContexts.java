package dev.glassbox.client;

import dev.glassbox.image.FileEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A build context as the docker CLI sends it, for other clients of the API ({@code docker compose build}):
 * the directory's tree with its {@code .dockerignore} applied, and the line that reports the tar's size.
 */
public final class BuildContexts {
    private BuildContexts() {}

    /** The entries under {@code dir} (absolute) the builder gets; {@code dockerfile} relative to it, never ignored. */
    public static List<FileEntry> read(Workspace ws, String dir, String dockerfile) {
        List<FileEntry> tree = ws.tree(dir);
        var ignore = ws.stat(dir + "/.dockerignore");
        if (ignore != null && ignore.type() == FileEntry.Type.FILE) {
            tree = new Dockerignore(new String(ws.readFile(dir + "/.dockerignore"), StandardCharsets.UTF_8), dockerfile).filter(tree);
        }
        return tree;
    }

    /** {@code Sending build context to Docker daemon  2.048kB}. */
    public static String sendingLine(List<FileEntry> tree) {
        return "Sending build context to Docker daemon " + String.format("%8s", Units.humanSize(BuildCommand.tarSize(tree), 4));
    }
}
