package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Globs;
import dev.glassbox.sim.programs.Paths;
import dev.glassbox.sim.programs.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** find: paths, then an expression of tests and actions joined by (implicit) -a and -o. */
final class Find {
    private interface Pred {
        boolean test(String path, Sys.Stat st, int depth);
    }

    private static final class Quit extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Quit() {
            super(null, null, false, false);
        }
    }

    private final Tool t;
    private final List<List<Pred>> alternatives = new ArrayList<>();
    private int minDepth;
    private int maxDepth = Integer.MAX_VALUE;
    private boolean follow;
    private boolean hasAction;
    private int status;

    private Find(Tool t) {
        this.t = t;
    }

    static int run(Tool t) {
        return new Find(t).main();
    }

    private int main() {
        List<String> args = t.args;
        int i = 0;
        while (i < args.size() && (args.get(i).equals("-L") || args.get(i).equals("-H") || args.get(i).equals("-P"))) {
            follow = args.get(i++).equals("-L");
        }
        List<String> paths = new ArrayList<>();
        while (i < args.size() && !args.get(i).startsWith("-") && !args.get(i).equals("!") && !args.get(i).equals("(")) {
            paths.add(args.get(i++));
        }
        if (paths.isEmpty()) {
            paths.add(".");
        }
        try {
            parse(args.subList(i, args.size()));
        } catch (IllegalArgumentException e) {
            return t.fail(e.getMessage());
        }
        try {
            for (String p : paths) {
                try {
                    walk(p, follow ? t.sys.stat(p) : t.sys.lstat(p), 0);
                } catch (SysError e) {
                    t.err(p + ": " + e.getMessage());
                    status = 1;
                }
            }
        } catch (Quit q) {
            // -quit
        }
        return status;
    }

    private void parse(List<String> expr) {
        List<Pred> and = new ArrayList<>();
        alternatives.add(and);
        boolean negate = false;
        for (int i = 0; i < expr.size(); i++) {
            String a = expr.get(i);
            Pred p;
            switch (a) {
                case "!", "-not" -> {
                    negate = !negate;
                    continue;
                }
                case "-a", "-and" -> {
                    continue;
                }
                case "-o", "-or" -> {
                    and = new ArrayList<>();
                    alternatives.add(and);
                    continue;
                }
                case "-follow" -> {
                    follow = true;
                    continue;
                }
                case "-maxdepth" -> {
                    maxDepth = Integer.parseInt(arg(expr, ++i, a));
                    continue;
                }
                case "-mindepth" -> {
                    minDepth = Integer.parseInt(arg(expr, ++i, a));
                    continue;
                }
                case "-name", "-iname" -> {
                    String pat = arg(expr, ++i, a);
                    boolean ci = a.equals("-iname");
                    p = (path, st, d) -> Globs.matches(ci ? pat.toLowerCase(Locale.ROOT) : pat,
                            ci ? Paths.basename(path).toLowerCase(Locale.ROOT) : Paths.basename(path));
                }
                case "-path", "-wholename" -> {
                    String pat = arg(expr, ++i, a);
                    p = (path, st, d) -> Globs.matches(pat, path);
                }
                case "-type" -> {
                    String ty = arg(expr, ++i, a);
                    p = (path, st, d) -> switch (st.kind()) {
                        case DIR -> ty.equals("d");
                        case FILE -> ty.equals("f");
                        case SYMLINK -> ty.equals("l");
                        case CHAR_DEVICE -> ty.equals("c");
                        case BLOCK_DEVICE -> ty.equals("b");
                    };
                }
                case "-empty" -> p = (path, st, d) -> st.isDir() ? t.sys.readdir(path).stream()
                        .allMatch(e -> e.name().equals(".") || e.name().equals("..")) : st.size() == 0;
                case "-print", "-print0" -> {
                    hasAction = true;
                    String end = a.equals("-print") ? "\n" : "\0";
                    p = (path, st, d) -> {
                        t.out(path + end);
                        return true;
                    };
                }
                case "-quit" -> p = (path, st, d) -> {
                    throw new Quit();
                };
                case "-delete" -> {
                    hasAction = true;
                    p = (path, st, d) -> {
                        if (st.isDir()) {
                            t.sys.rmdir(path);
                        } else {
                            t.sys.unlink(path);
                        }
                        return true;
                    };
                }
                case "-exec" -> {
                    hasAction = true;
                    List<String> cmd = new ArrayList<>();
                    while (++i < expr.size() && !expr.get(i).equals(";") && !expr.get(i).equals("+")) {
                        cmd.add(expr.get(i));
                    }
                    if (i >= expr.size()) {
                        throw new IllegalArgumentException("-exec CMD must end by ';' or '+'");
                    }
                    p = (path, st, d) -> exec(cmd, path);
                }
                default -> throw new IllegalArgumentException("unrecognized: " + a);
            }
            if (negate) {
                Pred inner = p;
                p = (path, st, d) -> !inner.test(path, st, d);
                negate = false;
            }
            and.add(p);
        }
    }

    private static String arg(List<String> expr, int i, String opt) {
        if (i >= expr.size()) {
            throw new IllegalArgumentException(opt + ": missing argument");
        }
        return expr.get(i);
    }

    private boolean exec(List<String> cmd, String path) {
        List<String> argv = new ArrayList<>();
        for (String c : cmd) {
            argv.add(c.replace("{}", path));
        }
        try {
            return t.sys.waitpid(t.sys.spawn(argv, t.sys.environ(), "", null, null)) == 0;
        } catch (SysError e) {
            t.err(argv.get(0) + ": " + e.getMessage());
            status = 1;
            return false;
        }
    }

    private void walk(String path, Sys.Stat st, int depth) {
        if (depth >= minDepth && matches(path, st, depth) && !hasAction) {
            t.outln(path);
        }
        if (!st.isDir() || depth >= maxDepth) {
            return;
        }
        List<Sys.DirEntry> entries;
        try {
            entries = t.sys.readdir(path);
        } catch (SysError e) {
            t.err(path + ": " + e.getMessage());
            status = 1;
            return;
        }
        for (Sys.DirEntry e : entries) {
            if (e.name().equals(".") || e.name().equals("..")) {
                continue;
            }
            String child = Paths.join(path, e.name());
            try {
                walk(child, follow ? t.sys.stat(child) : t.sys.lstat(child), depth + 1);
            } catch (SysError x) {
                t.err(child + ": " + x.getMessage());
                status = 1;
            }
        }
    }

    private boolean matches(String path, Sys.Stat st, int depth) {
        for (List<Pred> and : alternatives) {
            boolean ok = true;
            for (Pred p : and) {
                if (!p.test(path, st, depth)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }
}
