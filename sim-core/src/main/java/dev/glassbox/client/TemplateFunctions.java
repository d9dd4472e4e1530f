package dev.glassbox.client;

import static dev.glassbox.client.TemplateExec.NO_VALUE;
import static dev.glassbox.client.TemplateExec.print;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Go's template builtins and the docker CLI's extra functions (json, join, split, lower, upper, title, …). */
final class TemplateFunctions {
    private TemplateFunctions() {}

    static Object call(String name, List<Object> a) {
        return switch (name) {
            case "json" -> GoJson.compact(plain(arg(a, 0, 1, name)));
            case "join" -> join(arg(a, 0, 2, name), str(a.get(1)));
            case "split" -> new ArrayList<>(Arrays.asList(str(arg(a, 0, 2, name)).split(java.util.regex.Pattern.quote(str(a.get(1))), -1)));
            case "lower" -> str(arg(a, 0, 1, name)).toLowerCase(Locale.ROOT);
            case "upper" -> str(arg(a, 0, 1, name)).toUpperCase(Locale.ROOT);
            case "title" -> title(str(arg(a, 0, 1, name)));
            case "truncate" -> truncate(str(arg(a, 0, 2, name)), a.get(1));
            case "pad" -> " ".repeat((int) num(arg(a, 1, 3, name))) + str(a.get(0)) + " ".repeat((int) num(a.get(2)));
            case "index" -> index(a);
            case "len" -> length(arg(a, 0, 1, name));
            case "print" -> sprint(a);
            case "println" -> String.join(" ", a.stream().map(TemplateExec::print).toList()) + "\n";
            case "printf" -> printf(a);
            case "eq" -> eq(a);
            case "ne" -> !eq(a);
            case "not" -> !TemplateExec.truth(arg(a, 0, 1, name));
            case "and" -> andOr(a, true);
            case "or" -> andOr(a, false);
            default -> throw new Template.TemplateException("template: :1: function \"" + name + "\" not defined");
        };
    }

    private static Object arg(List<Object> a, int i, int count, String name) {
        if (a.size() != count) {
            throw new Template.TemplateException("template: :1: wrong number of args for " + name + ": want " + count
                    + " got " + a.size());
        }
        return a.get(i);
    }

    private static Object plain(Object v) {
        return v == NO_VALUE ? null : v;
    }

    private static String str(Object v) {
        return v instanceof String s ? s : print(v);
    }

    private static long num(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new Template.TemplateException("template: :1: expected integer; found " + print(v));
    }

    private static String join(Object list, String sep) {
        if (!(list instanceof Collection<?> c)) {
            throw new Template.TemplateException("template: :1: error calling join: wrong type " + TemplateExec.goType(list));
        }
        return String.join(sep, c.stream().map(TemplateFunctions::str).toList());
    }

    private static String title(String s) {
        StringBuilder b = new StringBuilder();
        boolean start = true;
        for (char c : s.toCharArray()) {
            b.append(start ? Character.toTitleCase(c) : c);
            start = Character.isWhitespace(c);
        }
        return b.toString();
    }

    private static String truncate(String s, Object n) {
        long max = num(n);
        int len = s.codePointCount(0, s.length());
        return len <= max ? s : s.substring(0, s.offsetByCodePoints(0, (int) Math.max(0, max)));
    }

    private static Object index(List<Object> a) {
        if (a.isEmpty()) {
            throw new Template.TemplateException("template: :1: wrong number of args for index: want at least 1 got 0");
        }
        Object v = a.get(0);
        for (Object key : a.subList(1, a.size())) {
            if (v instanceof Map<?, ?> m) {
                if (m.containsKey(String.valueOf(key))) {
                    v = m.get(String.valueOf(key));
                } else {
                    boolean strings = m.values().stream().allMatch(x -> x instanceof String);
                    v = strings ? "" : NO_VALUE;
                }
            } else if (v instanceof List<?> l && key instanceof Number n) {
                if (n.longValue() < 0 || n.longValue() >= l.size()) {
                    throw new Template.TemplateException("template: :1: error calling index: index out of range: " + n);
                }
                v = l.get(n.intValue());
            } else {
                throw new Template.TemplateException("template: :1: error calling index: cannot index slice/array with type "
                        + TemplateExec.goType(key));
            }
        }
        return v;
    }

    private static long length(Object v) {
        if (v instanceof Collection<?> c) {
            return c.size();
        } else if (v instanceof Map<?, ?> m) {
            return m.size();
        } else if (v instanceof String s) {
            return s.length();
        }
        throw new Template.TemplateException("template: :1: error calling len: len of type " + TemplateExec.goType(v));
    }

    /** fmt.Sprint: spaces only between operands when neither is a string. */
    private static String sprint(List<Object> a) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            if (i > 0 && !(a.get(i) instanceof String) && !(a.get(i - 1) instanceof String)) {
                b.append(' ');
            }
            b.append(print(a.get(i)));
        }
        return b.toString();
    }

    private static String printf(List<Object> a) {
        if (a.isEmpty()) {
            throw new Template.TemplateException("template: :1: wrong number of args for printf: want at least 1 got 0");
        }
        String f = str(a.get(0));
        StringBuilder b = new StringBuilder();
        int next = 1;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c != '%' || i + 1 >= f.length()) {
                b.append(c);
                continue;
            }
            char verb = f.charAt(++i);
            if (verb == '%') {
                b.append('%');
            } else if (next >= a.size()) {
                b.append("%!").append(verb).append("(MISSING)");
            } else {
                Object v = a.get(next++);
                b.append(verb == 'q' ? GoText.quote(str(v)) : print(v));
            }
        }
        return b.toString();
    }

    private static boolean eq(List<Object> a) {
        if (a.size() < 2) {
            throw new Template.TemplateException("template: :1: error calling eq: missing argument for comparison");
        }
        Object first = norm(a.get(0));
        for (Object o : a.subList(1, a.size())) {
            if (Objects.equals(first, norm(o))) {
                return true;
            }
        }
        return false;
    }

    private static Object norm(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).longValue();
        }
        return v == NO_VALUE ? null : v;
    }

    private static Object andOr(List<Object> a, boolean and) {
        if (a.isEmpty()) {
            throw new Template.TemplateException("template: :1: wrong number of args: want at least 1 got 0");
        }
        for (Object v : a) {
            if (TemplateExec.truth(v) != and) {
                return v;
            }
        }
        return a.get(a.size() - 1);
    }
}
