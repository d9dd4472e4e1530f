package dev.glassbox.client;

import dev.glassbox.api.UsageException;
import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.FileStat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * A workspace held in memory: what the web page's session and a script start from, and what tests
 * fill. Its working directory exists from the start; times are the epoch (nothing here reads a clock,
 * so a script gives the same answer every run).
 */
public final class MemoryWorkspace implements Workspace {
    /** The working directory a fresh workspace has. */
    public static final String HOME = "/home/student";

    private record Node(FileEntry.Type type, int mode, byte[] data, String link) {}

    private final String home;
    private volatile String cwd;
    private final NavigableMap<String, Node> nodes = new TreeMap<>();

    public MemoryWorkspace() {
        this(HOME);
    }

    public MemoryWorkspace(String cwd) {
        this.cwd = WorkspacePaths.resolve("/", cwd);
        this.home = this.cwd;
        nodes.put("/", new Node(FileEntry.Type.DIR, 0755, null, null));
        mkdirs(this.cwd);
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
        String abs = resolve(path);
        Node n = nodes.get(abs);
        if (n == null || n.type != FileEntry.Type.DIR) {
            throw new UsageException("cd: " + path + ": " + (n == null ? "No such file or directory" : "Not a directory"), 1);
        }
        cwd = abs;
    }

    @Override
    public List<String> list(String dir) {
        String abs = resolve(dir);
        Node n = nodes.get(abs);
        if (n == null || n.type != FileEntry.Type.DIR) {
            return List.of();
        }
        String prefix = abs.equals("/") ? "/" : abs + "/";
        List<String> out = new ArrayList<>();
        for (String key : nodes.subMap(prefix, false, prefix + Character.MAX_VALUE, false).keySet()) {
            if (key.startsWith(prefix) && key.indexOf('/', prefix.length()) < 0) {
                out.add(key.substring(prefix.length()));
            }
        }
        return out;
    }

    /** Writes a text file (mode 0644), making its parent directories: what a test or a lesson seeds. */
    public MemoryWorkspace put(String path, String text) {
        String abs = resolve(path);
        mkdirs(WorkspacePaths.parent(abs));
        writeFile(abs, text.getBytes(StandardCharsets.UTF_8), 0644);
        return this;
    }

    @Override
    public FileStat stat(String path) {
        Node n = nodes.get(resolve(path));
        if (n == null) {
            return null;
        }
        long size = n.type == FileEntry.Type.FILE ? n.data.length : n.type == FileEntry.Type.DIR ? 4096 : n.link.length();
        return new FileStat(n.type, n.mode, 0, 0, size, 0, n.link);
    }

    @Override
    public byte[] readFile(String path) {
        Node n = nodes.get(resolve(path));
        if (n == null || n.type != FileEntry.Type.FILE) {
            throw new NoSuchElementException(resolve(path));
        }
        return n.data.clone();
    }

    @Override
    public List<FileEntry> tree(String path) {
        String root = resolve(path);
        Node top = nodes.get(root);
        List<FileEntry> out = new ArrayList<>();
        if (top == null) {
            return out;
        }
        if (top.type != FileEntry.Type.DIR) {
            out.add(entry(WorkspacePaths.base(root), top));
            return out;
        }
        String prefix = root.equals("/") ? "/" : root + "/";
        long bytes = 0;
        for (Map.Entry<String, Node> e : nodes.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            if (e.getKey().length() == prefix.length()) {
                continue; // the root itself: what is under it is the tree
            }
            bytes += e.getValue().data == null ? 0 : e.getValue().data.length;
            if (out.size() >= MAX_FILES || bytes > MAX_BYTES) {
                throw new UsageException("glassbox: " + root + " holds more than the workspace moves at once ("
                        + MAX_FILES + " files, " + (MAX_BYTES >> 20) + " MiB)", 1);
            }
            out.add(entry(e.getKey().substring(prefix.length()), e.getValue()));
        }
        return out;
    }

    private static FileEntry entry(String rel, Node n) {
        return switch (n.type) {
            case DIR -> FileEntry.dir(rel, n.mode);
            case FILE -> FileEntry.file(rel, n.mode, n.data.clone());
            default -> FileEntry.symlink(rel, n.link);
        };
    }

    @Override
    public void mkdirs(String path) {
        String abs = resolve(path);
        StringBuilder at = new StringBuilder();
        for (String part : abs.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            at.append('/').append(part);
            Node n = nodes.get(at.toString());
            if (n == null) {
                nodes.put(at.toString(), new Node(FileEntry.Type.DIR, 0755, null, null));
            } else if (n.type != FileEntry.Type.DIR) {
                throw new UsageException("mkdir " + at + ": not a directory", 1);
            }
        }
    }

    @Override
    public void writeFile(String path, byte[] data, int mode) {
        String abs = resolve(path);
        Node parent = nodes.get(WorkspacePaths.parent(abs));
        if (parent == null || parent.type != FileEntry.Type.DIR) {
            throw new UsageException("open " + abs + ": no such file or directory", 1);
        }
        if (data.length > MAX_BYTES) {
            throw new UsageException("glassbox: " + abs + " is larger than the workspace keeps (" + (MAX_BYTES >> 20) + " MiB)", 1);
        }
        Node old = nodes.get(abs);
        if (old != null && old.type == FileEntry.Type.DIR) {
            throw new UsageException("open " + abs + ": is a directory", 1);
        }
        nodes.put(abs, new Node(FileEntry.Type.FILE, mode & 07777, data.clone(), null));
    }

    @Override
    public void extract(String dir, List<FileEntry> entries) {
        String base = resolve(dir);
        if (entries.size() > MAX_FILES) {
            throw new UsageException("glassbox: more than " + MAX_FILES + " files to write at once", 1);
        }
        for (FileEntry e : entries) {
            String abs = WorkspacePaths.resolve(base, e.path());
            if (!abs.startsWith(base.equals("/") ? "/" : base + "/") && !abs.equals(base)) {
                throw new UsageException("glassbox: refused " + e.path() + ": it leaves " + base, 1);
            }
            switch (e.type()) {
                case DIR -> {
                    mkdirs(abs);
                    nodes.put(abs, new Node(FileEntry.Type.DIR, e.mode() & 07777, null, null));
                }
                case FILE -> {
                    mkdirs(WorkspacePaths.parent(abs));
                    remove(abs);
                    writeFile(abs, e.data().length == e.size() ? e.data() : java.util.Arrays.copyOf(e.data(), (int) e.size()), e.mode());
                }
                case SYMLINK -> {
                    mkdirs(WorkspacePaths.parent(abs));
                    remove(abs);
                    nodes.put(abs, new Node(FileEntry.Type.SYMLINK, 0777, null, e.link()));
                }
                case HARDLINK -> {
                    Node target = nodes.get(WorkspacePaths.resolve(base, e.link()));
                    if (target != null) {
                        nodes.put(abs, target);
                    }
                }
            }
        }
    }

    @Override
    public void remove(String path) {
        String abs = resolve(path);
        if (abs.equals("/")) {
            throw new UsageException("glassbox: refusing to remove /", 1);
        }
        nodes.remove(abs);
        nodes.subMap(abs + "/", true, abs + "0", false).clear();
    }
}
