package dev.glassbox.linux;

import static dev.glassbox.linux.LinuxHostFs.OPAQUE;
import static dev.glassbox.linux.LinuxHostFs.OPAQUE_XATTR;
import static dev.glassbox.linux.LinuxHostFs.TOOL_TIMEOUT_MILLIS;
import static dev.glassbox.linux.LinuxHostFs.WHITEOUT;

import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writing a layer's entries into a directory, as the overlay2 driver unpacks a layer tar: OCI
 * whiteouts ({@code .wh.NAME}) become 0:0 character devices and {@code .wh..wh..opq} marks its
 * directory opaque; no entry may lead out of the directory through a symlink. The other half of
 * {@link LayerReader}.
 */
final class LayerWriter {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private LayerWriter() {}

    /** Extracts {@code entries} into {@code base}, OCI whiteouts becoming overlay ones; owners set only as root. */
    static void unpack(Path base, List<FileEntry> entries, boolean asRoot) {
        List<String> whiteouts = new ArrayList<>();
        for (FileEntry e : entries) {
            String name = name(e.path());
            if (name.startsWith(WHITEOUT)) {
                whiteouts.add(e.path());
            }
        }
        if (!whiteouts.isEmpty() && !asRoot) {
            throw new SysError(Errno.EPERM, "glassbox: the layer for " + base + " holds OCI whiteouts (" + whiteouts.get(0)
                    + (whiteouts.size() > 1 ? " and " + (whiteouts.size() - 1) + " more" : "")
                    + "); turning them into overlay whiteouts (mknod NAME c 0 0, setfattr -n " + OPAQUE_XATTR
                    + " -v y DIR) needs root");
        }
        try {
            Files.createDirectories(base);
            Path realBase = base.toRealPath();
            Map<Path, FileEntry> dirs = new HashMap<>();
            Set<Path> opaque = new LinkedHashSet<>();
            for (FileEntry e : entries) {
                List<String> rel = segments(e.path());
                String name = rel.get(rel.size() - 1);
                Path parent = parentDir(realBase, rel);
                Path target = parent.resolve(name);
                if (name.equals(OPAQUE)) {
                    opaque.add(parent);
                    continue;
                }
                if (name.startsWith(WHITEOUT)) {
                    String hidden = name.substring(WHITEOUT.length());
                    checkName(e.path(), hidden);
                    Path w = parent.resolve(hidden);
                    dirs.keySet().removeIf(d -> d.startsWith(w));
                    LinuxHostFs.deleteTree(w);
                    Cmd.check(List.of("mknod", w.toString(), "c", "0", "0"));
                    continue;
                }
                if (e.type() != FileEntry.Type.DIR) {
                    dirs.keySet().removeIf(d -> d.startsWith(target)); // replaced: its deferred mode no longer applies
                }
                switch (e.type()) {
                    case DIR -> {
                        if (!Files.isDirectory(target, NOFOLLOW)) {
                            LinuxHostFs.deleteTree(target);
                            Files.createDirectory(target);
                        }
                        dirs.put(target, e); // mode and owner at the end, so a read-only dir can still be filled
                    }
                    case FILE -> {
                        LinuxHostFs.deleteTree(target);
                        Files.write(target, e.data());
                        if (e.size() > e.data().length) {
                            try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
                                f.setLength(e.size());
                            }
                        }
                        own(target, e, asRoot);
                        Files.setAttribute(target, "unix:mode", e.mode() & 07777, NOFOLLOW);
                    }
                    case SYMLINK -> {
                        LinuxHostFs.deleteTree(target);
                        Files.createSymbolicLink(target, Path.of(e.link()));
                        own(target, e, asRoot);
                    }
                    case HARDLINK -> {
                        List<String> lrel = segments(e.link());
                        Path existing = parentDir(realBase, lrel).resolve(lrel.get(lrel.size() - 1));
                        if (!Files.exists(existing, NOFOLLOW)) {
                            throw new SysError(Errno.ENOENT, "glassbox: hard link " + e.path() + " -> " + e.link()
                                    + ": no such entry in the layer");
                        }
                        LinuxHostFs.deleteTree(target);
                        Files.createLink(target, existing);
                    }
                    default -> throw new IllegalStateException(e.type().toString());
                }
            }
            List<Path> sorted = new ArrayList<>(dirs.keySet());
            sorted.sort((a, b) -> b.getNameCount() - a.getNameCount()); // deepest first
            for (Path d : sorted) {
                FileEntry e = dirs.get(d);
                own(d, e, asRoot);
                Files.setAttribute(d, "unix:mode", e.mode() & 07777, NOFOLLOW);
            }
            if (!opaque.isEmpty()) {
                markOpaque(new ArrayList<>(opaque));
            }
        } catch (IOException e) {
            throw LinuxHostFs.sysError(e);
        }
    }

    private static void own(Path p, FileEntry e, boolean asRoot) throws IOException {
        if (asRoot) {
            Files.setAttribute(p, "unix:uid", e.uid(), NOFOLLOW);
            Files.setAttribute(p, "unix:gid", e.gid(), NOFOLLOW);
        }
    }

    /** The directory holding the last segment, created as needed; no segment may be a symlink. */
    private static Path parentDir(Path realBase, List<String> rel) throws IOException {
        Path cur = realBase;
        for (int i = 0; i < rel.size() - 1; i++) {
            cur = cur.resolve(rel.get(i));
            if (Files.isSymbolicLink(cur)) {
                throw new SysError(Errno.ELOOP, "glassbox: refusing layer path " + String.join("/", rel) + ": " + cur
                        + " is a symlink, and a layer never writes through one");
            }
            if (!Files.exists(cur, NOFOLLOW)) {
                Files.createDirectory(cur);
            } else if (!Files.isDirectory(cur, NOFOLLOW)) {
                throw new SysError(Errno.ENOTDIR, "glassbox: layer path " + String.join("/", rel) + ": " + cur + " is not a directory");
            }
        }
        return cur;
    }

    static List<String> segments(String rel) {
        List<String> out = new ArrayList<>();
        for (String s : rel.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                throw new IllegalArgumentException("glassbox: refusing layer path '" + rel + "': '..' would leave the layer");
            }
            out.add(s);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("glassbox: refusing layer path '" + rel + "': it names the layer itself");
        }
        return out;
    }

    private static String name(String rel) {
        List<String> s = segments(rel);
        return s.get(s.size() - 1);
    }

    private static void checkName(String path, String hidden) {
        if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..") || hidden.startsWith(WHITEOUT)) {
            throw new IllegalArgumentException("glassbox: refusing whiteout '" + path + "': it hides no valid name");
        }
    }

    /** Sets trusted.overlay.opaque=y with setfattr, or with python3 when setfattr is not installed. */
    private static void markOpaque(List<Path> dirs) {
        if (Cmd.onPath("setfattr")) {
            for (Path d : dirs) {
                Cmd.check(List.of("setfattr", "-n", OPAQUE_XATTR, "-v", "y", d.toString()));
            }
            return;
        }
        if (!Cmd.onPath("python3")) {
            throw new SysError(Errno.ENOTSUP, "glassbox: neither setfattr (package attr) nor python3 is installed, so "
                    + dirs.get(0) + " cannot be marked opaque (" + OPAQUE_XATTR + "=y)");
        }
        List<String> argv = new ArrayList<>(List.of("python3", "-c",
                "import os,sys\nfor p in sys.argv[1:]: os.setxattr(p, '" + OPAQUE_XATTR + "', b'y', follow_symlinks=False)"));
        for (Path d : dirs) {
            argv.add(d.toString());
        }
        Cmd.run(argv, TOOL_TIMEOUT_MILLIS).orThrow();
    }
}
