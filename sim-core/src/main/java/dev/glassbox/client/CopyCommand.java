package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.UsageException;
import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.FileStat;
import dev.glassbox.registry.LayerArchive;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker cp} between a container and the client's {@link Workspace}, as docker/cli's cp.go does
 * it over HEAD, GET and PUT /containers/{id}/archive: the tar renamed so that the copy lands where
 * {@code cp -a} would put it, the same refusals, and "Successfully copied" (the tar's bytes) at a terminal.
 */
final class CopyCommand {
    private static final long MODE_DIR = 1L << 31;
    private static final long MODE_SYMLINK = 1L << 27;

    private CopyCommand() {}

    /** A source as a tree: its top entry (null for a container's {@code /}) and what is below it, relative to it. */
    private record Source(FileEntry top, List<FileEntry> below, boolean dir) {}

    static int run(Session s, Parsed p) {
        String src = p.args.get(0);
        String dst = p.args.get(1);
        if (src.isEmpty()) {
            throw new UsageException("source can not be empty", 1);
        }
        if (dst.isEmpty()) {
            throw new UsageException("destination can not be empty", 1);
        }
        String[] from = CopyPaths.split(src);
        String[] to = CopyPaths.split(dst);
        if (from != null && to != null) {
            throw new UsageException("copying between containers is not supported", 1);
        }
        if (from == null && to == null) {
            throw new UsageException("must specify at least one container source", 1);
        }
        if (src.equals("-") || dst.equals("-")) {
            throw new UsageException("glassbox: 'docker cp' with '-' (a tar on stdin or stdout) is not supported here; name a file or directory", 1);
        }
        boolean quiet = p.bool("quiet") || (!p.changed("quiet") && s.console == null);
        return from != null ? fromContainer(s, from[0], from[1], dst, p.bool("follow-link"), quiet)
                : toContainer(s, src, to[0], to[1], p.bool("follow-link"), p.bool("archive"), quiet);
    }

    private static int fromContainer(Session s, String ctr, String srcPath, String dstArg, boolean follow, boolean quiet) {
        Workspace ws = s.workspace;
        String dst = CopyPaths.local(ws, dstArg);
        CopyPaths.validateOutput(ws, dst);
        String path = srcPath;
        String rebase = null;
        if (follow) {
            try {
                Api.PathStat st = s.api.statPath(ctr, srcPath);
                if ((st.mode() & MODE_SYMLINK) != 0) {
                    String target = st.linkTarget().startsWith("/") ? st.linkTarget()
                            : WorkspacePaths.resolve(CopyPaths.dir(srcPath, "/"), st.linkTarget());
                    path = rebased(srcPath, target);
                    rebase = CopyPaths.base(srcPath).equals(CopyPaths.base(path)) ? null : CopyPaths.base(srcPath);
                }
            } catch (DockerException e) {
                // as the CLI: a failed stat here leaves the path as it was; the copy itself reports the error
            }
        }
        Api.PathStat st = s.api.statPath(ctr, path);
        byte[] tar = s.api.archive(ctr, path);
        boolean dir = (st.mode() & MODE_DIR) != 0;
        Source source = fromTar(tar, st.name().equals("/") ? null : st.name(), dir);
        String name = rebase != null ? rebase : CopyPaths.currentDir(path) || source.top() == null ? "." : source.top().path();
        long[] copied = {0};
        try {
            extractLocally(ws, source, name, dst, tar.length, copied);
        } finally {
            if (!quiet) {
                s.err("Successfully copied " + Units.humanSize(copied[0], 3) + " to " + dst);
            }
        }
        return 0;
    }

    /** archive.CopyTo: where the tar goes in the workspace, then the untar that refuses a directory for a file. */
    private static void extractLocally(Workspace ws, Source source, String srcName, String dst, long tarBytes, long[] copied) {
        CopyPaths.Destination d = CopyPaths.destination(ws, dst);
        String dir;
        String name;
        if (d.exists() && d.dir()) {
            dir = d.path();
            name = srcName;
        } else if (d.exists() && source.dir()) {
            throw new UsageException("cannot copy directory", 1);
        } else if (!d.exists() && !source.dir() && CopyPaths.assertsDir(d.path())) {
            throw new UsageException("no such directory", 1);
        } else {
            dir = CopyPaths.dir(d.path(), ws.cwd());
            name = CopyPaths.base(d.path());
        }
        String root = WorkspacePaths.resolve(ws.cwd(), dir);
        List<FileEntry> entries = named(source, name);
        long bytes = entries.stream().mapToLong(FileEntry::size).sum();
        if (bytes > Workspace.MAX_BYTES || entries.size() > Workspace.MAX_FILES) {
            throw new UsageException("glassbox: the copy holds more than the workspace takes at once (" + Workspace.MAX_FILES
                    + " files, " + (Workspace.MAX_BYTES >> 20) + " MiB)", 1);
        }
        for (int i = 0; i < entries.size(); i++) {
            String problem = untarProblem(ws, root, entries.get(i));
            if (problem != null) {
                ws.extract(root, entries.subList(0, i));
                copied[0] = tarSize(entries.subList(0, i)) - 512;
                throw new UsageException(problem, 1);
            }
        }
        ws.extract(root, entries);
        copied[0] = tarBytes;
    }

    /** What Untar with NoOverwriteDirNonDir refuses, and a symlink that would lead out of the extraction. */
    private static String untarProblem(Workspace ws, String root, FileEntry e) {
        String target = WorkspacePaths.resolve(root, e.path());
        FileStat there = ws.stat(target);
        if (there != null && there.type() == FileEntry.Type.DIR && e.type() != FileEntry.Type.DIR) {
            return "cannot overwrite directory \"" + target + "\" with non-directory \"" + root + "\"";
        }
        if (there != null && there.type() != FileEntry.Type.DIR && e.type() == FileEntry.Type.DIR) {
            return "cannot overwrite non-directory \"" + target + "\" with directory \"" + root + "\"";
        }
        if (e.type() == FileEntry.Type.SYMLINK && !e.link().startsWith("/")) {
            String to = WorkspacePaths.resolve(WorkspacePaths.parent(target), e.link());
            if (!to.equals(root) && !to.startsWith(root.equals("/") ? "/" : root + "/")) {
                return "invalid symlink \"" + target + "\" -> \"" + e.link() + "\"";
            }
        }
        return null;
    }

    private static int toContainer(Session s, String srcArg, String ctr, String dstPath, boolean follow, boolean archive, boolean quiet) {
        Workspace ws = s.workspace;
        String src = CopyPaths.local(ws, srcArg);
        String dstInfo = dstPath;
        boolean exists = false;
        boolean isDir = false;
        try {
            Api.PathStat st = s.api.statPath(ctr, dstPath);
            if ((st.mode() & MODE_SYMLINK) != 0) {
                dstInfo = st.linkTarget().startsWith("/") ? st.linkTarget()
                        : WorkspacePaths.resolve(CopyPaths.dir(dstPath, "/"), st.linkTarget());
                st = s.api.statPath(ctr, dstInfo);
            }
            exists = true;
            isDir = (st.mode() & MODE_DIR) != 0;
        } catch (DockerException e) {
            // as the CLI: the destination may not exist yet; the extraction says what is wrong
        }
        Source source = localSource(ws, src, follow);
        String dir;
        String name;
        if (exists && isDir) {
            dir = dstInfo;
            name = source.top().path();
        } else if (exists && source.dir()) {
            throw new UsageException("cannot copy directory", 1);
        } else if (!exists && !source.dir() && CopyPaths.assertsDir(dstInfo)) {
            throw new UsageException("no such directory", 1);
        } else {
            dir = CopyPaths.dir(dstInfo, "/");
            name = CopyPaths.base(dstInfo);
        }
        if (name.isEmpty() || name.equals("/") || name.equals(".") || name.equals("..")) {
            name = source.top().path(); // no name to give the copy (CONTAINER: or a path ending in ..): it keeps its own
        }
        List<FileEntry> entries = named(source, name);
        if (!archive) {
            entries = entries.stream().map(e -> e.owned(0, 0)).toList();
        }
        byte[] tar = tar(entries);
        try {
            s.api.extractArchive(ctr, dir, tar);
        } finally {
            if (!quiet) {
                s.err("Successfully copied " + Units.humanSize(tar.length, 3) + " to " + ctr + ":" + dstInfo);
            }
        }
        return 0;
    }

    /** CopyInfoSourcePath and TarResource: the local path (its link followed with -L) as a tree named by its base. */
    private static Source localSource(Workspace ws, String src, boolean follow) {
        String path = src;
        String rebase = null;
        if (follow) {
            String resolved = followed(ws, WorkspacePaths.resolve(ws.cwd(), src));
            path = rebased(src, resolved);
            rebase = CopyPaths.base(src).equals(CopyPaths.base(path)) ? null : CopyPaths.base(src);
        }
        String lstat = CopyPaths.currentDir(path) ? path : WorkspacePaths.resolve(ws.cwd(), path);
        FileStat st = ws.stat(path);
        if (st == null) {
            throw new UsageException("lstat " + lstat + ": no such file or directory", 1);
        }
        if (st.type() != FileEntry.Type.DIR && path.endsWith("/")) {
            throw new UsageException("lstat " + lstat + ": not a directory", 1);
        }
        String name = rebase != null ? rebase : CopyPaths.base(path);
        if (name.isEmpty() || name.equals("/")) {
            name = "."; // the workspace's root: its contents, as for /.
        }
        boolean dir = st.type() == FileEntry.Type.DIR;
        List<FileEntry> tree = ws.tree(path);
        if (!dir) {
            FileEntry only = tree.get(0);
            return new Source(renamed(only, name), List.of(), false);
        }
        return new Source(new FileEntry(name, FileEntry.Type.DIR, st.mode(), st.uid(), st.gid(), null, 0, null), tree, true);
    }

    /** filepath.EvalSymlinks of a workspace path: every link on the way followed. */
    private static String followed(Workspace ws, String abs) {
        String at = "/";
        int hops = 0;
        List<String> rest = new ArrayList<>(List.of(abs.substring(1).split("/")));
        while (!rest.isEmpty()) {
            String part = rest.remove(0);
            if (part.isEmpty()) {
                continue;
            }
            String next = WorkspacePaths.resolve(at, part);
            FileStat st = ws.stat(next);
            if (st == null) {
                throw new UsageException("lstat " + next + ": no such file or directory", 1);
            }
            if (st.type() == FileEntry.Type.SYMLINK) {
                if (++hops > 255) {
                    throw new UsageException("EvalSymlinks: too many links", 1);
                }
                String target = WorkspacePaths.resolve(at, st.link());
                rest.addAll(0, List.of(target.substring(1).split("/")));
                at = "/";
            } else {
                at = next;
            }
        }
        return at;
    }

    /** archive.GetRebaseName: the resolved path keeps the original's trailing {@code /} or {@code /.}. */
    private static String rebased(String original, String resolved) {
        if (CopyPaths.currentDir(original) && !CopyPaths.currentDir(resolved)) {
            return resolved + "/.";
        }
        if (original.endsWith("/") && !resolved.endsWith("/")) {
            return resolved + "/";
        }
        return resolved;
    }

    /** The daemon's tar as a tree: the entry named {@code top} and those under it (all of them for a container's /). */
    private static Source fromTar(byte[] tar, String top, boolean dir) {
        List<FileEntry> entries;
        try {
            entries = LayerArchive.readTar(new ByteArrayInputStream(tar));
        } catch (IOException e) {
            throw DockerException.server("archive/tar: " + e.getMessage());
        }
        FileEntry head = null;
        List<FileEntry> below = new ArrayList<>();
        for (FileEntry e : entries) {
            if (top != null && e.path().equals(top)) {
                head = e;
            } else if (top == null) {
                below.add(e);
            } else if (e.path().startsWith(top + "/")) {
                below.add(renamed(e, e.path().substring(top.length() + 1)));
            }
        }
        if (head == null && top != null) {
            head = FileEntry.dir(top, 0755);
        }
        return new Source(head, below, dir);
    }

    /** The source's entries with its top named {@code name}; "." puts what is below it straight in. */
    private static List<FileEntry> named(Source source, String name) {
        List<FileEntry> out = new ArrayList<>();
        boolean contents = name.equals(".") && source.dir();
        if (!contents && source.top() != null) {
            out.add(renamed(source.top(), name));
        } else if (!contents) {
            out.add(FileEntry.dir(name, 0755));
        }
        for (FileEntry e : source.below()) {
            String link = e.type() == FileEntry.Type.HARDLINK && !contents ? name + "/" + e.link() : e.link();
            out.add(new FileEntry(contents ? e.path() : name + "/" + e.path(), e.type(), e.mode(), e.uid(), e.gid(), e.data(), e.size(), link));
        }
        return out;
    }

    private static FileEntry renamed(FileEntry e, String path) {
        return new FileEntry(path, e.type(), e.mode(), e.uid(), e.gid(), e.data(), e.size(), e.link());
    }

    private static byte[] tar(List<FileEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            LayerArchive.writeTar(entries, out);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("glassbox: cannot archive the copy: " + e.getMessage(), 1);
        }
        return out.toByteArray();
    }

    private static long tarSize(List<FileEntry> entries) {
        return entries.isEmpty() ? 1024 : tar(entries).length;
    }
}
