package dev.glassbox.sim.programs.python;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The builtins module: the types ({@code int}, {@code list}, ...), the exception classes and the builtin functions. */
final class Builtins {
    private Builtins() {}

    static final Map<String, Object> TABLE = new HashMap<>();
    private static final Map<String, PyClass> TYPES = new HashMap<>();

    static final PyClass OBJECT = type("object", null, (in, a, kw) -> new PyObject(Builtins.OBJECT));
    static final PyClass INT = type("int", null, Builtins::toInt);
    static final PyClass BOOL = type("bool", INT, (in, a, kw) -> {
        Args.count("bool", a, 0, 1);
        return !a.isEmpty() && Ops.truthy(in, a.get(0));
    });
    static final PyClass FLOAT = type("float", null, (in, a, kw) -> {
        Args.count("float", a, 0, 1);
        return a.isEmpty() ? 0.0 : toFloat(in, a.get(0));
    });
    static final PyClass STR = type("str", null, (in, a, kw) -> {
        Args.count("str", a, 0, 1);
        return a.isEmpty() ? "" : Format.str(in, a.get(0));
    });
    static final PyClass LIST = type("list", null, (in, a, kw) -> {
        Args.count("list", a, 0, 1);
        return new PyList(a.isEmpty() ? List.of() : Iter.list(in, a.get(0)));
    });
    static final PyClass TUPLE = type("tuple", null, (in, a, kw) -> {
        Args.count("tuple", a, 0, 1);
        return a.isEmpty() ? PyTuple.EMPTY : new PyTuple(Iter.list(in, a.get(0)));
    });
    static final PyClass DICT = type("dict", null, (in, a, kw) -> {
        Args.count("dict", a, 0, 1);
        PyDict d = new PyDict();
        if (!a.isEmpty()) {
            fillDict(in, d, a.get(0));
        }
        kw.forEach(d::put);
        return d;
    });
    static final PyClass SET = type("set", null, (in, a, kw) -> {
        Args.count("set", a, 0, 1);
        PySet s = new PySet();
        if (!a.isEmpty()) {
            Iter.list(in, a.get(0)).forEach(s::add);
        }
        return s;
    });
    static final PyClass RANGE = type("range", null, (in, a, kw) -> {
        Args.count("range", a, 1, 3);
        long start = a.size() == 1 ? 0 : Ops.toLong(a.get(0), null);
        long stop = Ops.toLong(a.get(a.size() == 1 ? 0 : 1), null);
        long step = a.size() == 3 ? Ops.toLong(a.get(2), null) : 1;
        if (step == 0) {
            throw PyException.value("range() arg 3 must not be zero");
        }
        return new PyRange(start, stop, step);
    });
    static final PyClass TYPE = type("type", null, (in, a, kw) -> {
        Args.count("type", a, 1, 1);
        return typeOf(a.get(0));
    });

    static {
        TABLE.putAll(Exceptions.ALL);
        BuiltinFns.register(TABLE);
    }

    private static PyClass type(String name, PyClass base, PyCallable ctor) {
        PyClass c = new PyClass(name, base, ctor, "builtins");
        TYPES.put(name, c);
        TABLE.put(name, c);
        return c;
    }

    static PyClass typeOf(Object o) {
        if (o instanceof PyObject p) {
            return p.cls;
        }
        String n = Ops.typeName(o);
        return TYPES.computeIfAbsent(n, k -> new PyClass(k, null, (in, a, kw) -> {
            throw PyException.type("cannot create '" + k + "' instances");
        }, "builtins"));
    }

    static boolean isInstance(Object o, PyClass c) {
        return c == OBJECT || typeOf(o).isSubclassOf(c);
    }

    static void fillDict(Interp in, PyDict d, Object src) {
        if (src instanceof PyDict s) {
            d.map.putAll(s.map);
            return;
        }
        int n = 0;
        for (Object item : Iter.list(in, src)) {
            List<Object> pair = Iter.list(in, item);
            if (pair.size() != 2) {
                throw PyException.value("dictionary update sequence element #" + n + " has length " + pair.size()
                        + "; 2 is required");
            }
            d.put(pair.get(0), pair.get(1));
            n++;
        }
    }

