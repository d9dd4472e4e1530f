package dev.glassbox.sim.programs.python;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The json module: dumps (indent, sort_keys, separators as CPython writes them) and loads, with JSONDecodeError's wording. */
final class Json {
    private Json() {}

    static PyModule module() {
        PyModule m = new PyModule("json");
        m.attrs.put("dumps", new Builtin("dumps", null, (in, a, kw) -> {
            Args.count("dumps", a, 1, 1);
            Args.only("dumps", kw, "indent", "sort_keys", "ensure_ascii", "default", "separators");
            Object indent = Args.kw(kw, "indent", PyNone.NONE);
            String ind = indent == PyNone.NONE ? null : indent instanceof String s ? s : " ".repeat((int) Ops.toLong(indent, "indent"));
            StringBuilder sb = new StringBuilder();
            new Json.Writer(in, ind, Ops.truthy(in, Args.kw(kw, "sort_keys", false)), Ops.truthy(in, Args.kw(kw, "ensure_ascii", true)))
                    .write(sb, a.get(0), 0);
            return sb.toString();
        }));
        m.attrs.put("loads", Builtin.of("loads", 1, 1, (in, a) -> {
            if (!(a.get(0) instanceof String s)) {
                throw PyException.type("the JSON object must be str, bytes or bytearray, not " + Ops.typeName(a.get(0)));
            }
            return new Reader(s).document();
        }));
        m.attrs.put("JSONDecodeError", Exceptions.JSON_DECODE);
        return m;
    }

    private record Writer(Interp in, String indent, boolean sortKeys, boolean ascii) {
        void write(StringBuilder sb, Object o, int level) {
            if (o instanceof PyNone n) {
                sb.append("null");
            } else if (o instanceof Boolean b) {
                sb.append(b ? "true" : "false");
            } else if (o instanceof BigInteger i) {
                sb.append(i);
            } else if (o instanceof Double d) {
                sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                        : Format.floatRepr(d));
            } else if (o instanceof String s) {
                string(sb, s);
            } else if (o instanceof PyList l) {
                array(sb, l.items, level);
            } else if (o instanceof PyTuple t) {
                array(sb, t.items, level);
            } else if (o instanceof PyDict d) {
                object(sb, d, level);
            } else {
                throw PyException.type("Object of type " + Ops.typeName(o) + " is not JSON serializable");
            }
        }

        private void newline(StringBuilder sb, int level) {
            sb.append('\n').append(indent.repeat(level));
        }

        private void array(StringBuilder sb, List<Object> items, int level) {
            if (items.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    sb.append(indent == null ? ", " : ",");
                }
                if (indent != null) {
                    newline(sb, level + 1);
                }
                write(sb, items.get(i), level + 1);
            }
            if (indent != null) {
                newline(sb, level);
            }
            sb.append(']');
        }

        private void object(StringBuilder sb, PyDict d, int level) {
            if (d.map.isEmpty()) {
                sb.append("{}");
                return;
            }
            List<Map.Entry<Key, Object>> entries = new ArrayList<>(d.map.entrySet());
            if (sortKeys) {
                entries.sort((x, y) -> Ops.compare(in, "<", x.getKey().value(), y.getKey().value()));
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<Key, Object> e : entries) {
                if (!first) {
                    sb.append(indent == null ? ", " : ",");
                }
                first = false;
                if (indent != null) {
                    newline(sb, level + 1);
                }
                Object k = e.getKey().value();
                String key;
                if (k instanceof String s) {
                    key = s;
                } else if (k instanceof Boolean b) {
                    key = b ? "true" : "false";
                } else if (k instanceof PyNone n) {
                    key = "null";
                } else if (k instanceof BigInteger i) {
                    key = i.toString();
                } else if (k instanceof Double x) {
                    key = Format.floatRepr(x);
                } else {
                    throw PyException.type("keys must be str, int, float, bool or None, not " + Ops.typeName(k));
                }
                string(sb, key);
                sb.append(": ");
                write(sb, e.getValue(), level + 1);
            }
            if (indent != null) {
                newline(sb, level);
            }
            sb.append('}');
        }

        private void string(StringBuilder sb, String s) {
            sb.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    default -> {
                        if (c < 0x20 || (ascii && c > 0x7e)) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }

    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        private PyException error(String msg, int at) {
            int line = 1;
            int col = 1;
            for (int k = 0; k < at && k < s.length(); k++) {
                if (s.charAt(k) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return PyException.of(Exceptions.JSON_DECODE, msg + ": line " + line + " column " + col + " (char " + at + ")");
        }

        Object document() {
            ws();
            Object v = value();
            ws();
            if (i < s.length()) {
                throw error("Extra data", i);
            }
            return v;
        }

        private void ws() {
            while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private Object value() {
            if (i >= s.length()) {
                throw error("Expecting value", i);
            }
            char c = s.charAt(i);
            if (c == '{') {
                return object();
            }
            if (c == '[') {
                return array();
            }
            if (c == '"') {
                return string();
            }
            for (String w : new String[] {"true", "false", "null", "NaN", "Infinity", "-Infinity"}) {
                if (s.startsWith(w, i)) {
                    i += w.length();
                    return switch (w) {
                        case "true" -> true;
                        case "false" -> false;
                        case "null" -> PyNone.NONE;
                        case "NaN" -> Double.NaN;
                        case "Infinity" -> Double.POSITIVE_INFINITY;
                        default -> Double.NEGATIVE_INFINITY;
                    };
                }
            }
            int start = i;
            if (c == '-') {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            boolean isFloat = false;
            if (i < s.length() && s.charAt(i) == '.') {
                isFloat = true;
                i++;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                isFloat = true;
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
            String num = s.substring(start, i);
            if (num.isEmpty() || num.equals("-")) {
                i = start;
                throw error("Expecting value", start);
            }
            return isFloat ? (Object) Double.parseDouble(num) : new BigInteger(num);
        }

        private Object object() {
            i++;
            PyDict d = new PyDict();
            ws();
            if (i < s.length() && s.charAt(i) == '}') {
                i++;
                return d;
            }
            while (true) {
                ws();
                if (i >= s.length() || s.charAt(i) != '"') {
                    throw error("Expecting property name enclosed in double quotes", i);
                }
                String k = string();
                ws();
                if (i >= s.length() || s.charAt(i) != ':') {
                    throw error("Expecting ':' delimiter", i);
                }
                i++;
                ws();
                d.put(k, value());
                ws();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                    continue;
                }
                if (i < s.length() && s.charAt(i) == '}') {
                    i++;
                    return d;
                }
                throw error("Expecting ',' delimiter", i);
            }
        }

        private Object array() {
            i++;
            List<Object> items = new ArrayList<>();
            ws();
            if (i < s.length() && s.charAt(i) == ']') {
                i++;
                return new PyList(items);
            }
            while (true) {
                ws();
                items.add(value());
                ws();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                    continue;
                }
                if (i < s.length() && s.charAt(i) == ']') {
                    i++;
                    return new PyList(items);
                }
                throw error("Expecting ',' delimiter", i);
            }
        }

        private String string() {
            int start = i;
            i++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("Unterminated string starting at", start);
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            if (i + 4 > s.length()) {
                                throw error("Invalid \\uXXXX escape", i - 1);
                            }
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
        }
    }
}
