package dev.glassbox.client;

import dev.glassbox.client.Template.Arg;
import dev.glassbox.client.Template.Block;
import dev.glassbox.client.Template.Node;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Runs a parsed template over JSON-shaped data (maps, lists, strings, numbers) as Go's text/template does. */
final class TemplateExec {
    static final Set<String> FUNCTIONS = Set.of("json", "join", "split", "lower", "upper", "title", "truncate",
            "pad", "index", "len", "print", "println", "printf", "eq", "ne", "not", "and", "or");

    /** What Go prints for a missing map entry or a nil interface. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private final Deque<Map<String, Object>> scopes = new ArrayDeque<>();
    private final StringBuilder out = new StringBuilder();

    TemplateExec(Object root) {
        Map<String, Object> top = new HashMap<>();
        top.put("$", root);
        scopes.push(top);
        this.dot = root;
    }

    private Object dot;

    String run(List<Node> nodes) {
        walk(nodes);
        return out.toString();
    }

    private void walk(List<Node> nodes) {
        for (Node n : nodes) {
            if (n instanceof Template.Text t) {
                out.append(t.text());
            } else if (n instanceof Template.Action a) {
                out.append(print(pipe(a.pipe())));
            } else if (n instanceof Block b) {
                block(b);
            }
        }
    }

    private void block(Block b) {
        Object v = pipe(b.pipe());
        switch (b.keyword()) {
            case "if" -> walk(truth(v) ? b.body() : b.orElse());
            case "with" -> {
                if (truth(v)) {
                    inScope(v, Map.of(), b.body());
                } else {
                    walk(b.orElse());
                }
            }
            default -> range(b, v);
        }
    }

    private void range(Block b, Object v) {
        List<Object[]> entries = new ArrayList<>();
        if (v instanceof Map<?, ?> m) {
            new TreeMap<>(stringKeys(m)).forEach((k, e) -> entries.add(new Object[] {k, e}));
        } else if (v instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                entries.add(new Object[] {(long) i++, e});
            }
        } else if (v != null && v != NO_VALUE && !(v instanceof Number n && n.longValue() == 0)) {
            if (v instanceof Number n) {
                for (long i = 0; i < n.longValue() && i < 10_000; i++) {
                    entries.add(new Object[] {i, i});
                }
            } else {
                throw new Template.TemplateException("template: :1: range can't iterate over " + print(v));
            }
        }
        if (entries.isEmpty()) {
            walk(b.orElse());
            return;
        }
        for (Object[] e : entries) {
            Map<String, Object> vars = new HashMap<>();
            if (b.vars().size() == 1) {
                vars.put(b.vars().get(0), e[1]);
            } else if (b.vars().size() >= 2) {
                vars.put(b.vars().get(0), e[0]);
                vars.put(b.vars().get(1), e[1]);
            }
            inScope(e[1], vars, b.body());
        }
    }

    private void inScope(Object newDot, Map<String, Object> vars, List<Node> body) {
        Object saved = dot;
        scopes.push(new HashMap<>(vars));
        dot = newDot;
        try {
            walk(body);
        } finally {
            dot = saved;
            scopes.pop();
        }
    }

    private Object pipe(Template.Pipe p) {
        Object last = null;
        boolean first = true;
        for (List<Arg> cmd : p.commands()) {
            List<Object> extra = first ? List.of() : List.of(last);
            last = command(cmd, extra);
            first = false;
        }
        return last;
    }

    private Object command(List<Arg> cmd, List<Object> piped) {
        Arg head = cmd.get(0);
        if (head instanceof Template.Func f) {
            List<Object> args = new ArrayList<>();
            for (Arg a : cmd.subList(1, cmd.size())) {
                args.add(value(a));
            }
            args.addAll(piped);
            return TemplateFunctions.call(f.name(), args);
        }
        if (cmd.size() > 1 || !piped.isEmpty()) {
            throw new Template.TemplateException("template: :1: can't give argument to non-function " + describe(head));
        }
        return value(head);
    }

    private Object value(Arg a) {
        if (a instanceof Template.Literal l) {
            return l.value();
        }
        if (a instanceof Template.Sub s) {
            Object v = pipe(s.pipe());
            for (String key : s.path()) {
                v = field(v, key, new Template.Field(null, s.path()));
            }
            return v;
        }
        if (a instanceof Template.Func f) {
            return TemplateFunctions.call(f.name(), List.of());
        }
        Template.Field f = (Template.Field) a;
        Object v = f.var() == null ? dot : variable(f.var());
        for (String key : f.path()) {
            v = field(v, key, f);
        }
        return v;
    }

    private Object variable(String name) {
        for (Map<String, Object> scope : scopes) {
            if (scope.containsKey(name)) {
                return scope.get(name);
            }
        }
        throw new Template.TemplateException("template: :1: undefined variable: " + name);
    }

    private static Object field(Object v, String key, Template.Field f) {
        if (v instanceof Map<?, ?> m) {
            return m.containsKey(key) ? m.get(key) : NO_VALUE;
        }
        if (v == null || v == NO_VALUE) {
            return NO_VALUE;
        }
        throw new Template.TemplateException("template: :1: executing \"\" at <" + describe(f)
                + ">: can't evaluate field " + key + " in type " + goType(v));
    }

    private static String describe(Arg a) {
        if (a instanceof Template.Field f) {
            String base = f.var() == null ? "" : f.var();
            return base + (f.path().isEmpty() && f.var() == null ? "." : "." + String.join(".", f.path()));
        }
        return a.toString();
    }

    static String goType(Object v) {
        if (v instanceof String) {
            return "string";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof Double || v instanceof Float) {
            return "float64";
        } else if (v instanceof Number) {
            return "int";
        } else if (v instanceof Collection) {
            return "[]interface {}";
        }
        return "interface {}";
    }

    static boolean truth(Object v) {
        if (v == null || v == NO_VALUE) {
            return false;
        } else if (v instanceof Boolean b) {
            return b;
        } else if (v instanceof Number n) {
            return n.doubleValue() != 0;
        } else if (v instanceof String s) {
            return !s.isEmpty();
        } else if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        } else if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** fmt's %v. */
    static String print(Object v) {
        if (v == null || v == NO_VALUE) {
            return "<no value>";
        }
        return printInner(v);
    }

    private static String printInner(Object v) {
        if (v == null) {
            return "<nil>";
        } else if (v == NO_VALUE) {
            return "<no value>";
        } else if (v instanceof Double || v instanceof Float) {
            return formatFloat(((Number) v).doubleValue());
        } else if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("map[");
            String sep = "";
            for (Map.Entry<String, Object> e : stringKeys(m).entrySet()) {
                b.append(sep).append(e.getKey()).append(':').append(printInner(e.getValue()));
                sep = " ";
            }
            return b.append(']').toString();
        } else if (v instanceof Collection<?> c) {
            StringBuilder b = new StringBuilder("[");
            String sep = "";
            for (Object e : c) {
                b.append(sep).append(printInner(e));
                sep = " ";
            }
            return b.append(']').toString();
        }
        return String.valueOf(v);
    }

    /** strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form below 1e-4 or from 1e6. */
    static String formatFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 6) {
            String digits = bd.unscaledValue().abs().toString();
            String mantissa = digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "");
            return (d < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
        }
        return bd.toPlainString();
    }
}