    private static Object toInt(Interp in, List<Object> a, Map<String, Object> kw) {
        Args.count("int", a, 0, 2);
        if (a.isEmpty()) {
            return BigInteger.ZERO;
        }
        Object v = a.get(0);
        int base = a.size() > 1 ? (int) Ops.toLong(a.get(1), "base") : kw.containsKey("base") ? (int) Ops.toLong(kw.get("base"), "base") : -1;
        if (v instanceof String s) {
            return parseInt(s, base < 0 ? 10 : base);
        }
        if (base >= 0) {
            throw PyException.type("int() can't convert non-string with explicit base");
        }
        if (Ops.isInt(v)) {
            return Ops.big(v);
        }
        if (v instanceof Double d) {
            if (Double.isInfinite(d)) {
                throw PyException.of(Exceptions.OVERFLOW, "cannot convert float infinity to integer");
            }
            if (Double.isNaN(d)) {
                throw PyException.value("cannot convert float NaN to integer");
            }
            return new BigDecimal(d).toBigInteger();
        }
        throw PyException.type("int() argument must be a string, a bytes-like object or a real number, not '"
                + Ops.typeName(v) + "'");
    }

    static BigInteger parseInt(String s, int base) {
        String t = s.strip().replace("_", "");
        try {
            if (base == 16 && t.toLowerCase().startsWith("0x")) {
                t = t.substring(2);
            }
            if (t.length() > Format.MAX_STR_DIGITS + 1) {
                throw PyException.value("Exceeds the limit (" + Format.MAX_STR_DIGITS + " digits) for integer string conversion: "
                        + "value has " + t.length() + " digits; use sys.set_int_max_str_digits() to increase the limit");
            }
            if (t.startsWith("+")) {
                t = t.substring(1);
            }
            return new BigInteger(t, base);
        } catch (NumberFormatException e) {
            throw PyException.value("invalid literal for int() with base " + base + ": " + Format.strRepr(s));
        }
    }

    static double toFloat(Interp in, Object v) {
        if (Ops.isNumber(v)) {
            return Ops.dbl(v);
        }
        if (v instanceof String s) {
            String t = s.strip().toLowerCase().replace("_", "");
            switch (t) {
                case "inf", "+inf", "infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-inf", "-infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                case "nan", "+nan", "-nan" -> {
                    return Double.NaN;
                }
                default -> { }
            }
            if (!t.isEmpty() && t.chars().allMatch(c -> "0123456789.e+-".indexOf(c) >= 0)) {
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    // falls through to Python's message
                }
            }
            throw PyException.value("could not convert string to float: " + Format.strRepr(s));
        }
        throw PyException.type("float() argument must be a string or a real number, not '" + Ops.typeName(v) + "'");
    }

    static long len(Interp in, Object o) {
        if (o instanceof String s) {
            return s.codePointCount(0, s.length());
        } else if (o instanceof PyList l) {
            return l.items.size();
        } else if (o instanceof PyTuple t) {
            return t.items.size();
        } else if (o instanceof PyDict d) {
            return d.map.size();
        } else if (o instanceof PySet s) {
            return s.items.size();
        } else if (o instanceof PyRange r) {
            return r.length();
        } else if (o instanceof Methods.DictView v) {
            return v.dict().map.size();
        } else if (o instanceof PyObject p && (p.cls.lookup("__len__") instanceof PyFunction f)) {
            return Ops.toLong(f.call(in, List.of(p), Map.of()), "__len__()");
        } else {
            throw PyException.type("object of type '" + Ops.typeName(o) + "' has no len()");
        }
    }

    /** min() and max(): over one iterable or several arguments, with key= and default=. */
    static Object extreme(Interp in, String name, List<Object> a, Map<String, Object> kw, boolean max) {
        Args.only(name, kw, "key", "default");
        if (a.isEmpty()) {
            throw PyException.type(name + " expected at least 1 argument, got 0");
        }
        List<Object> items = a.size() == 1 ? Iter.list(in, a.get(0)) : a;
        if (items.isEmpty()) {
            if (kw.containsKey("default")) {
                return kw.get("default");
            }
            throw PyException.value(name + "() iterable argument is empty");
        }
        Object key = kw.get("key");
        Object best = null;
        Object bestKey = null;
        for (Object o : items) {
            Object k = key == null || key == PyNone.NONE ? o : in.eval.call(key, List.of(o), Map.of());
            if (best == null || (max ? Ops.order(in, ">", k, bestKey) : Ops.order(in, "<", k, bestKey))) {
                best = o;
                bestKey = k;
            }
        }
        return best;
    }

    static Iterator<Object> zip(Interp in, List<Object> a) {
        List<Iterator<Object>> its = new ArrayList<>();
        for (Object o : a) {
            its.add(Iter.iter(in, o));
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (its.isEmpty()) {
                    return false;
                }
                for (Iterator<Object> it : its) {
                    if (!it.hasNext()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Object next() {
                List<Object> row = new ArrayList<>();
                for (Iterator<Object> it : its) {
                    row.add(it.next());
                }
                return new PyTuple(row);
            }
        };
    }
}
