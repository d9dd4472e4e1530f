package dev.glassbox.linux.image;

import dev.glassbox.image.FileEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A layer's entries being gathered, some written here and some copied from the host. Parent
 * directories appear on their own (0755, root). Everything is owned by root: the tar carries no
 * host owner or time, so the same host files always give the same layer.
 */
final class HostTree {
    private static final int MAX_LINKS = 40;
    private final Map<String, FileEntry> entries = new TreeMap<>();

    HostTree add(FileEntry e) {
        String path = e.path();
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            String parent = path.substring(0, slash);
            FileEntry p = entries.get(parent);
            if (p == null) {
                add(FileEntry.dir(parent, 0755));
            } else if (p.type() != FileEntry.Type.DIR) {
                throw new IllegalArgumentException("glassbox: " + path + " would sit under " + p);
            }
        }
        entries.put(path, e);
        return this;
    }

    HostTree dir(String path, int mode) {
        return add(FileEntry.dir(path, mode));
    }

    HostTree dirs(String... paths) {
        for (String p : paths) {
            dir(p, 0755);
        }
        return this;
    }

    HostTree text(String path, String text) {
        return add(FileEntry.file(path, 0644, text));
    }

    HostTree symlink(String path, String target) {
        return add(FileEntry.symlink(path, target));
    }

    /** The host file's bytes at {@code path} in the layer, whatever the host calls it. */
    HostTree file(String path, Path host, int mode) {
        return add(sparse(path, mode, read(host)));
    }

    /**
     * Copies a host path as the host lays it out: every symlink met on the way ({@code /lib} to
     * {@code usr/lib}, {@code libz.so.1} to {@code libz.so.1.2.13}) becomes a symlink entry of the same
     * name, and the file at the end of the chain is copied with its mode.
     */
    HostTree copy(Path host) {
        copy(host.toAbsolutePath().normalize(), 0);
        return this;
    }

    private void copy(Path host, int depth) {
        if (depth > MAX_LINKS) {
            throw new IllegalStateException("glassbox: too many levels of symbolic links at " + host);
        }
        Path cur = host.getRoot();
        for (int i = 0; i < host.getNameCount(); i++) {
            Path next = cur.resolve(host.getName(i));
            if (Files.isSymbolicLink(next)) {
                Path target = readLink(next);
                String rel = relative(next);
                if (!entries.containsKey(rel)) {
                    symlink(rel, target.toString());
                }
                Path resolved = cur.resolve(target).normalize();
                for (int j = i + 1; j < host.getNameCount(); j++) {
                    resolved = resolved.resolve(host.getName(j));
                }
                copy(resolved.normalize(), depth + 1);
                return;
            }
            cur = next;
        }
        if (!Files.isRegularFile(cur, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("glassbox: " + cur + " is not a regular file");
        }
        file(relative(cur), cur, mode(cur));
    }

    List<FileEntry> entries() {
        return List.copyOf(entries.values());
    }

    private static String relative(Path host) {
        return host.toString().substring(1);
    }

    /** Trailing zeros stay out of {@code data}, as a tar read back gives them: round trips stay equal. */
    static FileEntry sparse(String path, int mode, byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        byte[] data = end == bytes.length ? bytes : Arrays.copyOf(bytes, end);
        return FileEntry.sparse(path, mode, data, bytes.length);
    }

    static byte[] read(Path host) {
        try {
            return Files.readAllBytes(host);
        } catch (IOException e) {
            throw new UncheckedIOException("glassbox: cannot read " + host, e);
        }
    }

    private static int mode(Path host) {
        try {
            return (Integer) Files.getAttribute(host, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        } catch (IOException e) {
            throw new UncheckedIOException("glassbox: cannot stat " + host, e);
        }
    }

    private static Path readLink(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException e) {
            throw new UncheckedIOException("glassbox: cannot read link " + link, e);
        }
    }
}
