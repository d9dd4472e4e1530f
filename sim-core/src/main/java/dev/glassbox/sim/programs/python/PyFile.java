package dev.glassbox.sim.programs.python;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A text file object: one opened by {@code open()} in the container's filesystem (read whole at open, written
 * through with each write), or one of sys.stdin, sys.stdout and sys.stderr.
 */
final class PyFile {
    enum Kind { FILE, STDIN, STDOUT, STDERR }

    final String name;
    final String mode;
    private final Kind kind;
    private String data;
    private int pos;
    private boolean closed;

    private PyFile(String name, String mode, Kind kind) {
        this.name = name;
        this.mode = mode;
        this.kind = kind;
    }

    static PyFile std(Kind kind) {
        return new PyFile(kind == Kind.STDIN ? "<stdin>" : kind == Kind.STDOUT ? "<stdout>" : "<stderr>", kind == Kind.STDIN ? "r" : "w",
                kind);
    }

    static Object open(Interp in, List<Object> a, Map<String, Object> kw) {
        Args.only("open", kw, "mode", "encoding", "newline", "errors");
        Args.count("open", a, 1, 3);
        if (!(a.get(0) instanceof String path)) {
            throw PyException.type("expected str, bytes or os.PathLike object, not " + Ops.typeName(a.get(0)));
        }
        String mode = a.size() > 1 ? Format.str(in, a.get(1)) : Format.str(in, Args.kw(kw, "mode", "r"));
        String m = mode.replace("b", "").replace("t", "");
        if (!List.of("r", "w", "a", "r+", "w+", "a+", "x").contains(m)) {
            throw PyException.value("invalid mode: '" + mode + "'");
        }
        PyFile f = new PyFile(path, mode, Kind.FILE);
        try {
            if (m.startsWith("r")) {
                if (in.sys.stat(path).isDir()) {
                    throw new SysError(Errno.EISDIR, "Is a directory");
                }
                f.data = in.sys.readText(path);
            } else if (m.startsWith("w") || m.equals("x")) {
                if (m.equals("x") && exists(in, path)) {
                    throw SysError.eexist();
                }
                in.sys.write(path, new byte[0], false);
                f.data = "";
            } else {
                in.sys.write(path, new byte[0], true);
                f.data = "";
            }
        } catch (SysError e) {
            throw OsErrors.of(e, path);
        }
        return f;
    }

    private static boolean exists(Interp in, String path) {
        try {
            in.sys.stat(path);
            return true;
        } catch (SysError e) {
            return false;
        }
    }

    private boolean readable() {
        return kind == Kind.STDIN || (kind == Kind.FILE && (mode.contains("r") || mode.contains("+")));
    }

    private void check(Interp in, boolean read) {
        if (closed) {
            throw PyException.value("I/O operation on closed file.");
        }
        if (read && !readable()) {
            throw PyException.of(Exceptions.OS, "not readable");
        }
        if (!read && kind != Kind.STDOUT && kind != Kind.STDERR && (kind == Kind.STDIN || mode.equals("r"))) {
            throw PyException.of(Exceptions.OS, "not writable");
        }
    }

    private String line(Interp in) {
        if (kind == Kind.STDIN) {
            String l = in.stdio.readRawLine();
            return l == null ? "" : l;
        }
        if (pos >= data.length()) {
            return "";
        }
        int nl = data.indexOf('\n', pos);
        int end = nl < 0 ? data.length() : nl + 1;
        String l = data.substring(pos, end);
        pos = end;
        return l;
    }

    Iterator<Object> lines(Interp in) {
        check(in, true);
        return new Iterator<>() {
            String next = line(in);

            @Override
            public boolean hasNext() {
                return !next.isEmpty();
            }

            @Override
            public Object next() {
                String r = next;
                next = line(in);
                return r;
            }
        };
    }

    Object method(Interp in, String name) {
        return switch (name) {
            case "read" -> Builtin.method(name, this, 0, 1, (i, a) -> {
                check(i, true);
                if (kind == Kind.STDIN) {
                    return i.stdio.readAll();
                }
                String r = data.substring(pos);
                pos = data.length();
                return r;
            });
            case "readline" -> Builtin.method(name, this, 0, 0, (i, a) -> {
                check(i, true);
                return line(i);
            });
            case "readlines" -> Builtin.method(name, this, 0, 0, (i, a) -> {
                List<Object> out = new ArrayList<>();
                lines(i).forEachRemaining(out::add);
                return new PyList(out);
            });
            case "write" -> Builtin.method(name, this, 1, 1, (i, a) -> {
                check(i, false);
                if (!(a.get(0) instanceof String s)) {
                    throw PyException.type("write() argument must be str, not " + Ops.typeName(a.get(0)));
                }
                write(i, s);
                return Ops.integer(s.codePointCount(0, s.length()));
            });
            case "writelines" -> Builtin.method(name, this, 1, 1, (i, a) -> {
                check(i, false);
                for (Object o : Iter.list(i, a.get(0))) {
                    write(i, Format.str(i, o));
                }
                return PyNone.NONE;
            });
            case "flush" -> Builtin.method(name, this, 0, 0, (i, a) -> {
                if (kind == Kind.STDOUT) {
                    i.stdio.flush();
                }
                return PyNone.NONE;
            });
            case "close" -> Builtin.method(name, this, 0, 0, (i, a) -> {
                closed = true;
                return PyNone.NONE;
            });
            case "__enter__" -> Builtin.method(name, this, 0, 0, (i, a) -> this);
            case "__exit__" -> Builtin.method(name, this, 3, 3, (i, a) -> {
                closed = true;
                return false;
            });
            case "name" -> name;
            case "mode" -> mode;
            case "closed" -> closed;
            default -> null;
        };
    }

    private void write(Interp in, String s) {
        switch (kind) {
            case STDOUT -> in.stdio.out(s);
            case STDERR -> in.stdio.err(s);
            default -> {
                try {
                    in.sys.writeText(name, s, true);
                } catch (SysError e) {
                    throw OsErrors.of(e, name);
                }
            }
        }
    }
}
