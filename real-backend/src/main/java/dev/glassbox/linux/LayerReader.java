package dev.glassbox.linux;

import static dev.glassbox.linux.LinuxHostFs.OPAQUE;
import static dev.glassbox.linux.LinuxHostFs.OPAQUE_XATTR;
import static dev.glassbox.linux.LinuxHostFs.TOOL_TIMEOUT_MILLIS;
import static dev.glassbox.linux.LinuxHostFs.WHITEOUT;

import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a directory on the host back as layer entries: overlay whiteouts (0:0 character devices)
 * and opaque directories turned into OCI ones, hard links found by inode, sparse files trimmed.
 */
final class LayerReader {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private LayerReader() {}

    /** The entries under {@code realBase} (a resolved path), sorted as the sim kernel sorts them. */
    static List<FileEntry> read(Path realBase, boolean asRoot) throws IOException {
        Set<String> opaque = asRoot ? opaqueDirs(realBase) : Set.of();
        Map<String, Long> blocks = fileBlocks(realBase);
        List<FileEntry> out = new ArrayList<>();
        walk(realBase, "", out, new HashMap<>(), opaque, blocks);
        return out;
    }

    private static void walk(Path dir, String prefix, List<FileEntry> out, Map<String, String> seen, Set<String> opaque,
            Map<String, Long> blocks) throws IOException {
        if (!prefix.isEmpty() && opaque.contains(prefix.substring(0, prefix.length() - 1))) {
            out.add(FileEntry.file(prefix + OPAQUE, 0644, new byte[0]));
        }
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        for (String name : names) {
            Path p = dir.resolve(name);
            String path = prefix + name;
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,ino,dev,nlink,rdev,size", NOFOLLOW);
            int mode = (Integer) a.get("mode");
            int fmt = mode & 0170000;
            int uid = (Integer) a.get("uid");
            int gid = (Integer) a.get("gid");
            if (fmt == 0020000) { // character device
                if ((Long) a.get("rdev") == 0L) {
                    out.add(FileEntry.file(prefix + WHITEOUT + name, 0644, new byte[0]));
                }
                continue;
            }
            if (fmt != 0040000 && fmt != 0100000 && fmt != 0120000) {
                continue; // block devices, fifos, sockets: a layer entry cannot hold them
            }
            if (fmt != 0040000 && (Integer) a.get("nlink") > 1) {
                String earlier = seen.putIfAbsent(a.get("dev") + ":" + a.get("ino"), path);
                if (earlier != null) {
                    out.add(FileEntry.hardlink(path, earlier));
                    continue;
                }
            }
            switch (fmt) {
                case 0040000 -> {
                    out.add(new FileEntry(path, FileEntry.Type.DIR, mode & 07777, uid, gid, null, 0, null));
                    walk(p, path + "/", out, seen, opaque, blocks);
                }
                case 0100000 -> {
                    long size = (Long) a.get("size");
                    Long b = blocks.get(path);
                    boolean sparse = b != null && b * 512 < size;
                    byte[] data = sparse ? withoutTrailingZeros(p) : Files.readAllBytes(p);
                    out.add(new FileEntry(path, FileEntry.Type.FILE, mode & 07777, uid, gid, data, size, null));
                }
                default -> out.add(new FileEntry(path, FileEntry.Type.SYMLINK, 0777, uid, gid, null, 0,
                        Files.readSymbolicLink(p).toString()));
            }
        }
    }

    /** The file's bytes up to its last non-zero one, without holding a long zero tail in memory. */
    private static byte[] withoutTrailingZeros(Path p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long pendingZeros = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                int last = n - 1;
                while (last >= 0 && buf[last] == 0) {
                    last--;
                }
                if (last < 0) {
                    pendingZeros += n;
                    continue;
                }
                for (; pendingZeros > 0; pendingZeros -= Math.min(pendingZeros, buf.length)) {
                    out.write(new byte[(int) Math.min(pendingZeros, buf.length)]);
                }
                out.write(buf, 0, last + 1);
                pendingZeros = n - last - 1;
            }
        }
        return out.toByteArray();
    }

    /** Relative path → 512-byte blocks allocated, for every regular file (one GNU find). */
    private static Map<String, Long> fileBlocks(Path dir) {
        Map<String, Long> out = new HashMap<>();
        Cmd.Result r = Cmd.run(List.of("find", dir.toString(), "-type", "f", "-printf", "%P\\0%b\\0"), TOOL_TIMEOUT_MILLIS);
        if (!r.ok()) {
            return out; // without find every file reads as dense: still correct, only not trimmed
        }
        String[] parts = r.stdout().split("\0", -1);
        for (int i = 0; i + 1 < parts.length; i += 2) {
            try {
                out.put(parts[i], Long.parseLong(parts[i + 1]));
            } catch (NumberFormatException e) {
                // skip
            }
        }
        return out;
    }

    /** Relative paths of the directories under {@code dir} (not itself) marked trusted.overlay.opaque=y. */
    static Set<String> opaqueDirs(Path dir) {
        if (!Cmd.onPath("python3")) {
            return opaqueDirsWithGetfattr(dir);
        }
        String script = "import os,sys\n"
                + "r=sys.argv[1]\n"
                + "for d,ds,fs in os.walk(r):\n"
                + "  if d==r: continue\n"
                + "  try:\n"
                + "    v=os.getxattr(d,'" + OPAQUE_XATTR + "',follow_symlinks=False)\n"
                + "  except OSError:\n"
                + "    continue\n"
                + "  if v==b'y': sys.stdout.write(os.path.relpath(d,r)+'\\0')\n";
        Cmd.Result r = Cmd.run(List.of("python3", "-c", script, dir.toString()), TOOL_TIMEOUT_MILLIS).orThrow();
        Set<String> out = new HashSet<>();
        for (String s : r.stdout().split("\0")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static Set<String> opaqueDirsWithGetfattr(Path dir) {
        if (!Cmd.onPath("getfattr")) {
            throw new SysError(Errno.ENOTSUP, "glassbox: neither python3 nor getfattr (package attr) is installed, so opaque "
                    + "directories under " + dir + " cannot be read");
        }
        Cmd.Result r = Cmd.run(List.of("getfattr", "-R", "-P", "--absolute-names", "-n", OPAQUE_XATTR, dir.toString()),
                TOOL_TIMEOUT_MILLIS);
        Set<String> out = new HashSet<>();
        String file = null;
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("# file: ")) {
                file = line.substring("# file: ".length());
            } else if (file != null && line.equals(OPAQUE_XATTR + "=\"y\"")) {
                Path p = Path.of(file);
                if (!p.equals(dir) && p.startsWith(dir)) {
                    out.add(dir.relativize(p).toString());
                }
            }
        }
        return out;
    }

    // ---- helpers -----------------------------------------------------------------------------
}
