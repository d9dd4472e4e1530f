package dev.glassbox.sim.programs.python;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's binary and unary operators: ints of any size (bounded, see {@link #MAX_BITS}), floats, and the
 * sequence forms ({@code "ab" * 3}, {@code [1] + [2]}, {@code "%d" % n}).
 */
final class Arith {
    /** The largest int this interpreter makes: about 315,000 decimal digits. */
    static final int MAX_BITS = 1 << 20;

    private Arith() {}

    static Object binary(Interp in, String op, Object a, Object b) {
        if (Ops.isNumber(a) && Ops.isNumber(b)) {
            return numeric(op, a, b);
        }
        Object r = sequence(in, op, a, b);
        if (r != null) {
            return r;
        }
        if (a instanceof PyObject p && p.cls.lookup(dunder(op)) instanceof PyFunction f) {
            return f.call(in, List.of(a, b), Map.of());
        }
        if (b instanceof PyObject p && p.cls.lookup("__r" + dunder(op).substring(2)) instanceof PyFunction f) {
            return f.call(in, List.of(b, a), Map.of());
        }
        if (op.equals("+") && a instanceof String) {
            throw PyException.type("can only concatenate str (not \"" + Ops.typeName(b) + "\") to str");
        }
        if (op.equals("+") && (a instanceof PyList || a instanceof PyTuple)) {
            throw PyException.type("can only concatenate " + Ops.typeName(a) + " (not \"" + Ops.typeName(b) + "\") to "
                    + Ops.typeName(a));
        }
        if (op.equals("*") && (isSeq(a) || isSeq(b))) {
            throw PyException.type("can't multiply sequence by non-int of type '" + Ops.typeName(isSeq(a) ? b : a) + "'");
        }
        String shown = op.equals("**") ? "** or pow()" : op;
        throw PyException.type("unsupported operand type(s) for " + shown + ": '" + Ops.typeName(a) + "' and '"
                + Ops.typeName(b) + "'");
    }

    private static boolean isSeq(Object o) {
        return o instanceof String || o instanceof PyList || o instanceof PyTuple;
    }

    private static String dunder(String op) {
        return switch (op) {
            case "+" -> "__add__";
            case "-" -> "__sub__";
            case "*" -> "__mul__";
            case "/" -> "__truediv__";
            case "//" -> "__floordiv__";
            case "%" -> "__mod__";
            case "**" -> "__pow__";
            default -> "__" + op + "__";
        };
    }

    private static Object sequence(Interp in, String op, Object a, Object b) {
        switch (op) {
            case "+" -> {
                if (a instanceof String s && b instanceof String t) {
                    return checkLen(s.length() + (long) t.length(), s + t);
                }
                if (a instanceof PyList l && b instanceof PyList m) {
                    List<Object> all = new ArrayList<>(l.items);
                    all.addAll(m.items);
                    return new PyList(all);
                }
                if (a instanceof PyTuple l && b instanceof PyTuple m) {
                    List<Object> all = new ArrayList<>(l.items);
                    all.addAll(m.items);
                    return new PyTuple(all);
                }
            }
            case "*" -> {
                if (isSeq(a) && Ops.isInt(b)) {
                    return repeat(a, Ops.big(b));
                }
                if (isSeq(b) && Ops.isInt(a)) {
                    return repeat(b, Ops.big(a));
                }
            }
            case "%" -> {
                if (a instanceof String s) {
                    return Format.percent(in, s, b);
                }
            }
            case "-", "&", "|", "^" -> {
                if (a instanceof PySet s && b instanceof PySet t) {
                    return Methods.setOp(op, s, t);
                }
                if (op.equals("|") && a instanceof PyDict d && b instanceof PyDict e) {
                    PyDict r = new PyDict();
                    r.map.putAll(d.map);
                    r.map.putAll(e.map);
                    return r;
                }
            }
            default -> { }
        }
        return null;
    }

