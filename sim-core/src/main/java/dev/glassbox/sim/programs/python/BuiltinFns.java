package dev.glassbox.sim.programs.python;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The builtin functions: print, input, len, sorted, enumerate, zip, min, max, sum, abs, round, isinstance, open, ... */
final class BuiltinFns {
    private BuiltinFns() {}

    static void register(Map<String, Object> t) {
        t.put("print", new Builtin("print", null, BuiltinFns::print));
        t.put("input", Builtin.of("input", 0, 1, (in, a) -> {
            if (!a.isEmpty()) {
                in.stdio.out(Format.str(in, a.get(0)));
            }
            in.stdio.flush();
            String line = in.stdio.readLine();
            if (line == null) {
                throw PyException.of(Exceptions.EOF, "EOF when reading a line");
            }
            return line;
        }));
        t.put("len", Builtin.of("len", 1, 1, (in, a) -> Ops.integer(Builtins.len(in, a.get(0)))));
        t.put("repr", Builtin.of("repr", 1, 1, (in, a) -> Format.repr(in, a.get(0))));
        t.put("abs", Builtin.of("abs", 1, 1, (in, a) -> {
            Object v = a.get(0);
            if (Ops.isInt(v)) {
                return Ops.big(v).abs();
            }
            if (v instanceof Double d) {
                return Math.abs(d);
            }
            throw PyException.type("bad operand type for abs(): '" + Ops.typeName(v) + "'");
        }));
        t.put("round", Builtin.of("round", 1, 2, BuiltinFns::round));
        t.put("sorted", new Builtin("sorted", null, (in, a, kw) -> {
            Args.count("sorted", a, 1, 1);
            Args.only("sort", kw, "key", "reverse");
            List<Object> items = new ArrayList<>(Iter.list(in, a.get(0)));
            Methods.sort(in, items, kw.get("key"), Ops.truthy(in, Args.kw(kw, "reverse", false)));
            return new PyList(items);
        }));
        t.put("reversed", Builtin.of("reversed", 1, 1, (in, a) -> {
            Object v = a.get(0);
            if (v instanceof PyDict || v instanceof PySet || v instanceof PyIter) {
                throw PyException.type("'" + Ops.typeName(v) + "' object is not reversible");
            }
            List<Object> items = new ArrayList<>(Iter.list(in, v));
            java.util.Collections.reverse(items);
            return new PyIter(v instanceof PyList ? "list_reverseiterator" : "reversed", items.iterator());
        }));
        t.put("enumerate", new Builtin("enumerate", null, (in, a, kw) -> {
            Args.count("enumerate", a, 1, 2);
            Iterator<Object> it = Iter.iter(in, a.get(0));
            BigInteger start = Ops.big(a.size() > 1 ? a.get(1) : Args.kw(kw, "start", BigInteger.ZERO));
            return new PyIter("enumerate", new Iterator<>() {
                BigInteger n = start;

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Object next() {
                    Object r = PyTuple.of(n, it.next());
                    n = n.add(BigInteger.ONE);
                    return r;
                }
            });
        }));
        t.put("zip", Builtin.of("zip", 0, 16, (in, a) -> new PyIter("zip", Builtins.zip(in, a))));
        t.put("map", Builtin.of("map", 2, 16, (in, a) -> {
            Object fn = a.get(0);
            Iterator<Object> rows = Builtins.zip(in, a.subList(1, a.size()));
            return new PyIter("map", new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Object next() {
                    return in.eval.call(fn, ((PyTuple) rows.next()).items, Map.of());
                }
            });
        }));
        t.put("filter", Builtin.of("filter", 2, 2, (in, a) -> {
            List<Object> out = new ArrayList<>();
            for (Object o : Iter.list(in, a.get(1))) {
                if (Ops.truthy(in, a.get(0) == PyNone.NONE ? o : in.eval.call(a.get(0), List.of(o), Map.of()))) {
                    out.add(o);
                }
            }
            return new PyIter("filter", out.iterator());
        }));
        t.put("min", new Builtin("min", null, (in, a, kw) -> Builtins.extreme(in, "min", a, kw, false)));
        t.put("max", new Builtin("max", null, (in, a, kw) -> Builtins.extreme(in, "max", a, kw, true)));
        t.put("sum", Builtin.of("sum", 1, 2, (in, a) -> {
            Object acc = a.size() > 1 ? a.get(1) : BigInteger.ZERO;
            if (acc instanceof String) {
                throw PyException.type("sum() can't sum strings [use ''.join(seq) instead]");
            }
            for (Object o : Iter.list(in, a.get(0))) {
                acc = Arith.binary(in, "+", acc, o);
            }
            return acc;
        }));
        t.put("any", Builtin.of("any", 1, 1, (in, a) -> Iter.list(in, a.get(0)).stream().anyMatch(o -> Ops.truthy(in, o))));
        t.put("all", Builtin.of("all", 1, 1, (in, a) -> Iter.list(in, a.get(0)).stream().allMatch(o -> Ops.truthy(in, o))));
        t.put("isinstance", Builtin.of("isinstance", 2, 2, (in, a) -> {
            for (Object c : a.get(1) instanceof PyTuple tu ? tu.items : List.of(a.get(1))) {
                if (!(c instanceof PyClass pc)) {
                    throw PyException.type("isinstance() arg 2 must be a type, a tuple of types, or a union");
                }
                if (Builtins.isInstance(a.get(0), pc)) {
                    return true;
                }
            }
            return false;
        }));
        t.put("issubclass", Builtin.of("issubclass", 2, 2, (in, a) -> a.get(0) instanceof PyClass c && a.get(1) instanceof PyClass d
                && (d == Builtins.OBJECT || c.isSubclassOf(d))));
        t.put("hasattr", Builtin.of("hasattr", 2, 2, (in, a) -> Attrs.find(in, a.get(0), Format.str(in, a.get(1))) != null));
        t.put("getattr", Builtin.of("getattr", 2, 3, (in, a) -> {
            Object v = Attrs.find(in, a.get(0), Format.str(in, a.get(1)));
            if (v == null) {
                if (a.size() > 2) {
                    return a.get(2);
                }
                throw Attrs.missing(a.get(0), Format.str(in, a.get(1)));
            }
            return v;
        }));
        t.put("setattr", Builtin.of("setattr", 3, 3, (in, a) -> {
            Attrs.set(in, a.get(0), Format.str(in, a.get(1)), a.get(2));
            return PyNone.NONE;
        }));
        t.put("callable", Builtin.of("callable", 1, 1, (in, a) -> a.get(0) instanceof PyCallable
                || a.get(0) instanceof PyObject p && p.cls.lookup("__call__") != null));
        t.put("id", Builtin.of("id", 1, 1, (in, a) -> Ops.integer(140_000_000_000_000L + System.identityHashCode(a.get(0)) * 16L)));
        t.put("hash", Builtin.of("hash", 1, 1, (in, a) -> Ops.integer(Ops.hash(a.get(0)))));
        t.put("chr", Builtin.of("chr", 1, 1, (in, a) -> {
            long cp = Ops.toLong(a.get(0), "chr() argument");
            if (cp < 0 || cp > 0x10ffff) {
                throw PyException.value("chr() arg not in range(0x110000)");
            }
            return new String(Character.toChars((int) cp));
        }));
        t.put("ord", Builtin.of("ord", 1, 1, (in, a) -> {
            if (!(a.get(0) instanceof String s) || s.codePointCount(0, s.length()) != 1) {
                throw PyException.type("ord() expected a character, but string of length "
                        + (a.get(0) instanceof String s ? s.length() : 0) + " found");
            }
            return Ops.integer(s.codePointAt(0));
        }));
        t.put("hex", Builtin.of("hex", 1, 1, (in, a) -> radix(a.get(0), 16, "0x")));
        t.put("oct", Builtin.of("oct", 1, 1, (in, a) -> radix(a.get(0), 8, "0o")));
        t.put("bin", Builtin.of("bin", 1, 1, (in, a) -> radix(a.get(0), 2, "0b")));
        t.put("divmod", Builtin.of("divmod", 2, 2, (in, a) -> PyTuple.of(Arith.binary(in, "//", a.get(0), a.get(1)),
                Arith.binary(in, "%", a.get(0), a.get(1)))));
        t.put("pow", Builtin.of("pow", 2, 3, (in, a) -> a.size() == 3 ? Ops.big(a.get(0)).modPow(Ops.big(a.get(1)), Ops.big(a.get(2)))
                : Arith.binary(in, "**", a.get(0), a.get(1))));
        t.put("iter", Builtin.of("iter", 1, 1, (in, a) -> a.get(0) instanceof PyIter it ? it : new PyIter(iterName(a.get(0)),
                Iter.iter(in, a.get(0)))));
        t.put("next", Builtin.of("next", 1, 2, (in, a) -> {
            if (!(a.get(0) instanceof PyIter it)) {
                throw PyException.type("'" + Ops.typeName(a.get(0)) + "' object is not an iterator");
            }
            if (it.hasNext()) {
                return it.next();
            }
            if (a.size() > 1) {
                return a.get(1);
            }
            throw PyException.of(Exceptions.STOP_ITERATION);
        }));
        t.put("format", Builtin.of("format", 1, 2, (in, a) -> FormatSpec.format(in, a.get(0), a.size() > 1 ? Format.str(in, a.get(1)) : "")));
        t.put("open", new Builtin("open", null, PyFile::open));
        t.put("exit", exit("exit"));
        t.put("quit", exit("quit"));
        t.put("property", Builtin.of("property", 1, 1, (in, a) -> new Attrs.Property(a.get(0))));
        t.put("staticmethod", Builtin.of("staticmethod", 1, 1, (in, a) -> new Attrs.StaticMethod(a.get(0))));
        t.put("classmethod", Builtin.of("classmethod", 1, 1, (in, a) -> new Attrs.ClassMethod(a.get(0))));
        t.put("super", Builtin.of("super", 0, 2, (in, a) -> {
            if (a.size() == 2) {
                return new Attrs.Super(((PyClass) a.get(0)).base, a.get(1));
            }
            Frame f = in.frame;
            if (f.fn == null || f.fn.owner == null || f.self == null) {
                throw PyException.of(Exceptions.RUNTIME, "super(): no arguments");
            }
            return new Attrs.Super(f.fn.owner.base, f.self);
        }));
        t.put("globals", Builtin.of("globals", 0, 0, (in, a) -> PyDict.ofStrings(in.frame.scope.globals)));
    }

    private static String iterName(Object o) {
        if (o instanceof PyList l) {
            return "list_iterator";
        } else if (o instanceof PyTuple tu) {
            return "tuple_iterator";
        } else if (o instanceof String s) {
            return "str_ascii_iterator";
        } else if (o instanceof PyDict d) {
            return "dict_keyiterator";
        } else if (o instanceof PyRange r) {
            return "range_iterator";
        } else {
            return "iterator";
        }
    }

    private static Builtin exit(String name) {
        return Builtin.of(name, 0, 1, (in, a) -> {
            throw PyException.of(Exceptions.SYSTEM_EXIT, a.isEmpty() ? new Object[0] : new Object[] {a.get(0)});
        });
    }

    private static String radix(Object v, int radix, String prefix) {
        if (!Ops.isInt(v)) {
            throw PyException.type("'" + Ops.typeName(v) + "' object cannot be interpreted as an integer");
        }
        BigInteger b = Ops.big(v);
        return (b.signum() < 0 ? "-" : "") + prefix + b.abs().toString(radix);
    }

    private static Object round(Interp in, List<Object> a) {
        Object v = a.get(0);
        Object nd = a.size() > 1 ? a.get(1) : PyNone.NONE;
        if (Ops.isInt(v)) {
            if (nd == PyNone.NONE || Ops.toLong(nd, "ndigits") >= 0) {
                return Ops.big(v);
            }
            BigDecimal r = new BigDecimal(Ops.big(v)).setScale((int) Ops.toLong(nd, "ndigits"), RoundingMode.HALF_EVEN);
            return r.setScale(0, RoundingMode.UNNECESSARY).toBigInteger();
        }
        if (!(v instanceof Double d)) {
            throw PyException.type("type " + Ops.typeName(v) + " doesn't define __round__ method");
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            if (nd == PyNone.NONE) {
                throw Double.isNaN(d) ? PyException.value("cannot convert float NaN to integer")
                        : PyException.of(Exceptions.OVERFLOW, "cannot convert float infinity to integer");
            }
            return d;
        }
        if (nd == PyNone.NONE) {
            return new BigDecimal(d).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
        }
        return new BigDecimal(d).setScale((int) Ops.toLong(nd, "ndigits"), RoundingMode.HALF_EVEN).doubleValue();
    }

    private static Object print(Interp in, List<Object> args, Map<String, Object> kw) {
        Args.only("print", kw, "sep", "end", "file", "flush");
        Object sep = Args.kw(kw, "sep", PyNone.NONE);
        Object end = Args.kw(kw, "end", PyNone.NONE);
        if (sep != PyNone.NONE && !(sep instanceof String)) {
            throw PyException.type("sep must be None or a string, not " + Ops.typeName(sep));
        }
        if (end != PyNone.NONE && !(end instanceof String)) {
            throw PyException.type("end must be None or a string, not " + Ops.typeName(end));
        }
        String text = String.join(sep == PyNone.NONE ? " " : (String) sep, Format.strs(in, args))
                + (end == PyNone.NONE ? "\n" : (String) end);
        Object file = Args.kw(kw, "file", PyNone.NONE);
        if (file == PyNone.NONE) {
            in.stdio.out(text);
            if (Ops.truthy(in, Args.kw(kw, "flush", false))) {
                in.stdio.flush();
            }
        } else {
            Attrs.callMethod(in, file, "write", List.of(text));
        }
        return PyNone.NONE;
    }
}
