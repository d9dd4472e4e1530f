package dev.glassbox.sim.programs;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import java.util.List;
import java.util.Set;

/** test(1) and [: POSIX's argument-count rules, then ! -a -o and parentheses. */
public final class TestExpr {
    /** A malformed expression: {@code kind} is "missing ]", "bad number" or "unexpected". */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final String kind;
        public final String arg;

        Failure(String kind, String arg) {
            super(kind + " " + arg, null, false, false);
            this.kind = kind;
            this.arg = arg;
        }
    }

    private static final Set<String> UNARY = Set.of("-e", "-f", "-d", "-x", "-s", "-r", "-w", "-L", "-h", "-z",
            "-n", "-c", "-b", "-p", "-S", "-t");
    private static final Set<String> BINARY = Set.of("=", "==", "!=", "-eq", "-ne", "-lt", "-gt", "-le", "-ge",
            "<", ">", "-nt", "-ot");

    private final Sys sys;
    private final List<String> a;
    private int pos;

    private TestExpr(Sys sys, List<String> args) {
        this.sys = sys;
        this.a = args;
    }

    /** Exit status of {@code test args} (or {@code [ args ]} when {@code bracket}). */
    public static int run(Sys sys, List<String> args, boolean bracket) {
        if (bracket) {
            if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
                throw new Failure("missing ]", "");
            }
            args = args.subList(0, args.size() - 1);
        }
        return new TestExpr(sys, args).evaluate() ? 0 : 1;
    }

    private boolean evaluate() {
        int n = a.size();
        switch (n) {
            case 0:
                return false;
            case 1:
                return !a.get(0).isEmpty();
            case 2:
                if (a.get(0).equals("!")) {
                    return a.get(1).isEmpty();
                }
                if (UNARY.contains(a.get(0))) {
                    return unary(a.get(0), a.get(1));
                }
                throw new Failure("unexpected", a.get(0));
            case 3:
                if (BINARY.contains(a.get(1))) {
                    return binary(a.get(0), a.get(1), a.get(2));
                }
                if (a.get(0).equals("!")) {
                    return !new TestExpr(sys, a.subList(1, 3)).evaluate();
                }
                if (a.get(0).equals("(") && a.get(2).equals(")")) {
                    return !a.get(1).isEmpty();
                }
                break;
            default:
                break;
        }
        boolean v = or();
        if (pos < n) {
            throw new Failure("unexpected", a.get(pos));
        }
        return v;
    }

    private boolean or() {
        boolean v = and();
        while (pos < a.size() && a.get(pos).equals("-o")) {
            pos++;
            v = and() | v;
        }
        return v;
    }

    private boolean and() {
        boolean v = not();
        while (pos < a.size() && a.get(pos).equals("-a")) {
            pos++;
            v = not() & v;
        }
        return v;
    }

    private boolean not() {
        if (pos < a.size() && a.get(pos).equals("!")) {
            pos++;
            return !not();
        }
        return primary();
    }

    private boolean primary() {
        if (pos >= a.size()) {
            throw new Failure("unexpected", "");
        }
        String t = a.get(pos);
        if (t.equals("(")) {
            pos++;
            boolean v = or();
            if (pos >= a.size() || !a.get(pos).equals(")")) {
                throw new Failure("unexpected", pos < a.size() ? a.get(pos) : "");
            }
            pos++;
            return v;
        }
        if (pos + 2 < a.size() && BINARY.contains(a.get(pos + 1))) {
            pos += 3;
            return binary(t, a.get(pos - 2), a.get(pos - 1));
        }
        if (UNARY.contains(t) && pos + 1 < a.size()) {
            pos += 2;
            return unary(t, a.get(pos - 1));
        }
        pos++;
        return !t.isEmpty();
    }

    private boolean unary(String op, String arg) {
        switch (op) {
            case "-z":
                return arg.isEmpty();
            case "-n":
                return !arg.isEmpty();
            case "-t":
                return false;
            case "-L":
            case "-h":
                return stat(arg, true) != null && stat(arg, true).kind() == Sys.Stat.Kind.SYMLINK;
            default:
                break;
        }
        Sys.Stat st = stat(arg, false);
        if (st == null) {
            return false;
        }
        switch (op) {
            case "-e": return true;
            case "-f": return st.kind() == Sys.Stat.Kind.FILE;
            case "-d": return st.isDir();
            case "-c": return st.kind() == Sys.Stat.Kind.CHAR_DEVICE;
            case "-b": return st.kind() == Sys.Stat.Kind.BLOCK_DEVICE;
            case "-s": return st.size() > 0;
            case "-x": return access(st, 1);
            case "-w": return access(st, 2);
            case "-r": return access(st, 4);
            default: return false;
        }
    }

    private boolean access(Sys.Stat st, int bit) {
        int uid = sys.getuid();
        if (uid == 0) {
            return bit != 1 || (st.mode() & 0111) != 0 || st.isDir();
        }
        int shift = st.uid() == uid ? 6 : st.gid() == sys.getgid() ? 3 : 0;
        return ((st.mode() >> shift) & bit) != 0;
    }

    private Sys.Stat stat(String path, boolean link) {
        try {
            return link ? sys.lstat(path) : sys.stat(path);
        } catch (SysError e) {
            return null;
        }
    }

    private boolean binary(String l, String op, String r) {
        switch (op) {
            case "=", "==": return l.equals(r);
            case "!=": return !l.equals(r);
            case "<": return l.compareTo(r) < 0;
            case ">": return l.compareTo(r) > 0;
            case "-nt": return mtime(l) > mtime(r);
            case "-ot": return mtime(l) < mtime(r);
            default: break;
        }
        long x = number(l);
        long y = number(r);
        switch (op) {
            case "-eq": return x == y;
            case "-ne": return x != y;
            case "-lt": return x < y;
            case "-gt": return x > y;
            case "-le": return x <= y;
            default: return x >= y;
        }
    }

    private long mtime(String path) {
        Sys.Stat st = stat(path, false);
        return st == null ? Long.MIN_VALUE : st.mtimeMillis();
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new Failure("bad number", s);
        }
    }
}
