package dev.glassbox.sim.programs.jq;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON text to values (Map, List, String, BigDecimal, Boolean, {@link #NULL}) and back, as jq prints them. */
final class JsonValue {
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON syntax error with jq's words for it. */
    static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    private final String s;
    private int i;

    private JsonValue(String s) {
        this.s = s;
    }

    /** Every value in the text, one after another, as jq reads its input. */
    static List<Object> parseAll(String text) {
        JsonValue p = new JsonValue(text);
        List<Object> out = new ArrayList<>();
        p.skip();
        while (p.i < p.s.length()) {
            out.add(p.value());
            p.skip();
        }
        return out;
    }

    private void skip() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private Bad bad(String what) {
        int line = 1;
        int col = 0;
        for (int k = 0; k < Math.min(i, s.length()); k++) {
            col++;
            if (s.charAt(k) == '\n') {
                line++;
                col = 0;
            }
        }
        return new Bad(what + " at line " + line + ", column " + col);
    }

    private Object value() {
        skip();
        if (i >= s.length()) {
            throw bad("Unfinished JSON term");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{' -> {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                skip();
                if (i < s.length() && s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    skip();
                    if (i >= s.length() || s.charAt(i) != '"') {
                        throw bad("Object keys must be strings");
                    }
                    String k = string();
                    skip();
                    expect(':');
                    m.put(k, value());
                    skip();
                    if (i < s.length() && s.charAt(i) == ',') {
                        i++;
                    } else {
                        expect('}');
                        return m;
                    }
                }
            }
            case '[' -> {
                i++;
                List<Object> l = new ArrayList<>();
                skip();
                if (i < s.length() && s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    skip();
                    if (i < s.length() && s.charAt(i) == ',') {
                        i++;
                    } else {
                        expect(']');
                        return l;
                    }
                }
            }
            case '"' -> {
                return string();
            }
            default -> {
                return literal();
            }
        }
    }

    private void expect(char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw bad(i >= s.length() ? "Unfinished JSON term" : "Expected separator between values");
        }
        i++;
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
            char c = s.charAt(i++);
            if (c == '\\' && i < s.length()) {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, Math.min(i + 4, s.length())), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
        expect('"');
        return b.toString();
    }

    private Object literal() {
        int start = i;
        while (i < s.length() && "{}[],: \t\r\n\"".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        String w = s.substring(start, i);
        switch (w) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return NULL;
            default:
                try {
                    return new BigDecimal(w);
                } catch (NumberFormatException e) {
                    throw bad("Invalid numeric literal");
                }
        }
    }

    /** jq's output: two-space indentation, or one line with {@code compact}. */
    static String print(Object v, boolean compact) {
        StringBuilder b = new StringBuilder();
        print(v, compact, "", b);
        return b.toString();
    }

    private static void print(Object v, boolean compact, String indent, StringBuilder b) {
        String inner = indent + "  ";
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append('{');
            int k = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(k++ == 0 ? "" : ",").append(compact ? "" : "\n" + inner).append(quote(e.getKey().toString()))
                        .append(compact ? ":" : ": ");
                print(e.getValue(), compact, inner, b);
            }
            b.append(compact ? "" : "\n" + indent).append('}');
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append('[');
            for (int k = 0; k < l.size(); k++) {
                b.append(k == 0 ? "" : ",").append(compact ? "" : "\n" + inner);
                print(l.get(k), compact, inner, b);
            }
            b.append(compact ? "" : "\n" + indent).append(']');
        } else if (v instanceof String str) {
            b.append(quote(str));
        } else if (v instanceof BigDecimal d) {
            b.append(d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger().toString() : d.stripTrailingZeros().toPlainString());
        } else {
            b.append(v);
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}
