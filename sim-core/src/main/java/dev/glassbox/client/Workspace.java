package dev.glassbox.client;

import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.FileStat;
import java.util.List;

/**
 * The docker client's own files: the directory the user works in, which {@code docker build .} sends
 * as its context, {@code docker cp} copies to and from, and {@code docker compose} reads its file from.
 * The daemon never sees these files except as what the client sends it, as with a real docker CLI.
 *
 * <p>Paths are absolute or relative to {@link #cwd()}. Every implementation bounds what it reads and
 * writes ({@link #MAX_BYTES}, {@link #MAX_FILES}) and refuses past that with one clear line.
 */
public interface Workspace {
    /** The most bytes of regular files one read or write may move. */
    long MAX_BYTES = 64L << 20;
    /** The most entries one read or write may move. */
    int MAX_FILES = 20_000;

    /** The working directory, absolute ({@code /home/student}). */
    String cwd();

    /** {@code path} made absolute against {@link #cwd()} and normalized ({@code .}, {@code ..}, repeated slashes). */
    default String resolve(String path) {
        return WorkspacePaths.resolve(cwd(), path);
    }

    /** lstat(2) of a path; null when nothing is there. */
    FileStat stat(String path);

    /** The bytes of a regular file; {@link java.util.NoSuchElementException} when it is not one. */
    byte[] readFile(String path);

    /**
     * The tree under a directory (or the single file at a path) as layer entries with paths relative to
     * {@code path} (a file's one entry is named by its base name); a symlink is an entry, never followed.
     * @throws dev.glassbox.api.UsageException past {@link #MAX_BYTES} or {@link #MAX_FILES}
     */
    List<FileEntry> tree(String path);

    /** Creates the directory and its parents (mode 0755). */
    void mkdirs(String path);

    /** Writes a regular file (its parent must exist), replacing what was there. */
    void writeFile(String path, byte[] data, int mode);

    /** Writes the entries under the existing directory {@code dir}: files replaced, directories merged. */
    void extract(String dir, List<FileEntry> entries);

    /** rm -rf; nothing when nothing is there. */
    void remove(String path);

    /** Where {@code cd} with no directory goes: the working directory the workspace started in. */
    default String home() {
        return cwd();
    }

    /**
     * Makes an existing directory the working directory (the shell's {@code cd}; the caller has checked
     * that it is one). A workspace that cannot move says so in one line.
     */
    default void cd(String path) {
        throw new dev.glassbox.api.UsageException("glassbox: cd: this workspace stays in " + cwd(), 1);
    }

    /** The names in a directory, sorted, without {@code .} and {@code ..}; empty when it is none. */
    default List<String> list(String dir) {
        FileStat st = stat(dir);
        if (st == null || st.type() != FileEntry.Type.DIR) {
            return List.of();
        }
        return tree(dir).stream().map(FileEntry::path).filter(p -> !p.isEmpty() && !p.contains("/")).sorted().toList();
    }
}
