package dev.glassbox.kernel;

import dev.glassbox.image.FileEntry;
import java.util.List;

/** The host filesystem, as the daemon's storage driver uses it (absolute host paths). */
public interface HostFs {
    void mkdirs(String path);

    boolean exists(String path);

    /**
     * Extracts a layer into {@code dir}, turning OCI whiteouts into overlay ones: {@code .wh.NAME}
     * becomes a 0:0 character device NAME, {@code .wh..wh..opq} marks its directory opaque.
     */
    void unpackLayer(String dir, List<FileEntry> entries);

    /**
     * The tree under {@code dir} as layer entries, overlay whiteouts turned back into OCI ones: what
     * {@code commit} archives and {@code diff} lists. Under a mounted overlay (a container's merged
     * directory) it is the merged view a process sees, with no whiteouts in it.
     */
    List<FileEntry> readTree(String dir);

    void writeFile(String path, byte[] data);

    byte[] readFile(String path);

    /** chown(2) of one path (not recursive): the daemon gives a remapped root its directories. */
    void chown(String path, int uid, int gid);

    /** chmod(2) of one path. */
    void chmod(String path, int mode);

    /**
     * lstat(2) through whatever is mounted on the path (a container's merged overlay): a final
     * symlink is not followed; null when nothing is there (or it is a device).
     */
    FileStat stat(String path);

    /**
     * Writes the entries under the existing directory {@code dir} as a process writing there would:
     * through the path's mounts, so that on an overlay the changes land in its upperdir (copy-up),
     * files replaced, directories merged, owners and modes from the entries. A real kernel's overlay
     * does the copy-up by itself, so by default this is {@link #unpackLayer}.
     */
    default void extract(String dir, List<FileEntry> entries) {
        unpackLayer(dir, entries);
    }

    /**
     * cp -a: a full copy of the tree at {@code from} (owners, modes, links) made at {@code to}, which
     * must not exist yet; recorded as a kernel event ({@link TreeCopy}). The vfs storage driver's step.
     */
    void copyTree(String from, String to);

    /** rm -rf. */
    void remove(String path);

    /** Bytes used by regular files under {@code path}. */
    long diskUsage(String path);

    // ---- h-persist hooks: the daemon's state file (atomic replace) and its start-time clean-up

    /** Replaces {@code to} by {@code from}; a kernel whose disk allows it does so atomically (rename(2)). */
    default void rename(String from, String to) {
        writeFile(to, readFile(from));
        remove(from);
    }

    /**
     * Replaces the file at {@code path} by {@code data} in one step: a reader of the disk sees the old
     * bytes or the new, never a mix (a temporary file, then rename(2)). A kernel may finish the write
     * after this returns, in the order of the calls; {@link #settleWrites} waits until it is done.
     */
    default void replaceFile(String path, byte[] data) {
        writeFile(path + ".tmp", data);
        rename(path + ".tmp", path);
    }

    /** Waits until every {@link #replaceFile} so far is on the disk, and every piece of work given to {@link #ahead}. */
    default void settleWrites() {
    }

    /**
     * Where the daemon makes what it will need next (the next container's init and writable layers)
     * before it is asked for: an executor off the engine's thread, on a kernel whose disk takes long
     * to create files, so that creating a container does not wait for it. Null where nothing gains
     * from it: the sim kernel's files are in memory, and it makes them when asked, in the trace's order.
     */
    default java.util.concurrent.Executor ahead() {
        return null;
    }

    /** The names in directory {@code dir}, sorted; empty when it does not exist (or the kernel cannot list). */
    default List<String> list(String dir) {
        return List.of();
    }
}
