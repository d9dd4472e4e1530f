package dev.glassbox.sim.programs;

import dev.glassbox.sim.Sys;
import dev.glassbox.kernel.SysError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** tree 2.1: a directory's contents as an indented tree, then how many directories and files it held. */
final class TreeCommand {
    private final Sys sys;
    private final StringBuilder out = new StringBuilder();
    private boolean all;
    private boolean dirsOnly;
    private int maxLevel = Integer.MAX_VALUE;
    private boolean report = true;
    private int dirs;
    private int files;

    private TreeCommand(Sys sys) {
        this.sys = sys;
    }

    static int main(Sys sys) {
        TreeCommand t = new TreeCommand(sys);
        List<String> roots = new ArrayList<>();
        List<String> argv = sys.argv();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            switch (a) {
                case "-a" -> t.all = true;
                case "-d" -> t.dirsOnly = true;
                case "--noreport" -> t.report = false;
                case "-L" -> {
                    if (i + 1 >= argv.size() || !argv.get(i + 1).matches("[1-9][0-9]*")) {
                        sys.err("tree: Invalid level, must be greater than 0.\n");
                        return 1;
                    }
                    t.maxLevel = Integer.parseInt(argv.get(++i));
                }
                default -> {
                    if (a.startsWith("-") && a.length() > 1) {
                        sys.err("tree: Invalid argument `" + a + "'.\nusage: tree [-adL] [--noreport] [<directory list>]\n");
                        return 2;
                    }
                    roots.add(a);
                }
            }
        }
        if (roots.isEmpty()) {
            roots.add(".");
        }
        for (String root : roots) {
            t.root(root);
        }
        if (t.report) {
            t.out.append('\n').append(t.dirs).append(t.dirs == 1 ? " directory" : " directories");
            if (!t.dirsOnly) {
                t.out.append(", ").append(t.files).append(t.files == 1 ? " file" : " files");
            }
            t.out.append('\n');
        }
        sys.out(t.out.toString());
        return 0;
    }

    private void root(String root) {
        try {
            if (!sys.stat(root).isDir()) {
                out.append(root).append("  [error opening dir]\n");
                return;
            }
        } catch (SysError e) {
            out.append(root).append("  [error opening dir]\n");
            return;
        }
        out.append(root).append('\n');
        walk(root, "", 1);
    }

    private void walk(String dir, String prefix, int level) {
        List<Sys.DirEntry> entries;
        try {
            entries = new ArrayList<>(sys.readdir(dir));
        } catch (SysError e) {
            return;
        }
        entries.removeIf(e -> e.name().equals(".") || e.name().equals("..") || !all && e.name().startsWith(".")
                || dirsOnly && !isDir(dir, e));
        entries.sort(Comparator.comparing(Sys.DirEntry::name));
        for (int i = 0; i < entries.size(); i++) {
            Sys.DirEntry e = entries.get(i);
            boolean last = i == entries.size() - 1;
            String path = dir.endsWith("/") ? dir + e.name() : dir + "/" + e.name();
            out.append(prefix).append(last ? "└── " : "├── ").append(e.name());
            if (e.stat().kind() == Sys.Stat.Kind.SYMLINK) {
                out.append(" -> ").append(sys.readlink(path));
            }
            out.append('\n');
            if (isDir(dir, e)) {
                dirs++;
                if (e.stat().kind() != Sys.Stat.Kind.SYMLINK && level < maxLevel) {
                    walk(path, prefix + (last ? "    " : "│   "), level + 1);
                }
            } else {
                files++;
            }
        }
    }

    private boolean isDir(String dir, Sys.DirEntry e) {
        if (e.stat().isDir()) {
            return true;
        }
        if (e.stat().kind() != Sys.Stat.Kind.SYMLINK) {
            return false;
        }
        try {
            return sys.stat(dir + "/" + e.name()).isDir();
        } catch (SysError x) {
            return false;
        }
    }
}
