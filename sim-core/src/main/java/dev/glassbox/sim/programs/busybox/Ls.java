package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Clock;
import dev.glassbox.sim.programs.Paths;
import dev.glassbox.sim.programs.Tool;
import dev.glassbox.sim.programs.Users;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** busybox ls: one name a line (stdout is no terminal), or the -l long format. */
final class Ls {
    private record Entry(String name, String path, Sys.Stat stat) {}

    private final Tool t;
    private final Opts o;
    private final Users users;
    private final long now;
    private int status;

    private Ls(Tool t, Opts o) {
        this.t = t;
        this.o = o;
        this.users = t.users();
        this.now = t.sys.timeMillis();
    }

    static int run(Tool t) {
        Opts o = Opts.parse("1aAldRhnirtSFpCsLe", t.args);
        if (o.invalid(t)) {
            return 1;
        }
        return new Ls(t, o).list(o.operands.isEmpty() ? List.of(".") : o.operands);
    }

    private boolean longFormat() {
        return o.has('l') || o.has('n') || o.has('e');
    }

    private int list(List<String> operands) {
        List<Entry> files = new ArrayList<>();
        List<Entry> dirs = new ArrayList<>();
        for (String p : operands) {
            Sys.Stat st;
            try {
                st = o.has('L') || (!longFormat() && !o.has('d') && !o.has('F')) ? statFollow(p) : t.sys.lstat(p);
                if (st.kind() == Sys.Stat.Kind.SYMLINK && !o.has('d') && !longFormat()) {
                    st = t.sys.stat(p);
                }
            } catch (SysError e) {
                t.err(p + ": " + e.getMessage());
                status = 1;
                continue;
            }
            Entry e = new Entry(p, p, st);
            if (st.isDir() && !o.has('d')) {
                dirs.add(e);
            } else {
                files.add(e);
            }
        }
        sort(files);
        sort(dirs);
        StringBuilder sb = new StringBuilder();
        files.forEach(e -> line(sb, e));
        boolean headers = operands.size() > 1 || o.has('R');
        boolean first = files.isEmpty();
        for (Entry d : dirs) {
            directory(sb, d.path(), headers, first);
            first = false;
        }
        t.out(sb.toString());
        return status;
    }

    private Sys.Stat statFollow(String p) {
        try {
            return t.sys.stat(p);
        } catch (SysError e) {
            return t.sys.lstat(p);
        }
    }

    private void directory(StringBuilder sb, String path, boolean header, boolean first) {
        List<Entry> entries = new ArrayList<>();
        try {
            for (Sys.DirEntry de : t.sys.readdir(path)) {
                String n = de.name();
                if (n.equals(".") || n.equals("..") || (n.startsWith(".") && !o.has('a') && !o.has('A'))) {
                    continue;
                }
                String full = Paths.join(path, n);
                entries.add(new Entry(n, full, de.stat() != null ? de.stat() : t.sys.lstat(full)));
            }
            if (o.has('a')) {
                entries.add(new Entry(".", path, t.sys.stat(path)));
                entries.add(new Entry("..", Paths.join(path, ".."), t.sys.stat(Paths.join(path, ".."))));
            }
        } catch (SysError e) {
            t.err(path + ": " + e.getMessage());
            status = 1;
            return;
        }
        sort(entries);
        if (header) {
            sb.append(first ? "" : "\n").append(path).append(":\n");
        }
        if (longFormat()) {
            long total = 0;
            for (Entry e : entries) {
                total += blocks(e.stat());
            }
            sb.append("total ").append(total).append('\n');
        }
        entries.forEach(e -> line(sb, e));
        if (o.has('R')) {
            for (Entry e : entries) {
                if (e.stat().isDir() && !e.name().equals(".") && !e.name().equals("..")) {
                    directory(sb, e.path(), true, false);
                }
            }
        }
    }

    /** 1K blocks a file occupies, counting whole 4K pages as a disk filesystem does. */
    static long blocks(Sys.Stat s) {
        return switch (s.kind()) {
            case DIR -> 4;
            case FILE -> (s.size() + 4095) / 4096 * 4;
            default -> 0;
        };
    }

    private void sort(List<Entry> list) {
        Comparator<Entry> c = Comparator.comparing(Entry::name);
        if (o.has('t')) {
            c = Comparator.comparingLong((Entry e) -> e.stat().mtimeMillis()).reversed().thenComparing(Entry::name);
        } else if (o.has('S')) {
            c = Comparator.comparingLong((Entry e) -> e.stat().size()).reversed().thenComparing(Entry::name);
        }
        list.sort(o.has('r') ? c.reversed() : c);
    }

    private void line(StringBuilder sb, Entry e) {
        Sys.Stat s = e.stat();
        if (o.has('i')) {
            sb.append(String.format("%8d ", s.ino()));
        }
        if (o.has('s')) {
            sb.append(String.format("%4d ", blocks(s)));
        }
        if (longFormat()) {
            String user = o.has('n') ? Integer.toString(s.uid()) : users.userOr(s.uid());
            String group = o.has('n') ? Integer.toString(s.gid()) : users.groupOr(s.gid());
            String size = o.has('h') ? human(s.size()) : Long.toString(s.size());
            String date = o.has('e') ? Clock.strftime("%a %b %e %H:%M:%S %Y", s.mtimeMillis()) : Clock.ls(s.mtimeMillis(), now);
            sb.append(String.format("%-10s %4d %-8.8s %-8.8s %9s %s ", Modes.string(s), s.nlink(), user, group, size, date));
        }
        sb.append(e.name()).append(suffix(s));
        if (longFormat() && s.kind() == Sys.Stat.Kind.SYMLINK) {
            String target = s.link();
            if (target == null) {
                try {
                    target = t.sys.readlink(e.path());
                } catch (SysError x) {
                    target = "?";
                }
            }
            sb.append(" -> ").append(target);
        }
        sb.append('\n');
    }

    private String suffix(Sys.Stat s) {
        if (o.has('F')) {
            return switch (s.kind()) {
                case DIR -> "/";
                case SYMLINK -> "@";
                case FILE -> (s.mode() & 0111) != 0 ? "*" : "";
                default -> "";
            };
        }
        return o.has('p') && s.isDir() ? "/" : "";
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        double v = bytes;
        String units = "KMGTPE";
        int u = -1;
        while (v >= 1024 && u < units.length() - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f%c", v, units.charAt(u));
    }
}
