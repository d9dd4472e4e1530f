package dev.glassbox.registry;

import dev.glassbox.image.FileEntry;
import dev.glassbox.image.SimBinary;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds a layer's entry list; parent directories appear on their own (0755, root). */
final class Tree {
    static final byte[] ELF = "\u007fELF\u0002\u0001\u0001".getBytes(StandardCharsets.ISO_8859_1);
    private static final Pattern VERSIONED = Pattern.compile("(.+\\.so\\.\\d+)\\..+");
    private final Map<String, FileEntry> entries = new TreeMap<>();

    Tree add(FileEntry e) {
        int slash = e.path().lastIndexOf('/');
        if (slash > 0 && !entries.containsKey(e.path().substring(0, slash))) {
            add(FileEntry.dir(e.path().substring(0, slash), 0755));
        }
        entries.put(e.path(), e);
        return this;
    }

    Tree dirs(String... paths) {
        for (String p : paths) {
            add(FileEntry.dir(p, 0755));
        }
        return this;
    }

    Tree dir(String path, int mode) {
        return add(FileEntry.dir(path, mode));
    }

    Tree dir(String path, int mode, int uid, int gid) {
        return add(FileEntry.dir(path, mode).owned(uid, gid));
    }

    Tree text(String path, String text) {
        return add(FileEntry.file(path, 0644, text));
    }

    Tree text(String path, int mode, String text) {
        return add(FileEntry.file(path, mode, text));
    }

    Tree script(String path, String text) {
        return add(FileEntry.file(path, 0755, text));
    }

    /** A program the sim kernel runs, named {@code program}, of a realistic apparent size. */
    Tree bin(String path, String program, long size) {
        return add(SimBinary.entry(path, program, size));
    }

    /** Data with a recognisable first bytes and a zero tail up to its apparent size. */
    Tree blob(String path, int mode, String magic, long size) {
        return add(FileEntry.sparse(path, mode, magic.getBytes(StandardCharsets.ISO_8859_1), size));
    }

    /**
     * {@code "name:kB name:kB ..."}: shared libraries (ELF data, not programs) in {@code dir}; a fully
     * versioned {@code libz.so.1.3.1} also gets its soname link {@code libz.so.1}.
     */
    Tree libs(String dir, String spec) {
        each(spec, (name, size) -> {
            add(FileEntry.sparse(dir + "/" + name, 0644, ELF, size));
            Matcher m = VERSIONED.matcher(name);
            if (m.matches()) {
                symlink(dir + "/" + m.group(1), name);
            }
        });
        return this;
    }

    /** {@code "name:kB ..."}: programs in {@code dir}, each a sim program of the same name. */
    Tree bins(String dir, String spec) {
        each(spec, (name, size) -> bin(dir + "/" + name, name, size));
        return this;
    }

    /** {@code "name:kB ..."}: data files starting with {@code magic}. */
    Tree blobs(String dir, String magic, String spec) {
        each(spec, (name, size) -> blob(dir + "/" + name, 0644, magic, size));
        return this;
    }

    Tree symlink(String path, String target) {
        return add(FileEntry.symlink(path, target));
    }

    Tree hardlink(String path, String target) {
        return add(FileEntry.hardlink(path, target));
    }

    List<FileEntry> entries() {
        return List.copyOf(entries.values());
    }

    private interface Sized {
        void accept(String name, long size);
    }

    /** Sizes are in kB; a few bytes derived from the name keep them from looking round. */
    private static void each(String spec, Sized action) {
        for (String item : spec.trim().split("\\s+")) {
            int colon = item.lastIndexOf(':');
            String name = item.substring(0, colon);
            long kb = Long.parseLong(item.substring(colon + 1));
            action.accept(name, kb * 1000 + Math.floorMod(name.hashCode(), 1000));
        }
    }
}
