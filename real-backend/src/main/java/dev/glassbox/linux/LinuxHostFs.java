package dev.glassbox.linux;

import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.HostFs;
import dev.glassbox.kernel.SysError;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host's disk under one state root, as the storage driver uses it. Every path given to it must be
 * absolute and lie inside the root, also after symlinks are resolved; anything else is refused with
 * an {@link IllegalArgumentException} and nothing is touched.
 *
 * <p>Layers are unpacked the way overlayfs wants them: an OCI whiteout {@code .wh.NAME} becomes a
 * 0:0 character device NAME ({@code mknod NAME c 0 0}), {@code .wh..wh..opq} sets the xattr
 * {@code trusted.overlay.opaque=y} on its directory ({@code setfattr} when installed, otherwise
 * {@code python3 -c 'os.setxattr(…)'}: Java's user-defined attribute view only reaches {@code user.*}).
 * Both need root; without it a layer holding whiteouts is refused before anything is written.
 * {@link #readTree} is the inverse, in the sim's order: names sorted, a directory before its contents,
 * a whiteout at the place of the name it hides.
 *
 * <p>Sparse files: a regular file whose blocks cover less than its size (GNU {@code find -printf %b})
 * is read back with its trailing zeros left out of {@code data}; a dense file keeps all its bytes.
 */
public final class LinuxHostFs implements HostFs {
    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    static final long TOOL_TIMEOUT_MILLIS = 120_000;
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;


    private final Path root;
    private final Path realRoot;
    private final boolean asRoot;
    private final Trash trash;

    /** Writes {@link #replaceFile}'s files off the engine's thread, one after another. */
    private final InOrder writer = new InOrder("glassbox-state-writer");
    /** Makes what the daemon will need next ({@link #ahead}): a container's layers cost a file creation on the disk per entry. */
    private final InOrder aheadWork = new InOrder("glassbox-ahead");
    /** The newest bytes of each file waiting to be written: a file replaced twice before its turn is written once. */
    private final Map<Path, byte[]> waiting = new java.util.HashMap<>();

    /** A host filesystem confined to {@code root} (created if missing). */
    public LinuxHostFs(Path root) {
        this(root, Preflight.effectiveUid(Path.of("/")) == 0);
    }

    LinuxHostFs(Path root, boolean asRoot) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
            this.realRoot = this.root.toRealPath();
            this.trash = new Trash(this.root);
        } catch (IOException e) {
            throw new IllegalStateException("glassbox: cannot use state root " + this.root + ": " + e, e);
        }
        this.asRoot = asRoot;
    }

    // ---------------------------------------------------------------- replaceFile, in the background

    /**
     * The daemon's state file after each change: the path is checked here, and the temporary file and
     * rename(2) happen on a thread of their own, in order (they cost about 1 ms on this host's disk,
     * on the path of every docker command). A daemon killed with SIGKILL loses at most the change it
     * was writing; its next start reconciles what it finds on the host with what the file says.
     */
    @Override
    public void replaceFile(String path, byte[] data) {
        Path p = inside(path);
        if (Files.isSymbolicLink(p)) {
            throw new SysError(Errno.ELOOP, "glassbox: " + p + " is a symlink; not writing through it");
        }
        synchronized (waiting) {
            if (waiting.put(p, data.clone()) == null) {
                writer.submit(() -> writeWaiting(p));
            }
        }
    }

    private void writeWaiting(Path p) {
        byte[] data;
        synchronized (waiting) {
            data = waiting.remove(p);
        }
        Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
        try {
            Files.createDirectories(p.getParent());
            Files.write(tmp, data);
            Files.move(tmp, p, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("glassbox: could not write " + p + ": " + e.getMessage());
        }
    }

    @Override
    public void settleWrites() {
        writer.settle();
        aheadWork.settle();
    }

    /**
     * Each file or directory created costs from 0.1 to 1 ms of the kernel's time on this kind of disk
     * (ext4 here): a container's init and writable layers, about 16 of them, are made in the background
     * while the previous container starts, not while the next one is created.
     */
    @Override
    public java.util.concurrent.Executor ahead() {
        return aheadWork::submit;
    }

    /** Waits until every tree removed so far is deleted from the disk too (at most {@code millis}); whether it is. */
    public boolean awaitRemovals(long millis) {
        return trash.await(millis);
    }

    public Path root() {
        return root;
    }

    /** Whether owners are set and whiteouts can be made (effective uid 0). */
    public boolean asRoot() {
        return asRoot;
    }

    // ---- confinement -------------------------------------------------------------------------

    /**
     * The host path for {@code path}, refused unless it lies inside the state root both as written and
     * with the symlinks of its existing part resolved. The root itself is allowed.
     */
    public Path inside(String path) {
        return inside(root, realRoot, path, true);
    }

    static Path inside(Path root, Path realRoot, String path) {
        return inside(root, realRoot, path, true);
    }

    /** With {@code followLast} false, a symlink as the last component is judged by where it sits, not where it points. */
    static Path inside(Path root, Path realRoot, String path, boolean followLast) {
        if (path == null || path.isEmpty() || !path.startsWith("/") || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("glassbox: refusing host path '" + path + "': an absolute path is required");
        }
        Path p = Path.of(path).normalize();
        if (!p.startsWith(root) && !p.startsWith(realRoot)) {
            throw new IllegalArgumentException("glassbox: refusing host path '" + path + "': outside the state root " + root);
        }
        // the longest existing ancestor (the path itself included), symlinks resolved, must stay inside
        Path probe = p;
        while (probe != null && !Files.exists(probe, NOFOLLOW)) {
            probe = probe.getParent();
        }
        if (probe != null && !followLast && probe.equals(p) && Files.isSymbolicLink(p) && p.getParent() != null) {
            probe = p.getParent();
        }
        if (probe != null) {
            Path real;
            try {
                real = probe.toRealPath();
            } catch (IOException e) {
                // a dangling symlink: judge the link's directory, the link itself is not followed here
                try {
                    real = probe.getParent().toRealPath().resolve(probe.getFileName());
                    Path target = Files.readSymbolicLink(probe);
                    Path resolved = real.getParent().resolve(target).normalize();
                    if (!resolved.startsWith(realRoot)) {
                        throw new IllegalArgumentException("glassbox: refusing host path '" + path + "': " + probe
                                + " is a symlink to " + target + ", outside the state root " + root);
                    }
                } catch (IOException e2) {
                    throw new IllegalArgumentException("glassbox: refusing host path '" + path + "': " + e2, e2);
                }
            }
            if (!real.startsWith(realRoot)) {
                throw new IllegalArgumentException("glassbox: refusing host path '" + path + "': " + probe
                        + " resolves to " + real + ", outside the state root " + root);
            }
        }
        return p;
    }

    // ---- simple operations -------------------------------------------------------------------

    @Override
    public void mkdirs(String path) {
        Path p = inside(path);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw sysError(e);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(inside(path));
    }

    @Override
    public void writeFile(String path, byte[] data) {
        Path p = inside(path);
        try {
            Files.createDirectories(p.getParent());
            boolean fresh = !Files.exists(p, NOFOLLOW);
            if (Files.isSymbolicLink(p)) {
                throw new SysError(Errno.ELOOP, "glassbox: " + p + " is a symlink; not writing through it");
            }
            Files.write(p, data);
            if (fresh) {
                Files.setAttribute(p, "unix:mode", 0644, NOFOLLOW);
            }
        } catch (IOException e) {
            throw sysError(e);
        }
    }

    @Override
    public void chown(String path, int uid, int gid) {
        Path p = inside(root, realRoot, path, false);
        try {
            Files.setAttribute(p, "unix:uid", uid, NOFOLLOW);
            Files.setAttribute(p, "unix:gid", gid, NOFOLLOW);
        } catch (IOException e) {
            throw sysError(e);
        }
    }

    @Override
    public void chmod(String path, int mode) {
        Path p = inside(root, realRoot, path, false);
        try {
            Files.setAttribute(p, "unix:mode", mode & 07777, NOFOLLOW);
        } catch (IOException e) {
            throw sysError(e);
        }
    }

    /** lstat(2): the merged view under a mounted overlay, as a process there sees it; null when nothing is there. */
    @Override
    public dev.glassbox.kernel.FileStat stat(String path) {
        Path p = inside(root, realRoot, path, false);
        try {
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime", NOFOLLOW);
            int mode = (Integer) a.get("mode");
            int uid = (Integer) a.get("uid");
            int gid = (Integer) a.get("gid");
            long mtime = ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toMillis();
            if (Files.isSymbolicLink(p)) {
                String target = Files.readSymbolicLink(p).toString();
                return new dev.glassbox.kernel.FileStat(FileEntry.Type.SYMLINK, 0777, uid, gid, target.length(), mtime, target);
            }
            FileEntry.Type type = Files.isDirectory(p, NOFOLLOW) ? FileEntry.Type.DIR
                    : Files.isRegularFile(p, NOFOLLOW) ? FileEntry.Type.FILE : null;
            return type == null ? null : new dev.glassbox.kernel.FileStat(type, mode & 07777, uid, gid, (Long) a.get("size"), mtime, null);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw sysError(e);
        }
    }

    @Override
    public byte[] readFile(String path) {
        Path p = inside(path);
        if (!Files.isRegularFile(p)) {
            throw new SysError(Errno.ENOENT, "glassbox: no regular file at " + p);
        }
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw sysError(e);
        }
    }

    // ---- h-persist: atomic replace and listing, for the daemon's state file and its clean-up at start

    @Override
    public void rename(String from, String to) {
        Path a = inside(from);
        Path b = inside(to);
        try {
            Files.createDirectories(b.getParent());
            Files.move(a, b, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw sysError(e);
        }
    }

    @Override
    public List<String> list(String dir) {
        Path p = inside(dir);
        if (!Files.isDirectory(p, NOFOLLOW)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> s = Files.list(p)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw sysError(e);
        }
    }

    /**
     * rm -rf, never the state root itself and never a tree with something mounted at or under it
     * (rm -rf would walk into the mount and delete through it).
     */
    @Override
    public void remove(String path) {
        Path p = inside(root, realRoot, path, false);
        if (p.equals(root) || p.equals(realRoot)) {
            throw new IllegalArgumentException("glassbox: refusing to remove the state root " + root);
        }
        java.util.Optional<Path> real = realOf(p);
        for (String m : LinuxOverlayMounts.mountPoints()) {
            Path mp = Path.of(m);
            if (mp.startsWith(p) || real.map(mp::startsWith).orElse(false)) {
                throw new SysError(Errno.EBUSY, "glassbox: cannot remove " + p + ": " + m + " is still mounted");
            }
        }
        if (!Files.exists(p, NOFOLLOW)) {
            return;
        }
        trash.discard(p); // gone from its place at once; its files are deleted off this thread
    }

    private static java.util.Optional<Path> realOf(Path p) {
        try {
            return java.util.Optional.of(p.toRealPath());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Sizes of the regular files under {@code path} (symlinks not followed; a hard link counts each time). */
    @Override
    public long diskUsage(String path) {
        Path p = inside(path);
        if (!Files.exists(p, NOFOLLOW)) {
            return 0;
        }
        long[] sum = {0};
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        sum[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw sysError(e);
        }
        return sum[0];
    }

    /** Where {@link #copyTree} records its kernel events; set by the kernel once its tracer is known. */
    private volatile dev.glassbox.trace.Tracer tracer;

    void trace(dev.glassbox.trace.Tracer t) {
        this.tracer = t;
    }

    /** cp -a, as Docker's early vfs driver copied (reflinks where the filesystem has them); both ends inside the state root. */
    @Override
    public void copyTree(String from, String to) {
        Path src = inside(from);
        Path dst = inside(to);
        if (!Files.isDirectory(src, NOFOLLOW)) {
            throw new SysError(Errno.ENOENT, "glassbox: no directory at " + src);
        }
        if (Files.exists(dst, NOFOLLOW)) {
            throw new SysError(Errno.EEXIST, "glassbox: " + dst + " exists");
        }
        List<String> argv = List.of("cp", "-a", "--reflink=auto", "-T", src.toString(), dst.toString());
        if (tracer != null) {
            dev.glassbox.kernel.MountEvents.copyTree(from, to, diskUsage(from), Cmd.line(argv)).note(tracer);
        }
        try {
            Files.createDirectories(dst.getParent());
        } catch (IOException e) {
            throw sysError(e);
        }
        Cmd.Result r = Cmd.run(argv, TOOL_TIMEOUT_MILLIS);
        if (r.exit() != 0) {
            throw new SysError(Errno.EIO, "glassbox: " + Cmd.line(argv) + ": " + r.stderr().strip());
        }
    }

    // ---- unpack ------------------------------------------------------------------------------

    @Override
    public void unpackLayer(String dir, List<FileEntry> entries) {
        LayerWriter.unpack(inside(dir), entries, asRoot);
    }

    // ---- readTree ----------------------------------------------------------------------------
    @Override
    public List<FileEntry> readTree(String dir) {
        Path base = inside(dir);
        if (!Files.isDirectory(base)) {
            throw new SysError(Errno.ENOENT, "glassbox: no directory at " + base);
        }
        try {
            return LayerReader.read(base.toRealPath(), asRoot);
        } catch (IOException e) {
            throw sysError(e);
        }
    }

    /** Relative paths of the directories under {@code dir} (not itself) marked trusted.overlay.opaque=y. */
    static Set<String> opaqueDirs(Path dir) {
        return LayerReader.opaqueDirs(dir);
    }

    /** rm -rf without following symlinks; a missing path is fine. */
    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, NOFOLLOW)) {
            return;
        }
        if (!Files.isDirectory(p, NOFOLLOW)) {
            Files.delete(p);
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                // a directory without write or search permission could not be emptied
                Files.setAttribute(d, "unix:mode", 0700, NOFOLLOW);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static SysError sysError(IOException e) {
        Errno errno;
        if (e instanceof NoSuchFileException) {
            errno = Errno.ENOENT;
        } else if (e instanceof FileAlreadyExistsException) {
            errno = Errno.EEXIST;
        } else if (e instanceof DirectoryNotEmptyException) {
            errno = Errno.ENOTEMPTY;
        } else if (e instanceof NotDirectoryException) {
            errno = Errno.ENOTDIR;
        } else if (e instanceof AccessDeniedException) {
            errno = Errno.EACCES;
        } else if (e instanceof FileSystemException f && f.getReason() != null && f.getReason().contains("not permitted")) {
            errno = Errno.EPERM;
        } else {
            errno = Errno.EIO;
        }
        return new SysError(errno, "glassbox: " + e); // SysError takes no cause: the message carries the path and reason
    }
}
