package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.Sys;
import dev.glassbox.kernel.SysError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** os and os.path, answered by the process's system calls: its environment, pid, cwd and the container's files. */
final class OsModule {
    private OsModule() {}

    static PyModule os(Interp in) {
        PyModule m = new PyModule("os");
        PyDict env = new PyDict();
        for (String kv : in.sys.environ()) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        m.attrs.put("environ", env);
        m.attrs.put("name", "posix");
        m.attrs.put("sep", "/");
        m.attrs.put("linesep", "\n");
        m.attrs.put("path", Modules.load(in, "os.path"));
        m.attrs.put("getenv", Builtin.of("getenv", 1, 2, (i, a) -> {
            Object v = env.get(a.get(0));
            return v != null ? v : a.size() > 1 ? a.get(1) : PyNone.NONE;
        }));
        m.attrs.put("getpid", Builtin.of("getpid", 0, 0, (i, a) -> BigInteger.valueOf(i.sys.getpid())));
        m.attrs.put("getppid", Builtin.of("getppid", 0, 0, (i, a) -> BigInteger.valueOf(i.sys.getppid())));
        m.attrs.put("getuid", Builtin.of("getuid", 0, 0, (i, a) -> BigInteger.valueOf(i.sys.getuid())));
        m.attrs.put("getcwd", Builtin.of("getcwd", 0, 0, (i, a) -> i.sys.getcwd()));
        m.attrs.put("uname", Builtin.of("uname", 0, 0, (i, a) -> {
            Sys.Uname u = i.sys.uname();
            return PyTuple.of(u.sysname(), u.nodename(), u.release(), u.version(), u.machine());
        }));
        m.attrs.put("chdir", Builtin.of("chdir", 1, 1, (i, a) -> call(a.get(0), p -> i.sys.chdir(p))));
        m.attrs.put("listdir", Builtin.of("listdir", 0, 1, (i, a) -> {
            String p = a.isEmpty() ? "." : Format.str(i, a.get(0));
            try {
                List<Object> names = new ArrayList<>();
                for (Sys.DirEntry e : i.sys.readdir(p)) {
                    if (!e.name().equals(".") && !e.name().equals("..")) {
                        names.add(e.name());
                    }
                }
                return new PyList(names);
            } catch (SysError e) {
                throw OsErrors.of(e, p);
            }
        }));
        m.attrs.put("mkdir", Builtin.of("mkdir", 1, 2, (i, a) -> call(a.get(0), p -> i.sys.mkdir(p, 0777))));
        m.attrs.put("makedirs", new Builtin("makedirs", null, (i, a, kw) -> {
            Args.count("makedirs", a, 1, 2);
            String p = Format.str(i, a.get(0));
            boolean existOk = Ops.truthy(i, Args.kw(kw, "exist_ok", false));
            StringBuilder sofar = new StringBuilder(p.startsWith("/") ? "/" : "");
            String[] parts = p.split("/");
            for (int k = 0; k < parts.length; k++) {
                if (parts[k].isEmpty()) {
                    continue;
                }
                sofar.append(parts[k]);
                String here = sofar.toString();
                if (!isDir(i, here)) {
                    call(here, d -> i.sys.mkdir(d, 0777));
                } else if (k == parts.length - 1 && !existOk) {
                    throw OsErrors.of(SysError.eexist(), p);
                }
                sofar.append('/');
            }
            return PyNone.NONE;
        }));
        m.attrs.put("remove", Builtin.of("remove", 1, 1, (i, a) -> call(a.get(0), p -> i.sys.unlink(p))));
        m.attrs.put("unlink", m.attrs.get("remove"));
        m.attrs.put("rmdir", Builtin.of("rmdir", 1, 1, (i, a) -> call(a.get(0), p -> i.sys.rmdir(p))));
        m.attrs.put("rename", Builtin.of("rename", 2, 2, (i, a) -> call(a.get(0), p -> i.sys.rename(p, Format.str(i, a.get(1))))));
        m.attrs.put("system", Builtin.of("system", 1, 1, (i, a) -> {
            int st = i.sys.spawn(List.of("/bin/sh", "-c", Format.str(i, a.get(0))), i.sys.environ(), "", null, null);
            return BigInteger.valueOf(st > 128 ? st - 128 : (long) st << 8);
        }));
        return m;
    }

    private interface PathCall {
        void run(String path);
    }

    private static Object call(Object path, PathCall c) {
        if (!(path instanceof String p)) {
            throw PyException.type("expected str, bytes or os.PathLike object, not " + Ops.typeName(path));
        }
        try {
            c.run(p);
        } catch (SysError e) {
            throw OsErrors.of(e, p);
        }
        return PyNone.NONE;
    }

    private static Sys.Stat stat(Interp in, String p) {
        try {
            return in.sys.stat(p);
        } catch (SysError e) {
            return null;
        }
    }

    private static boolean isDir(Interp in, String p) {
        Sys.Stat s = stat(in, p);
        return s != null && s.isDir();
    }

    static PyModule path(Interp in) {
        PyModule m = new PyModule("posixpath");
        m.attrs.put("sep", "/");
        m.attrs.put("join", Builtin.of("join", 1, 32, (i, a) -> {
            String out = "";
            for (Object o : a) {
                String s = Format.str(i, o);
                out = s.startsWith("/") || out.isEmpty() ? s : out.endsWith("/") ? out + s : out + "/" + s;
            }
            return out;
        }));
        m.attrs.put("exists", Builtin.of("exists", 1, 1, (i, a) -> stat(i, Format.str(i, a.get(0))) != null));
        m.attrs.put("isdir", Builtin.of("isdir", 1, 1, (i, a) -> isDir(i, Format.str(i, a.get(0)))));
        m.attrs.put("isfile", Builtin.of("isfile", 1, 1, (i, a) -> {
            Sys.Stat s = stat(i, Format.str(i, a.get(0)));
            return s != null && s.kind() == Sys.Stat.Kind.FILE;
        }));
        m.attrs.put("getsize", Builtin.of("getsize", 1, 1, (i, a) -> {
            String p = Format.str(i, a.get(0));
            try {
                return BigInteger.valueOf(i.sys.stat(p).size());
            } catch (SysError e) {
                throw OsErrors.of(e, p);
            }
        }));
        m.attrs.put("basename", Builtin.of("basename", 1, 1, (i, a) -> {
            String p = Format.str(i, a.get(0));
            return p.substring(p.lastIndexOf('/') + 1);
        }));
        m.attrs.put("dirname", Builtin.of("dirname", 1, 1, (i, a) -> {
            String p = Format.str(i, a.get(0));
            int at = p.lastIndexOf('/');
            String d = at < 0 ? "" : p.substring(0, at + 1);
            return d.length() > 1 && d.endsWith("/") ? d.replaceAll("/+$", "") : d;
        }));
        m.attrs.put("abspath", Builtin.of("abspath", 1, 1, (i, a) -> {
            String p = Format.str(i, a.get(0));
            return normalize(p.startsWith("/") ? p : i.sys.getcwd() + "/" + p);
        }));
        m.attrs.put("splitext", Builtin.of("splitext", 1, 1, (i, a) -> {
            String p = Format.str(i, a.get(0));
            int dot = p.lastIndexOf('.');
            int slash = p.lastIndexOf('/');
            return dot > slash + 1 ? PyTuple.of(p.substring(0, dot), p.substring(dot)) : PyTuple.of(p, "");
        }));
        return m;
    }

    private static String normalize(String p) {
        List<String> out = new ArrayList<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else {
                out.add(part);
            }
        }
        return "/" + String.join("/", out);
    }
}
