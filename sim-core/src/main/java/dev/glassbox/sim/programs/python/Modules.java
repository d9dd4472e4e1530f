package dev.glassbox.sim.programs.python;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** The modules a program can import: sys, os (with os.path), time, json, math and random, built in. */
final class Modules {
    static final String VERSION = "3.12.7";
    static final String BUILD = "(main, Oct 19 2024, 04:27:56) [GCC 12.2.0]";

    private Modules() {}

    static PyModule load(Interp in, String name) {
        PyModule m = in.modules.get(name);
        if (m != null) {
            return m;
        }
        m = switch (name) {
            case "sys" -> sys(in);
            case "os" -> OsModule.os(in);
            case "os.path" -> OsModule.path(in);
            case "time" -> time(in);
            case "json" -> Json.module();
            case "math" -> math();
            case "random" -> random(in);
            default -> null;
        };
        if (m == null) {
            throw PyException.of(Exceptions.MODULE_NOT_FOUND, "No module named '" + name + "'");
        }
        in.modules.put(name, m);
        return m;
    }

    /** {@code import a.b as c, d}: binds each module, or the top package of a dotted name. */
    static void importStmt(Interp in, Ast.Import i) {
        for (String[] n : i.names()) {
            PyModule m = load(in, n[0]);
            if (n[1] != null) {
                in.frame.scope.store(n[1], m);
            } else {
                String top = n[0].split("\\.")[0];
                in.frame.scope.store(top, load(in, top));
            }
        }
    }

    static void importFrom(Interp in, Ast.ImportFrom i) {
        PyModule m = load(in, i.module());
        for (String[] n : i.names()) {
            if (n[0].equals("*")) {
                m.attrs.forEach((k, v) -> {
                    if (!k.startsWith("_")) {
                        in.frame.scope.store(k, v);
                    }
                });
                continue;
            }
            Object v = m.attrs.get(n[0]);
            if (v == null) {
                v = submodule(in, i.module() + "." + n[0]);
            }
            if (v == null) {
                throw PyException.of(Exceptions.IMPORT, "cannot import name '" + n[0] + "' from '" + i.module()
                        + "' (unknown location)");
            }
            in.frame.scope.store(n[1] != null ? n[1] : n[0], v);
        }
    }

    static Object submodule(Interp in, String name) {
        return name.equals("os.path") ? load(in, name) : null;
    }

    private static PyModule sys(Interp in) {
        PyModule m = new PyModule("sys");
        m.attrs.put("argv", new PyList(new ArrayList<>(in.argv)));
        m.attrs.put("version", VERSION + " " + BUILD);
        m.attrs.put("version_info", PyTuple.of(BigInteger.valueOf(3), BigInteger.valueOf(12), BigInteger.valueOf(7), "final",
                BigInteger.ZERO));
        m.attrs.put("platform", "linux");
        m.attrs.put("executable", "/usr/local/bin/python3");
        m.attrs.put("maxsize", BigInteger.valueOf(Long.MAX_VALUE));
        m.attrs.put("path", new PyList(List.of("", "/usr/local/lib/python312.zip", "/usr/local/lib/python3.12",
                "/usr/local/lib/python3.12/lib-dynload", "/usr/local/lib/python3.12/site-packages")));
        m.attrs.put("stdin", PyFile.std(PyFile.Kind.STDIN));
        m.attrs.put("stdout", PyFile.std(PyFile.Kind.STDOUT));
        m.attrs.put("stderr", PyFile.std(PyFile.Kind.STDERR));
        m.attrs.put("exit", Builtin.of("exit", 0, 1, (i, a) -> {
            throw PyException.of(Exceptions.SYSTEM_EXIT, a.isEmpty() ? new Object[0] : new Object[] {a.get(0)});
        }));
        m.attrs.put("getrecursionlimit", Builtin.of("getrecursionlimit", 0, 0, (i, a) -> BigInteger.valueOf(Interp.RECURSION_LIMIT)));
        return m;
    }

