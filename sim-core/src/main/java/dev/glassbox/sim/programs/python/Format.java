package dev.glassbox.sim.programs.python;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** str(), repr(), format specs ({@code f"{x:>8.2f}"}) and {@code %} formatting, printed as CPython prints them. */
final class Format {
    /** CPython 3.12's limit on converting an int to decimal text. */
    static final int MAX_STR_DIGITS = 4300;

    private Format() {}

    static String str(Interp in, Object o) {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof PyObject p) {
            if (p.cls.lookup("__str__") instanceof PyFunction f) {
                return strResult(f.call(in, List.of(p), Map.of()), "__str__");
            }
            if (p.cls.isException()) {
                return excStr(in, p);
            }
        }
        return repr(in, o);
    }

    static String excStr(Interp in, PyObject p) {
        Object args = p.dict.get("args");
        if (!(args instanceof PyTuple t) || t.items.isEmpty()) {
            return "";
        }
        if (p.cls.isSubclassOf(Exceptions.OS) && t.items.size() == 2 && t.items.get(0) instanceof BigInteger n) {
            Object file = p.dict.get("filename");
            return "[Errno " + n + "] " + str(in, t.items.get(1)) + (file instanceof String f ? ": " + strRepr(f) : "");
        }
        if (p.cls.isSubclassOf(Exceptions.KEY) && t.items.size() == 1) {
            return repr(in, t.items.get(0));
        }
        return t.items.size() == 1 ? str(in, t.items.get(0)) : repr(in, t);
    }

    private static String strResult(Object r, String what) {
        if (!(r instanceof String s)) {
            throw PyException.type(what + " returned non-string (type " + Ops.typeName(r) + ")");
        }
        return s;
    }

    static String repr(Interp in, Object o) {
        return repr(in, o, new IdentityHashMap<>());
    }

    private static String repr(Interp in, Object o, IdentityHashMap<Object, Boolean> seen) {
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        } else if (o instanceof BigInteger i) {
            return intStr(i);
        } else if (o instanceof Double d) {
            return floatRepr(d);
        } else if (o instanceof String s) {
            return strRepr(s);
        } else if (o instanceof PyNone n) {
            return "None";
        } else if (o instanceof PyList l) {
            return items(in, "[", "]", l.items, l, seen);
        } else if (o instanceof PyTuple t) {
            return t.items.size() == 1 ? "(" + repr(in, t.items.get(0), seen) + ",)" : items(in, "(", ")", t.items, t, seen);
        } else if (o instanceof PySet s) {
            return s.items.isEmpty() ? "set()" : items(in, "{", "}", Iter.setOrder(s), s, seen);
        } else if (o instanceof PyDict d) {
            if (seen.containsKey(d)) {
                return "{...}";
            }
            seen.put(d, true);
            StringJoiner j = new StringJoiner(", ", "{", "}");
            d.map.forEach((k, v) -> j.add(repr(in, k.value(), seen) + ": " + repr(in, v, seen)));
            seen.remove(d);
            return j.toString();
        } else if (o instanceof PyRange r) {
            return "range(" + r.start() + ", " + r.stop() + (r.step() == 1 ? "" : ", " + r.step()) + ")";
        } else if (o instanceof PyFunction f) {
            return "<function " + f.qualname + " at 0x7f3a1c2b" + String.format("%04x", f.id & 0xffff) + ">";
        } else if (o instanceof Builtin b) {
            return b.self == null ? "<built-in function " + b.name + ">"
                    : "<built-in method " + b.name + " of " + Ops.typeName(b.self) + " object at 0x7f3a1c3d0000>";
        } else if (o instanceof BoundMethod m) {
            return "<bound method " + m.fn().qualname + " of " + repr(in, m.self(), seen) + ">";
        } else if (o instanceof PyClass c) {
            return c.module.equals("builtins") ? "<class '" + c.name + "'>" : "<class '" + c.module + "." + c.name + "'>";
        } else if (o instanceof PyModule m) {
            return "<module '" + m.name + "' (built-in)>";
        } else if (o instanceof PyFile f) {
            return "<_io.TextIOWrapper name='" + f.name + "' mode='" + f.mode + "' encoding='UTF-8'>";
        } else if (o instanceof PyObject p) {
            if (p.cls.lookup("__repr__") instanceof PyFunction f) {
                return strResult(f.call(in, List.of(p), Map.of()), "__repr__");
            }
            if (p.cls.isException()) {
                Object args = p.dict.get("args");
                String inner = args instanceof PyTuple t && t.items.size() == 1 ? repr(in, t.items.get(0), seen)
                        : args instanceof PyTuple t ? items(in, "", "", t.items, t, seen) : "";
                return p.cls.name + "(" + inner + ")";
            }
            return "<" + p.cls.module + "." + p.cls.name + " object at 0x7f3a1c4e" + String.format("%04x",
                    System.identityHashCode(p) & 0xffff) + ">";
        } else if (o instanceof Methods.DictView v) {
            return items(in, v.kind() + "([", "])", v.items(), v, seen);
        } else if (o instanceof PyIter it) {
            return "<" + it.typeName + " object at 0x7f3a1c5f0000>";
        } else {
            return String.valueOf(o);
        }
    }

    private static String items(Interp in, String open, String close, List<Object> items, Object self,
            IdentityHashMap<Object, Boolean> seen) {
        if (seen.containsKey(self)) {
            return open + "..." + close;
        }
        seen.put(self, true);
        StringJoiner j = new StringJoiner(", ", open, close);
        for (Object x : items) {
            j.add(repr(in, x, seen));
        }
        seen.remove(self);
        return j.toString();
    }

    static String intStr(BigInteger i) {
        if (i.bitLength() > 14_000 && i.abs().toString().length() > MAX_STR_DIGITS) {
            throw PyException.value("Exceeds the limit (" + MAX_STR_DIGITS + " digits) for integer string conversion; "
                    + "use sys.set_int_max_str_digits() to increase the limit");
        }
        return i.toString();
    }

    static String strRepr(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c == q) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(q).toString();
    }

    /** repr(float): the shortest digits that read back the same, in fixed notation between 1e-4 and 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        String sign = d < 0 ? "-" : "";
        if (exp >= -4 && exp < 16) {
            String plain = bd.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String digits = bd.unscaledValue().toString();
        String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /** {@code "%s is %d" % (a, b)}. */
    static String percent(Interp in, String fmt, Object arg) {
        List<Object> args = arg instanceof PyTuple t ? t.items : List.of(arg);
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            int j = i + 1;
            while (j < fmt.length() && "-+ 0123456789.".indexOf(fmt.charAt(j)) >= 0) {
                j++;
            }
            if (j >= fmt.length()) {
                throw PyException.value("incomplete format");
            }
            String flags = fmt.substring(i + 1, j);
            char type = fmt.charAt(j);
            i = j;
            if (type == '%') {
                sb.append('%');
                continue;
            }
            if (n >= args.size()) {
                throw PyException.type("not enough arguments for format string");
            }
            Object v = args.get(n++);
            String spec = flags.startsWith("-") ? "<" + flags.substring(1) : flags;
            sb.append(switch (type) {
                case 's' -> FormatSpec.format(in, str(in, v), spec);
                case 'r' -> FormatSpec.format(in, repr(in, v), spec);
                case 'd', 'i' -> {
                    if (!Ops.isNumber(v)) {
                        throw PyException.type("%" + type + " format: a real number is required, not " + Ops.typeName(v));
                    }
                    yield FormatSpec.format(in, v instanceof Double d ? new BigDecimal(d).toBigInteger() : Ops.big(v), spec + "d");
                }
                case 'f', 'x', 'X', 'e', 'g', 'o' -> FormatSpec.format(in, v, spec + type);
                default -> throw PyException.value("unsupported format character '" + type + "' (0x"
                        + Integer.toHexString(type) + ") at index " + j);
            });
        }
        if (n < args.size()) {
            throw PyException.type("not all arguments converted during string formatting");
        }
        return sb.toString();
    }

    static List<String> strs(Interp in, List<Object> items) {
        List<String> out = new ArrayList<>();
        for (Object o : items) {
            out.add(str(in, o));
        }
        return out;
    }
}
