package dev.glassbox.repl;

import dev.glassbox.api.UsageException;
import dev.glassbox.client.Workspace;
import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.FileStat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The REPL's workspace: the user's real working directory, through java.nio, as the docker CLI sees the
 * shell's directory. Files, directories and symlinks only: a device, socket or pipe, or what cannot be
 * read, is named in one line and refused; every read and write is bounded as {@link Workspace} says.
 */
final class DirectoryWorkspace implements Workspace {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final String home;
    private volatile String cwd;

    DirectoryWorkspace(Path start) {
        this.home = start.toAbsolutePath().normalize().toString();
        this.cwd = home;
    }

    @Override
    public String cwd() {
        return cwd;
    }

    @Override
    public String home() {
        return home;
    }

    @Override
    public void cd(String path) {
        Path p = path(path);
        if (!Files.isDirectory(p)) {
            throw new UsageException("cd: " + path + ": " + (Files.exists(p) ? "Not a directory" : "No such file or directory"), 1);
        }
        cwd = resolve(path);
    }

    private Path path(String path) {
        return Path.of(resolve(path));
    }

    @Override
    public FileStat stat(String path) {
        Path p = path(path);
        PosixFileAttributes a;
        try {
            a = Files.readAttributes(p, PosixFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        } catch (IOException e) {
            throw refused(p, e);
        }
        FileEntry.Type type = type(p, a);
        String link = type == FileEntry.Type.SYMLINK ? readLink(p) : null;
        int uid = intAttribute(p, "unix:uid");
        int gid = intAttribute(p, "unix:gid");
        return new FileStat(type, mode(a.permissions()), uid, gid, a.size(), a.lastModifiedTime().toMillis(), link);
    }

    private static FileEntry.Type type(Path p, PosixFileAttributes a) {
        if (a.isSymbolicLink()) {
            return FileEntry.Type.SYMLINK;
        }
        if (a.isDirectory()) {
            return FileEntry.Type.DIR;
        }
        if (a.isRegularFile()) {
            return FileEntry.Type.FILE;
        }
        throw new UsageException("glassbox: " + p + " is a device, socket or pipe; the workspace moves files, directories and symlinks only", 1);
    }

    private static int intAttribute(Path p, String name) {
        try {
            return (Integer) Files.getAttribute(p, name, NOFOLLOW);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return 0;
        }
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            throw refused(p, e);
        }
    }