    private static Object repeat(Object seq, BigInteger times) {
        long n = times.signum() <= 0 ? 0 : times.bitLength() > 31 ? Integer.MAX_VALUE : times.longValue();
        if (seq instanceof String s) {
            checkLen(s.length() * n, null);
            return s.repeat((int) n);
        }
        List<Object> items = seq instanceof PyList l ? l.items : ((PyTuple) seq).items;
        checkLen(items.size() * n, null);
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.addAll(items);
        }
        return seq instanceof PyList ? new PyList(out) : new PyTuple(out);
    }

    /** Strings and lists are bounded too: a program cannot fill the JVM. */
    static <T> T checkLen(long n, T v) {
        if (n > 50_000_000L) {
            throw PyException.of(Exceptions.MEMORY, "glassbox's python holds at most 50000000 items in one str or list");
        }
        return v;
    }

    static Object numeric(String op, Object a, Object b) {
        if (Ops.isInt(a) && Ops.isInt(b) && !op.equals("/")) {
            return intOp(op, Ops.big(a), Ops.big(b));
        }
        double x = Ops.dbl(a);
        double y = Ops.dbl(b);
        switch (op) {
            case "+":
                return x + y;
            case "-":
                return x - y;
            case "*":
                return x * y;
            case "/":
                if (y == 0) {
                    throw PyException.zero(Ops.isInt(a) && Ops.isInt(b) ? "division by zero" : "float division by zero");
                }
                return x / y;
            case "//":
                if (y == 0) {
                    throw PyException.zero("float floor division by zero");
                }
                return Math.floor(x / y);
            case "%":
                if (y == 0) {
                    throw PyException.zero("float modulo");
                }
                double m = x % y;
                if (m != 0 && (m < 0) != (y < 0)) {
                    m += y;
                }
                return m;
            case "**":
                if (x == 0 && y < 0) {
                    throw PyException.zero("0.0 cannot be raised to a negative power");
                }
                double p = Math.pow(x, y);
                if (Double.isInfinite(p) && !Double.isInfinite(x)) {
                    throw PyException.of(Exceptions.OVERFLOW, "(34, 'Numerical result out of range')");
                }
                return p;
            default:
                throw PyException.type("unsupported operand type(s) for " + op + ": '" + Ops.typeName(a) + "' and '"
                        + Ops.typeName(b) + "'");
        }
    }

    private static Object intOp(String op, BigInteger a, BigInteger b) {
        BigInteger r;
        switch (op) {
            case "+" -> r = a.add(b);
            case "-" -> r = a.subtract(b);
            case "*" -> {
                checkBits((long) a.bitLength() + b.bitLength());
                r = a.multiply(b);
            }
            case "//" -> r = floorDivMod(a, b)[0];
            case "%" -> r = floorDivMod(a, b)[1];
            case "**" -> {
                if (b.signum() < 0) {
                    if (a.signum() == 0) {
                        throw PyException.zero("0.0 cannot be raised to a negative power");
                    }
                    return Math.pow(a.doubleValue(), b.doubleValue());
                }
                if (a.abs().compareTo(BigInteger.ONE) <= 0) {
                    r = a.signum() < 0 && b.testBit(0) ? a : a.signum() == 0 ? (b.signum() == 0 ? BigInteger.ONE : a) : a.abs();
                } else {
                    checkBits(b.bitLength() > 31 ? Long.MAX_VALUE : (long) (a.bitLength() - 1) * b.longValue());
                    r = a.pow(b.intValueExact());
                }
            }
            case "<<" -> {
                if (b.signum() < 0) {
                    throw PyException.value("negative shift count");
                }
                checkBits(b.bitLength() > 31 ? Long.MAX_VALUE : a.bitLength() + b.longValue());
                r = a.shiftLeft(b.intValue());
            }
            case ">>" -> {
                if (b.signum() < 0) {
                    throw PyException.value("negative shift count");
                }
                r = b.bitLength() > 31 ? BigInteger.valueOf(a.signum() < 0 ? -1 : 0) : a.shiftRight(b.intValue());
            }
            case "&" -> r = a.and(b);
            case "|" -> r = a.or(b);
            case "^" -> r = a.xor(b);
            default -> throw PyException.type("unsupported operand type(s) for " + op + ": 'int' and 'int'");
        }
        return r;
    }

    private static void checkBits(long bits) {
        if (bits > MAX_BITS) {
            throw PyException.of(Exceptions.MEMORY, "glassbox's python keeps ints below 2**" + MAX_BITS
                    + " (about 315000 digits)");
        }
    }

    static BigInteger[] floorDivMod(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            throw PyException.zero("integer division or modulo by zero");
        }
        BigInteger[] qr = a.divideAndRemainder(b);
        if (qr[1].signum() != 0 && qr[1].signum() != b.signum()) {
            qr[0] = qr[0].subtract(BigInteger.ONE);
            qr[1] = qr[1].add(b);
        }
        return qr;
    }

    static Object unary(Interp in, String op, Object v) {
        switch (op) {
            case "not":
                return !Ops.truthy(in, v);
            case "-":
                if (Ops.isInt(v)) {
                    return Ops.big(v).negate();
                }
                if (v instanceof Double d) {
                    return -d;
                }
                break;
            case "+":
                if (Ops.isInt(v)) {
                    return Ops.big(v);
                }
                if (v instanceof Double d) {
                    return d;
                }
                break;
            case "~":
                if (Ops.isInt(v)) {
                    return Ops.big(v).not();
                }
                break;
            default:
                break;
        }
        throw PyException.type("bad operand type for unary " + op + ": '" + Ops.typeName(v) + "'");
    }
}