    private static PyModule time(Interp in) {
        PyModule m = new PyModule("time");
        m.attrs.put("time", Builtin.of("time", 0, 0, (i, a) -> i.sys.timeMillis() / 1000.0));
        m.attrs.put("monotonic", Builtin.of("monotonic", 0, 0, (i, a) -> i.sys.timeMillis() / 1000.0));
        m.attrs.put("perf_counter", Builtin.of("perf_counter", 0, 0, (i, a) -> i.sys.timeMillis() / 1000.0));
        m.attrs.put("sleep", Builtin.of("sleep", 1, 1, (i, a) -> {
            if (!Ops.isNumber(a.get(0))) {
                throw PyException.type("'" + Ops.typeName(a.get(0)) + "' object cannot be interpreted as an integer");
            }
            double secs = Ops.dbl(a.get(0));
            if (secs < 0) {
                throw PyException.value("sleep length must be non-negative");
            }
            sleep(i, Math.round(secs * 1000));
            return PyNone.NONE;
        }));
        m.attrs.put("strftime", Builtin.of("strftime", 1, 2, (i, a) -> {
            String f = Format.str(i, a.get(0));
            java.time.ZonedDateTime t = java.time.Instant.ofEpochMilli(i.sys.timeMillis()).atZone(java.time.ZoneOffset.UTC);
            return f.replace("%Y", String.format("%04d", t.getYear())).replace("%m", String.format("%02d", t.getMonthValue()))
                    .replace("%d", String.format("%02d", t.getDayOfMonth())).replace("%H", String.format("%02d", t.getHour()))
                    .replace("%M", String.format("%02d", t.getMinute())).replace("%S", String.format("%02d", t.getSecond()));
        }));
        return m;
    }

    /** Sleeps in virtual time; Ctrl-C's KeyboardInterrupt ends it early, as it ends CPython's. */
    static void sleep(Interp in, long millis) {
        long left = millis;
        while (left > 0) {
            long slice = Math.min(left, 100);
            in.sys.sleep(slice);
            left -= slice;
        }
    }

    private static PyModule math() {
        PyModule m = new PyModule("math");
        m.attrs.put("pi", Math.PI);
        m.attrs.put("e", Math.E);
        m.attrs.put("tau", 2 * Math.PI);
        m.attrs.put("inf", Double.POSITIVE_INFINITY);
        m.attrs.put("nan", Double.NaN);
        fn(m, "sqrt", x -> {
            if (x < 0) {
                throw PyException.value("math domain error");
            }
            return Math.sqrt(x);
        });
        fn(m, "exp", Math::exp);
        fn(m, "sin", Math::sin);
        fn(m, "cos", Math::cos);
        fn(m, "tan", Math::tan);
        fn(m, "fabs", Math::abs);
        fn(m, "log10", x -> {
            if (x <= 0) {
                throw PyException.value("math domain error");
            }
            return Math.log10(x);
        });
        fn(m, "log2", x -> {
            if (x <= 0) {
                throw PyException.value("math domain error");
            }
            return Math.log(x) / Math.log(2);
        });
        m.attrs.put("log", Builtin.of("log", 1, 2, (i, a) -> {
            double x = Builtins.toFloat(i, a.get(0));
            if (x <= 0) {
                throw PyException.value("math domain error");
            }
            return a.size() > 1 ? Math.log(x) / Math.log(Builtins.toFloat(i, a.get(1))) : Math.log(x);
        }));
        m.attrs.put("pow", Builtin.of("pow", 2, 2, (i, a) -> Math.pow(Builtins.toFloat(i, a.get(0)), Builtins.toFloat(i, a.get(1)))));
        m.attrs.put("floor", Builtin.of("floor", 1, 1, (i, a) -> round(a.get(0), RoundingMode.FLOOR)));
        m.attrs.put("ceil", Builtin.of("ceil", 1, 1, (i, a) -> round(a.get(0), RoundingMode.CEILING)));
        m.attrs.put("trunc", Builtin.of("trunc", 1, 1, (i, a) -> round(a.get(0), RoundingMode.DOWN)));
        m.attrs.put("isqrt", Builtin.of("isqrt", 1, 1, (i, a) -> Ops.big(a.get(0)).sqrt()));
        m.attrs.put("gcd", Builtin.of("gcd", 0, 16, (i, a) -> {
            BigInteger g = BigInteger.ZERO;
            for (Object o : a) {
                g = g.gcd(Ops.big(o));
            }
            return g;
        }));
        m.attrs.put("factorial", Builtin.of("factorial", 1, 1, (i, a) -> {
            long n = Ops.toLong(a.get(0), "factorial() argument");
            if (n < 0) {
                throw PyException.value("factorial() not defined for negative values");
            }
            BigInteger r = BigInteger.ONE;
            for (long k = 2; k <= n; k++) {
                r = r.multiply(BigInteger.valueOf(k));
                if (r.bitLength() > Arith.MAX_BITS) {
                    throw PyException.of(Exceptions.MEMORY, "glassbox's python keeps ints below 2**" + Arith.MAX_BITS);
                }
                i.tick();
            }
            return r;
        }));
        m.attrs.put("isclose", Builtin.of("isclose", 2, 2, (i, a) -> {
            double x = Ops.dbl(a.get(0));
            double y = Ops.dbl(a.get(1));
            return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
        }));
        return m;
    }