    @Override
    public byte[] readFile(String path) {
        Path p = path(path);
        if (!Files.isRegularFile(p, NOFOLLOW)) {
            throw new NoSuchElementException(p.toString());
        }
        try {
            if (Files.size(p) > MAX_BYTES) {
                throw new UsageException("glassbox: " + p + " is larger than the workspace reads (" + (MAX_BYTES >> 20) + " MiB)", 1);
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw refused(p, e);
        }
    }

    @Override
    public List<FileEntry> tree(String path) {
        Path root = path(path);
        FileStat top = stat(path);
        List<FileEntry> out = new ArrayList<>();
        if (top == null) {
            return out;
        }
        if (top.type() != FileEntry.Type.DIR) {
            out.add(entry(root, root.getFileName() == null ? "/" : root.getFileName().toString(), top));
            return out;
        }
        long[] bytes = {0};
        try (Stream<Path> walk = Files.walk(root)) {
            walk.skip(1).forEach(p -> {
                FileStat st = stat(p.toString());
                bytes[0] += st.type() == FileEntry.Type.FILE ? st.size() : 0;
                if (out.size() >= MAX_FILES || bytes[0] > MAX_BYTES) {
                    throw new UsageException("glassbox: " + root + " holds more than the workspace moves at once ("
                            + MAX_FILES + " files, " + (MAX_BYTES >> 20) + " MiB)", 1);
                }
                out.add(entry(p, root.relativize(p).toString(), st));
            });
        } catch (IOException e) {
            throw refused(root, e);
        } catch (UncheckedIOException e) {
            throw refused(root, e.getCause());
        }
        return out;
    }

    private FileEntry entry(Path p, String rel, FileStat st) {
        return switch (st.type()) {
            case DIR -> new FileEntry(rel, FileEntry.Type.DIR, st.mode(), st.uid(), st.gid(), null, 0, null);
            case SYMLINK -> new FileEntry(rel, FileEntry.Type.SYMLINK, 0777, st.uid(), st.gid(), null, 0, st.link());
            default -> new FileEntry(rel, FileEntry.Type.FILE, st.mode(), st.uid(), st.gid(), readFile(p.toString()), st.size(), null);
        };
    }

    @Override
    public void mkdirs(String path) {
        Path p = path(path);
        try {
            Files.createDirectories(p);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException("mkdir " + e.getFile() + ": not a directory", 1);
        } catch (IOException e) {
            throw refused(p, e);
        }
    }

    @Override
    public void writeFile(String path, byte[] data, int mode) {
        Path p = path(path);
        if (data.length > MAX_BYTES) {
            throw new UsageException("glassbox: " + p + " is larger than the workspace keeps (" + (MAX_BYTES >> 20) + " MiB)", 1);
        }
        if (Files.isDirectory(p, NOFOLLOW)) {
            throw new UsageException("open " + p + ": is a directory", 1);
        }
        try {
            Files.deleteIfExists(p);
            Files.write(p, data);
            Files.setPosixFilePermissions(p, permissions(mode));
        } catch (NoSuchFileException e) {
            throw new UsageException("open " + p + ": no such file or directory", 1);
        } catch (IOException e) {
            throw refused(p, e);
        }
    }

    @Override
    public void extract(String dir, List<FileEntry> entries) {
        Path base = path(dir);
        if (entries.size() > MAX_FILES) {
            throw new UsageException("glassbox: more than " + MAX_FILES + " files to write at once", 1);
        }
        for (FileEntry e : entries) {
            Path at = base.resolve(e.path()).normalize();
            if (!at.startsWith(base)) {
                throw new UsageException("glassbox: refused " + e.path() + ": it leaves " + base, 1);
            }
            try {
                switch (e.type()) {
                    case DIR -> {
                        Files.createDirectories(at);
                        Files.setPosixFilePermissions(at, permissions(e.mode()));
                    }
                    case FILE -> {
                        Files.createDirectories(at.getParent());
                        byte[] data = e.data().length == e.size() ? e.data() : java.util.Arrays.copyOf(e.data(), (int) e.size());
                        writeFile(at.toString(), data, e.mode());
                    }
                    case SYMLINK -> {
                        Files.createDirectories(at.getParent());
                        Files.deleteIfExists(at);
                        Files.createSymbolicLink(at, Path.of(e.link()));
                    }
                    case HARDLINK -> {
                        Path target = base.resolve(e.link()).normalize();
                        if (target.startsWith(base) && Files.isRegularFile(target, NOFOLLOW)) {
                            Files.deleteIfExists(at);
                            Files.createLink(at, target);
                        }
                    }
                }
            } catch (DirectoryNotEmptyException ex) {
                throw new UsageException("glassbox: " + at + " is a directory that is not empty", 1);
            } catch (IOException ex) {
                throw refused(at, ex);
            }
        }
    }

    @Override
    public void remove(String path) {
        Path p = path(path);
        if (p.getParent() == null) {
            throw new UsageException("glassbox: refusing to remove /", 1);
        }
        if (!Files.exists(p, NOFOLLOW)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (IOException e) {
            throw refused(p, e);
        }
    }

    @Override
    public List<String> list(String dir) {
        Path p = path(dir);
        if (!Files.isDirectory(p)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.map(q -> q.getFileName().toString()).sorted().limit(MAX_FILES).toList();
        } catch (IOException e) {
            throw refused(p, e);
        }
    }

    /** One line for what the host refused: a path without permission, or the error as Go would word it. */
    private static UsageException refused(Path p, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new UsageException("open " + p + ": permission denied", 1);
        }
        if (e instanceof NoSuchFileException) {
            return new UsageException("open " + p + ": no such file or directory", 1);
        }
        return new UsageException("glassbox: " + p + ": " + e.getClass().getSimpleName() + " " + (e.getMessage() == null ? "" : e.getMessage()), 1);
    }

    private static int mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 0400 >> p.ordinal();
        }
        return mode;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (0400 >> p.ordinal())) != 0) {
                out.add(p);
            }
        }
        return out;
    }
}
