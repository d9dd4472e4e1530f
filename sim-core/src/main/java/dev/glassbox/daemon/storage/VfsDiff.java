package dev.glassbox.daemon.storage;

import dev.glassbox.image.FileEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The changes between two full copies of a filesystem, as layer entries (moby's archive.ChangesDirs
 * and ExportChanges): what is new or different in {@code now}, the directories above each change
 * (as an overlay's upper layer holds them), and an OCI whiteout for each path {@code before} had
 * and {@code now} lacks (only the topmost of a deleted tree).
 */
final class VfsDiff {
    private VfsDiff() {}

    static List<FileEntry> between(List<FileEntry> before, List<FileEntry> now) {
        Map<String, FileEntry> old = new HashMap<>();
        before.forEach(e -> old.put(e.path(), e));
        Set<String> present = new HashSet<>();
        now.forEach(e -> present.add(e.path()));
        Set<String> marked = new HashSet<>();
        for (FileEntry e : now) {
            FileEntry o = old.get(e.path());
            if (o == null || !same(o, e)) {
                markWithParents(marked, e.path());
            }
        }
        List<FileEntry> whiteouts = new ArrayList<>();
        for (FileEntry o : before) {
            String parent = parent(o.path());
            if (present.contains(o.path()) || parent != null && !present.contains(parent)) {
                continue; // still there, or under a directory that is gone as a whole
            }
            if (parent != null) {
                markWithParents(marked, parent);
            }
            whiteouts.add(FileEntry.file((parent == null ? "" : parent + "/") + ".wh." + name(o.path()), 0644, new byte[0]));
        }
        List<FileEntry> out = new ArrayList<>();
        for (FileEntry e : now) {
            if (marked.contains(e.path())) {
                out.add(e);
            }
        }
        out.addAll(whiteouts);
        return out;
    }

    private static void markWithParents(Set<String> marked, String path) {
        for (String p = path; p != null && marked.add(p); p = parent(p)) {
            // each directory above a change is in the diff too
        }
    }

    private static boolean same(FileEntry a, FileEntry b) {
        if (a.type() != b.type() || a.mode() != b.mode() || a.uid() != b.uid() || a.gid() != b.gid()) {
            return false;
        }
        return switch (a.type()) {
            case DIR -> true;
            case FILE -> a.size() == b.size() && Arrays.equals(a.data(), b.data());
            case SYMLINK, HARDLINK -> Objects.equals(a.link(), b.link());
        };
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
