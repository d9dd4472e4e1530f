package dev.glassbox.sim.programs.python;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The operations on values with Python's semantics: truth, equality, hashing, ordering and iteration. */
final class Ops {
    private Ops() {}

    static String typeName(Object o) {
        if (o instanceof Boolean b) {
            return "bool";
        } else if (o instanceof BigInteger i) {
            return "int";
        } else if (o instanceof Double d) {
            return "float";
        } else if (o instanceof String s) {
            return "str";
        } else if (o instanceof PyNone n) {
            return "NoneType";
        } else if (o instanceof PyList l) {
            return "list";
        } else if (o instanceof PyTuple t) {
            return "tuple";
        } else if (o instanceof PyDict d) {
            return "dict";
        } else if (o instanceof PySet s) {
            return "set";
        } else if (o instanceof PyRange r) {
            return "range";
        } else if (o instanceof PyFunction f) {
            return "function";
        } else if (o instanceof Builtin b) {
            return "builtin_function_or_method";
        } else if (o instanceof BoundMethod m) {
            return "method";
        } else if (o instanceof PyClass c) {
            return "type";
        } else if (o instanceof PyObject p) {
            return p.cls.name;
        } else if (o instanceof PyModule m) {
            return "module";
        } else if (o instanceof PyIter it) {
            return it.typeName;
        } else if (o instanceof PyFile f) {
            return "_io.TextIOWrapper";
        } else if (o instanceof Methods.DictView v) {
            return v.kind();
        } else if (o instanceof Attrs.Property p) {
            return "property";
        } else if (o instanceof Attrs.Super s) {
            return "super";
        } else if (o instanceof Items.SliceValue s) {
            return "slice";
        } else {
            return o.getClass().getSimpleName();
        }
    }

    static boolean isInt(Object o) {
        return o instanceof BigInteger || o instanceof Boolean;
    }

    static boolean isNumber(Object o) {
        return isInt(o) || o instanceof Double;
    }