    private static void fn(PyModule m, String name, DoubleUnaryOperator f) {
        m.attrs.put(name, Builtin.of(name, 1, 1, (i, a) -> {
            if (!Ops.isNumber(a.get(0))) {
                throw PyException.type("must be real number, not " + Ops.typeName(a.get(0)));
            }
            return f.applyAsDouble(Ops.dbl(a.get(0)));
        }));
    }

    private static Object round(Object v, RoundingMode mode) {
        if (Ops.isInt(v)) {
            return Ops.big(v);
        }
        if (!(v instanceof Double d)) {
            throw PyException.type("must be real number, not " + Ops.typeName(v));
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw Double.isNaN(d) ? PyException.value("cannot convert float NaN to integer")
                    : PyException.of(Exceptions.OVERFLOW, "cannot convert float infinity to integer");
        }
        return new BigDecimal(d).setScale(0, mode).toBigInteger();
    }

    /** random, seeded from the process's pid and the virtual clock: the same run draws the same numbers. */
    private static PyModule random(Interp in) {
        PyModule m = new PyModule("random");
        java.util.Random rnd = new java.util.Random(in.sys.getpid() * 31L + in.sys.timeMillis());
        m.attrs.put("seed", Builtin.of("seed", 0, 1, (i, a) -> {
            rnd.setSeed(a.isEmpty() ? 0 : Ops.hash(a.get(0)));
            return PyNone.NONE;
        }));
        m.attrs.put("random", Builtin.of("random", 0, 0, (i, a) -> rnd.nextDouble()));
        m.attrs.put("randint", Builtin.of("randint", 2, 2, (i, a) -> {
            long lo = Ops.toLong(a.get(0), "randint() argument");
            long hi = Ops.toLong(a.get(1), "randint() argument");
            if (hi < lo) {
                throw PyException.value("empty range in randrange(" + lo + ", " + (hi + 1) + ")");
            }
            return BigInteger.valueOf(lo + (long) (rnd.nextDouble() * (hi - lo + 1)));
        }));
        m.attrs.put("choice", Builtin.of("choice", 1, 1, (i, a) -> {
            List<Object> items = Iter.list(i, a.get(0));
            if (items.isEmpty()) {
                throw PyException.index("Cannot choose from an empty sequence");
            }
            return items.get(rnd.nextInt(items.size()));
        }));
        m.attrs.put("shuffle", Builtin.of("shuffle", 1, 1, (i, a) -> {
            if (a.get(0) instanceof PyList l) {
                java.util.Collections.shuffle(l.items, rnd);
            }
            return PyNone.NONE;
        }));
        m.attrs.put("uniform", Builtin.of("uniform", 2, 2, (i, a) -> Ops.dbl(a.get(0))
                + rnd.nextDouble() * (Ops.dbl(a.get(1)) - Ops.dbl(a.get(0)))));
        return m;
    }
}
