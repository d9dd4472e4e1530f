package dev.glassbox.sim.programs.packages;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * apk's installed database ({@code /lib/apk/db/installed}: a paragraph a package, {@code P:} name,
 * {@code V:} version, {@code I:} installed size, {@code D:} depends, {@code F:}/{@code R:} its
 * directories and files) and the world file ({@code /etc/apk/world}: what was asked for by name).
 */
final class ApkDb {
    static final String INSTALLED = "/lib/apk/db/installed";
    static final String WORLD = "/etc/apk/world";

    /** One installed package: its fields in file order, repeated keys (F, R) kept in sequence. */
    record Entry(String name, String version, long installedSize, List<String> depends, List<String> lines) {
        Entry {
            depends = List.copyOf(depends);
            lines = List.copyOf(lines);
        }

        /** The files it owns, absolute, from its F: (directory) and R: (file in it) lines. */
        List<String> files() {
            List<String> out = new ArrayList<>();
            String dir = "";
            for (String l : lines) {
                if (l.startsWith("F:")) {
                    dir = l.substring(2);
                } else if (l.startsWith("R:")) {
                    out.add("/" + (dir.isEmpty() ? "" : dir + "/") + l.substring(2));
                }
            }
            return out;
        }
    }

    private final Sys sys;
    private final Map<String, Entry> installed = new LinkedHashMap<>();
    private final TreeSet<String> world = new TreeSet<>();

    ApkDb(Sys sys) {
        this.sys = sys;
        for (String paragraph : read(INSTALLED).split("\n\n")) {
            List<String> lines = List.of(paragraph.strip().split("\n"));
            String name = field(lines, "P");
            if (!name.isEmpty()) {
                String size = field(lines, "I");
                String deps = field(lines, "D");
                installed.put(name, new Entry(name, field(lines, "V"), size.isEmpty() ? 0 : Long.parseLong(size),
                        deps.isEmpty() ? List.of() : List.of(deps.split(" ")), lines));
            }
        }
        for (String w : read(WORLD).split("\\s+")) {
            if (!w.isEmpty()) {
                world.add(w);
            }
        }
    }

    Map<String, Entry> installed() {
        return installed;
    }

    TreeSet<String> world() {
        return world;
    }

    long installedBytes() {
        return installed.values().stream().mapToLong(Entry::installedSize).sum();
    }

    void add(MirrorPackage p, List<String> paths) {
        List<String> lines = new ArrayList<>(List.of("P:" + p.name(), "V:" + p.version(), "A:x86_64", "S:" + p.size(),
                "I:" + p.installedSize()));
        if (!p.depends().isEmpty()) {
            lines.add("D:" + String.join(" ", p.depends()));
        }
        String dir = null;
        for (String path : paths) {
            String rel = path.substring(1);
            int slash = rel.lastIndexOf('/');
            String d = slash < 0 ? "" : rel.substring(0, slash);
            if (!d.equals(dir)) {
                lines.add("F:" + d);
                dir = d;
            }
            lines.add("R:" + rel.substring(slash + 1));
        }
        installed.put(p.name(), new Entry(p.name(), p.version(), p.installedSize(), p.depends(), lines));
    }

    void remove(String name) {
        installed.remove(name);
    }

    /** Writes both files back, as apk does at the end of a commit. */
    void save() {
        StringBuilder b = new StringBuilder();
        installed.values().forEach(e -> b.append(String.join("\n", e.lines())).append("\n\n"));
        sys.writeText(INSTALLED, b.toString(), false);
        sys.writeText(WORLD, world.isEmpty() ? "" : String.join("\n", world) + "\n", false);
    }

    private static String field(List<String> lines, String key) {
        for (String l : lines) {
            if (l.startsWith(key + ":")) {
                return l.substring(key.length() + 1);
            }
        }
        return "";
    }

    private String read(String path) {
        try {
            return sys.readText(path);
        } catch (SysError e) {
            return "";
        }
    }
}
