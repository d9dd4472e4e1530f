package dev.glassbox.sim.programs.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The methods of str. */
final class StrMethods {
    private StrMethods() {}

    static Object get(Interp in, String s, String name) {
        return switch (name) {
            case "upper" -> m(name, s, 0, 0, (i, a) -> s.toUpperCase());
            case "lower" -> m(name, s, 0, 0, (i, a) -> s.toLowerCase());
            case "strip" -> m(name, s, 0, 1, (i, a) -> strip(s, a, true, true));
            case "lstrip" -> m(name, s, 0, 1, (i, a) -> strip(s, a, true, false));
            case "rstrip" -> m(name, s, 0, 1, (i, a) -> strip(s, a, false, true));
            case "split" -> new Builtin(name, s, (i, a, kw) -> split(s, a.isEmpty() ? Args.kw(kw, "sep", PyNone.NONE) : a.get(0),
                    a.size() > 1 ? a.get(1) : Args.kw(kw, "maxsplit", Ops.integer(-1))));
            case "splitlines" -> m(name, s, 0, 0, (i, a) -> {
                List<Object> out = new ArrayList<>(Source.lines(s.replace("\r\n", "\n")));
                return new PyList(out);
            });
            case "join" -> m(name, s, 1, 1, (i, a) -> {
                List<Object> items = Iter.list(i, a.get(0));
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < items.size(); k++) {
                    if (!(items.get(k) instanceof String t)) {
                        throw PyException.type("sequence item " + k + ": expected str instance, " + Ops.typeName(items.get(k))
                                + " found");
                    }
                    if (k > 0) {
                        sb.append(s);
                    }
                    sb.append(t);
                    Arith.checkLen(sb.length(), null);
                }
                return sb.toString();
            });
            case "replace" -> m(name, s, 2, 3, (i, a) -> {
                String from = str(a.get(0), "replace");
                String to = str(a.get(1), "replace");
                long max = a.size() > 2 ? Ops.toLong(a.get(2), "count") : -1;
                if (max < 0) {
                    return from.isEmpty() ? Arith.checkLen((long) s.length() * (to.length() + 1), s.replace(from, to))
                            : s.replace(from, to);
                }
                String r = s;
                StringBuilder sb = new StringBuilder();
                int pos = 0;
                for (long n = 0; n < max; n++) {
                    int at = r.indexOf(from, pos);
                    if (at < 0) {
                        break;
                    }
                    sb.append(r, pos, at).append(to);
                    pos = at + from.length();
                }
                return sb.append(r.substring(pos)).toString();
            });
            case "startswith", "endswith" -> m(name, s, 1, 1, (i, a) -> {
                List<Object> opts = a.get(0) instanceof PyTuple t ? t.items : List.of(a.get(0));
                for (Object o : opts) {
                    if (!(o instanceof String p)) {
                        throw PyException.type(name + " first arg must be str or a tuple of str, not " + Ops.typeName(o));
                    }
                    if (name.equals("startswith") ? s.startsWith(p) : s.endsWith(p)) {
                        return true;
                    }
                }
                return false;
            });
            case "find", "index", "rfind" -> m(name, s, 1, 1, (i, a) -> {
                String sub = str(a.get(0), name);
                int at = name.equals("rfind") ? s.lastIndexOf(sub) : s.indexOf(sub);
                if (at < 0 && name.equals("index")) {
                    throw PyException.value("substring not found");
                }
                return Ops.integer(at < 0 ? -1 : s.codePointCount(0, at));
            });
            case "count" -> m(name, s, 1, 1, (i, a) -> {
                String sub = str(a.get(0), name);
                if (sub.isEmpty()) {
                    return Ops.integer(s.codePointCount(0, s.length()) + 1);
                }
                int n = 0;
                for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
                    n++;
                }
                return Ops.integer(n);
            });
            case "format" -> new Builtin(name, s, (i, a, kw) -> format(i, s, a, kw));
            case "isdigit", "isnumeric", "isdecimal" -> m(name, s, 0, 0, (i, a) -> !s.isEmpty() && s.chars().allMatch(Character::isDigit));
            case "isalpha" -> m(name, s, 0, 0, (i, a) -> !s.isEmpty() && s.chars().allMatch(Character::isLetter));
            case "isalnum" -> m(name, s, 0, 0, (i, a) -> !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit));
            case "isspace" -> m(name, s, 0, 0, (i, a) -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace));
            case "isupper" -> m(name, s, 0, 0, (i, a) -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase()));
            case "islower" -> m(name, s, 0, 0, (i, a) -> s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase()));
            case "title" -> m(name, s, 0, 0, (i, a) -> title(s));
            case "capitalize" -> m(name, s, 0, 0, (i, a) -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase()
                    + s.substring(1).toLowerCase());
            case "center", "ljust", "rjust" -> m(name, s, 1, 2, (i, a) -> {
                String fill = a.size() > 1 ? str(a.get(1), name) : " ";
                String align = name.equals("center") ? "^" : name.equals("ljust") ? "<" : ">";
                return FormatSpec.format(i, s, fill + align + Ops.toLong(a.get(0), "width"));
            });
            case "zfill" -> m(name, s, 1, 1, (i, a) -> {
                long w = Ops.toLong(a.get(0), "width");
                boolean signed = s.startsWith("-") || s.startsWith("+");
                String body = signed ? s.substring(1) : s;
                String pad = "0".repeat((int) Math.max(0, w - s.length()));
                return (signed ? s.substring(0, 1) : "") + pad + body;
            });
            case "partition" -> m(name, s, 1, 1, (i, a) -> {
                String sep = str(a.get(0), name);
                int at = s.indexOf(sep);
                return at < 0 ? PyTuple.of(s, "", "") : PyTuple.of(s.substring(0, at), sep, s.substring(at + sep.length()));
            });
            case "encode" -> m(name, s, 0, 1, (i, a) -> s);
            default -> null;
        };
    }

    private static Builtin m(String name, String self, int min, int max, Builtin.Simple body) {
        return Builtin.method(name, self, min, max, body);
    }

    private static String str(Object o, String fn) {
        if (!(o instanceof String s)) {
            throw PyException.type(fn + "() argument must be str, not " + Ops.typeName(o));
        }
        return s;
    }

    private static String strip(String s, List<Object> a, boolean left, boolean right) {
        String chars = a.isEmpty() || a.get(0) == PyNone.NONE ? null : str(a.get(0), "strip");
        int b = 0;
        int e = s.length();
        while (left && b < e && (chars == null ? Character.isWhitespace(s.charAt(b)) : chars.indexOf(s.charAt(b)) >= 0)) {
            b++;
        }
        while (right && e > b && (chars == null ? Character.isWhitespace(s.charAt(e - 1)) : chars.indexOf(s.charAt(e - 1)) >= 0)) {
            e--;
        }
        return s.substring(b, e);
    }

    private static PyList split(String s, Object sepArg, Object maxArg) {
        long max = Ops.toLong(maxArg, "maxsplit");
        List<Object> out = new ArrayList<>();
        if (sepArg == PyNone.NONE) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                if (max >= 0 && out.size() >= max) {
                    out.add(s.substring(i).stripTrailing());
                    break;
                }
                int j = i;
                while (j < n && !Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
            return new PyList(out);
        }
        String sep = str(sepArg, "split");
        if (sep.isEmpty()) {
            throw PyException.value("empty separator");
        }
        int pos = 0;
        while (max < 0 || out.size() < max) {
            int at = s.indexOf(sep, pos);
            if (at < 0) {
                break;
            }
            out.add(s.substring(pos, at));
            pos = at + sep.length();
        }
        out.add(s.substring(pos));
        return new PyList(out);
    }

    private static String title(String s) {
        StringBuilder sb = new StringBuilder();
        boolean prevLetter = false;
        for (char c : s.toCharArray()) {
            sb.append(prevLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            prevLetter = Character.isLetter(c);
        }
        return sb.toString();
    }

    /** str.format: {@code {}}, {@code {0}}, {@code {name}}, {@code {x.attr}}, {@code {x[0]}}, with {@code !r} and a spec. */
    static String format(Interp in, String fmt, List<Object> args, Map<String, Object> kw) {
        StringBuilder sb = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c == '{' && i + 1 < fmt.length() && fmt.charAt(i + 1) == '{') {
                sb.append('{');
                i++;
            } else if (c == '}' && i + 1 < fmt.length() && fmt.charAt(i + 1) == '}') {
                sb.append('}');
                i++;
            } else if (c == '{') {
                int end = fmt.indexOf('}', i);
                if (end < 0) {
                    throw PyException.value("expected '}' before end of string");
                }
                String field = fmt.substring(i + 1, end);
                String spec = "";
                int colon = field.indexOf(':');
                if (colon >= 0) {
                    spec = field.substring(colon + 1);
                    field = field.substring(0, colon);
                }
                char conv = 0;
                int bang = field.indexOf('!');
                if (bang >= 0) {
                    conv = field.charAt(bang + 1);
                    field = field.substring(0, bang);
                }
                String head = field.split("[.\\[]", 2)[0];
                Object v;
                if (head.isEmpty()) {
                    if (auto >= args.size()) {
                        throw PyException.index("Replacement index " + auto + " out of range for positional args tuple");
                    }
                    v = args.get(auto++);
                } else if (head.chars().allMatch(Character::isDigit)) {
                    int n = Integer.parseInt(head);
                    if (n >= args.size()) {
                        throw PyException.index("Replacement index " + n + " out of range for positional args tuple");
                    }
                    v = args.get(n);
                } else {
                    v = kw.get(head);
                    if (v == null) {
                        throw PyException.of(Exceptions.KEY, head);
                    }
                }
                String rest = field.substring(head.length());
                while (!rest.isEmpty()) {
                    if (rest.startsWith(".")) {
                        String attr = rest.substring(1).split("[.\\[]", 2)[0];
                        v = Attrs.get(in, v, attr);
                        rest = rest.substring(1 + attr.length());
                    } else {
                        int close = rest.indexOf(']');
                        String key = rest.substring(1, close);
                        v = Items.get(in, v, key.chars().allMatch(Character::isDigit) ? Ops.integer(Long.parseLong(key)) : key);
                        rest = rest.substring(close + 1);
                    }
                }
                if (conv == 'r') {
                    v = Format.repr(in, v);
                } else if (conv == 's') {
                    v = Format.str(in, v);
                }
                sb.append(FormatSpec.format(in, v, spec));
                i = end;
            } else if (c == '}') {
                throw PyException.value("Single '}' encountered in format string");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
