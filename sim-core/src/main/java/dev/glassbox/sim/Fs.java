package dev.glassbox.sim;

import dev.glassbox.kernel.SysError;
import java.util.List;
import java.util.SortedMap;

/**
 * A mounted filesystem, addressed by path components relative to its root. Callers pass components
 * already resolved (no symlinks before the last one); the resolver walks mounts and links.
 */
interface Fs {
    String type();

    /** The node at {@code rel} (a final symlink is not followed), or null when a name is missing. */
    Node lookup(List<String> rel);

    /** The entries of the directory at {@code rel}, as a process sees them. */
    SortedMap<String, Node> list(List<String> rel);

    Node.Dir mkdir(List<String> rel, int mode);

    /** Creates or writes a regular file; its parent must exist. */
    Node.File write(List<String> rel, byte[] data, boolean append, int mode);

    void symlink(List<String> rel, String target);

    /** unlink or rmdir (a directory must be empty). */
    void remove(List<String> rel);

    void chmod(List<String> rel, int mode);

    /** Where {@code rel} is stored: the node to modify for metadata changes (after any copy-up). */
    default Node writable(List<String> rel) {
        Node n = lookup(rel);
        if (n == null) {
            throw SysError.enoent();
        }
        return n;
    }

    static String join(List<String> rel) {
        return "/" + String.join("/", rel);
    }
}