    static BigInteger big(Object o) {
        if (o instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        return (BigInteger) o;
    }

    static double dbl(Object o) {
        return o instanceof Double d ? d : big(o).doubleValue();
    }

    static BigInteger integer(long v) {
        return BigInteger.valueOf(v);
    }

    /** An int argument as a Java long (indices, counts); TypeError otherwise, worded after {@code what} (null: an index-like argument). */
    static long toLong(Object o, String what) {
        if (!isInt(o)) {
            throw PyException.type(what == null ? "'" + typeName(o) + "' object cannot be interpreted as an integer"
                    : what + " must be an integer, not " + typeName(o));
        }
        BigInteger b = big(o);
        if (b.bitLength() > 62) {
            throw PyException.of(Exceptions.INDEX, "cannot fit 'int' into an index-sized integer");
        }
        return b.longValue();
    }

    static boolean truthy(Interp in, Object o) {
        if (o instanceof Boolean b) {
            return b;
        } else if (o instanceof BigInteger i) {
            return i.signum() != 0;
        } else if (o instanceof Double d) {
            return d != 0.0;
        } else if (o instanceof String s) {
            return !s.isEmpty();
        } else if (o instanceof PyNone n) {
            return false;
        } else if (o instanceof PyList l) {
            return !l.items.isEmpty();
        } else if (o instanceof PyTuple t) {
            return !t.items.isEmpty();
        } else if (o instanceof PyDict d) {
            return !d.map.isEmpty();
        } else if (o instanceof PySet s) {
            return !s.items.isEmpty();
        } else if (o instanceof PyRange r) {
            return r.length() > 0;
        } else if (o instanceof Methods.DictView v) {
            return !v.dict().map.isEmpty();
        } else if (o instanceof PyObject p) {
            Object m = p.cls.lookup("__bool__");
            if (m instanceof PyFunction f) {
                return truthy(in, f.call(in, List.of(p), Map.of()));
            }
            m = p.cls.lookup("__len__");
            return !(m instanceof PyFunction f) || !big(f.call(in, List.of(p), Map.of())).equals(BigInteger.ZERO);
        } else {
            return true;
        }
    }

    static boolean eq(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                double x = dbl(a);
                double y = dbl(b);
                if (isInt(a) || isInt(b)) {
                    double d = isInt(a) ? y : x;
                    BigInteger i = big(isInt(a) ? a : b);
                    return !Double.isNaN(d) && !Double.isInfinite(d) && new BigDecimal(d).compareTo(new BigDecimal(i)) == 0;
                }
                return x == y;
            }
            return big(a).equals(big(b));
        }
        if (a instanceof String s) {
            return s.equals(b);
        } else if (a instanceof PyList l) {
            return b instanceof PyList m && seqEq(l.items, m.items);
        } else if (a instanceof PyTuple t) {
            return b instanceof PyTuple u && seqEq(t.items, u.items);
        } else if (a instanceof PyDict d) {
            return b instanceof PyDict e && dictEq(d, e);
        } else if (a instanceof PySet s) {
            return b instanceof PySet t && s.items.equals(t.items);
        } else if (a instanceof PyRange r) {
            return b instanceof PyRange q && r.equals(q);
        } else if (a instanceof BoundMethod m) {
            return b instanceof BoundMethod n && m.self() == n.self() && m.fn() == n.fn();
        } else {
            return false;
        }
    }

    /** Equality as {@code ==} computes it, with a class's own {@code __eq__}. */
    static boolean eq(Interp in, Object a, Object b) {
        if (a instanceof PyObject p && p.cls.lookup("__eq__") instanceof PyFunction f) {
            return truthy(in, f.call(in, List.of(a, b), Map.of()));
        }
        if (b instanceof PyObject p && p.cls.lookup("__eq__") instanceof PyFunction f) {
            return truthy(in, f.call(in, List.of(b, a), Map.of()));
        }
        return eq(a, b);
    }

    private static boolean seqEq(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!eq(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean dictEq(PyDict a, PyDict b) {
        if (a.map.size() != b.map.size()) {
            return false;
        }
        for (Map.Entry<Key, Object> e : a.map.entrySet()) {
            Object other = b.map.get(e.getKey());
            if (other == null || !eq(e.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    static int hash(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (o instanceof BigInteger i) {
            return i.hashCode();
        } else if (o instanceof Double d) {
            if (!Double.isInfinite(d) && !Double.isNaN(d) && d == Math.rint(d)) {
                return new BigDecimal(d).toBigInteger().hashCode();
            }
            return d.hashCode();
        } else if (o instanceof String s) {
            return s.hashCode();
        } else if (o instanceof PyTuple t) {
            int h = 7;
            for (Object x : t.items) {
                h = h * 31 + hash(x);
            }
            return h;
        } else if (o instanceof PyList l) {
            throw PyException.type("unhashable type: 'list'");
        } else if (o instanceof PyDict d) {
            throw PyException.type("unhashable type: 'dict'");
        } else if (o instanceof PySet s) {
            throw PyException.type("unhashable type: 'set'");
        } else {
            return System.identityHashCode(o);
        }
    }

    /** {@code <}, {@code <=}, {@code >}, {@code >=}. */
    static boolean order(Interp in, String op, Object a, Object b) {
        if (a instanceof PyObject p) {
            String m = switch (op) {
                case "<" -> "__lt__";
                case "<=" -> "__le__";
                case ">" -> "__gt__";
                default -> "__ge__";
            };
            if (p.cls.lookup(m) instanceof PyFunction f) {
                return truthy(in, f.call(in, List.of(a, b), Map.of()));
            }
        }
        int c = compare(in, op, a, b);
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    static int compare(Interp in, String op, Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                return big(a).compareTo(big(b));
            }
            return Double.compare(dbl(a), dbl(b)) == 0 ? 0 : dbl(a) < dbl(b) ? -1 : 1;
        }
        if (a instanceof String s && b instanceof String t) {
            return s.compareTo(t);
        }
        if (a instanceof PyList l && b instanceof PyList m) {
            return seqCompare(in, op, l.items, m.items);
        }
        if (a instanceof PyTuple l && b instanceof PyTuple m) {
            return seqCompare(in, op, l.items, m.items);
        }
        if (a instanceof PyObject p && p.cls.lookup("__lt__") instanceof PyFunction f) {
            if (truthy(in, f.call(in, List.of(a, b), Map.of()))) {
                return -1;
            }
            return truthy(in, f.call(in, List.of(b, a), Map.of())) ? 1 : 0;
        }
        throw PyException.type("'" + op + "' not supported between instances of '" + typeName(a) + "' and '" + typeName(b) + "'");
    }

    private static int seqCompare(Interp in, String op, List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!eq(in, a.get(i), b.get(i))) {
                return compare(in, op, a.get(i), b.get(i));
            }
        }
        return Integer.compare(a.size(), b.size());
    }

}
