package dev.glassbox.sim.programs.jq;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * jq, the subset the sim's package carries: paths ({@code .}, {@code .a.b}, {@code .["a"]}, {@code .[0]},
 * {@code .[]}), pipes, {@code keys} and {@code length}, with {@code -r} and {@code -c}; its output and
 * error lines are jq's. Any other filter is refused in one line naming what it knows.
 */
public final class Jq {
    /** An error while filtering, in jq's words (exit 5). */
    private static final class Fail extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Fail(String message) {
            super(message, null, false, false);
        }
    }

    private sealed interface Step permits Field, Index, Each, Keys, Length {}

    private record Field(String name) implements Step {}

    private record Index(int index) implements Step {}

    private record Each() implements Step {}

    private record Keys() implements Step {}

    private record Length() implements Step {}

    private Jq() {}

    public static int main(Sys sys) {
        boolean raw = false;
        boolean compact = false;
        String filter = null;
        List<String> files = new ArrayList<>();
        List<String> argv = sys.argv();
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("-r") || a.equals("--raw-output")) {
                raw = true;
            } else if (a.equals("-c") || a.equals("--compact-output")) {
                compact = true;
            } else if (a.equals("-rc") || a.equals("-cr")) {
                raw = true;
                compact = true;
            } else if (a.startsWith("-") && a.length() > 1) {
                sys.err("jq: Unknown option: " + a + "\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n");
                return 2;
            } else if (filter == null) {
                filter = a;
            } else {
                files.add(a);
            }
        }
        List<List<Step>> program;
        try {
            program = parse(filter == null ? "." : filter);
        } catch (Fail e) {
            sys.err("jq: error: " + e.getMessage() + "\njq: 1 compile error\n");
            return 3;
        }
        String text;
        try {
            text = files.isEmpty() ? sys.stdin() : read(sys, files);
        } catch (SysError e) {
            sys.err("jq: error: Could not open " + files.get(0) + ": No such file or directory\n");
            return 2;
        }
        List<Object> inputs;
        try {
            inputs = JsonValue.parseAll(text);
        } catch (JsonValue.Bad e) {
            sys.err("jq: parse error: " + e.getMessage() + "\n");
            return 2;
        }
        StringBuilder out = new StringBuilder();
        try {
            for (Object in : inputs) {
                for (Object v : run(program, in)) {
                    out.append(raw && v instanceof String s ? s : JsonValue.print(v, compact)).append('\n');
                }
            }
        } catch (Fail e) {
            sys.out(out.toString());
            sys.err("jq: error (at <stdin>:" + lines(text) + "): " + e.getMessage() + "\n");
            return 5;
        }
        sys.out(out.toString());
        return 0;
    }

    private static String read(Sys sys, List<String> files) {
        StringBuilder b = new StringBuilder();
        for (String f : files) {
            b.append(sys.readText(f)).append('\n');
        }
        return b.toString();
    }

    private static long lines(String text) {
        return Math.max(1, text.chars().filter(c -> c == '\n').count());
    }

    /** Stages separated by {@code |}, each a chain of steps. */
    private static List<List<Step>> parse(String filter) {
        List<List<Step>> stages = new ArrayList<>();
        for (String stage : filter.split("\\|")) {
            stages.add(stage(stage.trim()));
        }
        return stages;
    }

    private static List<Step> stage(String s) {
        List<Step> steps = new ArrayList<>();
        if (s.equals("keys")) {
            return List.of(new Keys());
        }
        if (s.equals("length")) {
            return List.of(new Length());
        }
        if (!s.startsWith(".")) {
            throw unknown(s);
        }
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '.' && i + 1 < s.length() && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '_')) {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                steps.add(new Field(s.substring(i + 1, j)));
                i = j;
            } else if (c == '.' && (i + 1 == s.length() || s.charAt(i + 1) == '[')) {
                i++;
            } else if (c == '[') {
                int end = s.indexOf(']', i);
                if (end < 0) {
                    throw unknown(s);
                }
                String in = s.substring(i + 1, end).trim();
                if (in.isEmpty()) {
                    steps.add(new Each());
                } else if (in.matches("-?\\d+")) {
                    steps.add(new Index(Integer.parseInt(in)));
                } else if (in.length() >= 2 && in.startsWith("\"") && in.endsWith("\"")) {
                    steps.add(new Field(in.substring(1, in.length() - 1)));
                } else {
                    throw unknown(s);
                }
                i = end + 1;
            } else {
                throw unknown(s);
            }
        }
        return steps;
    }

    private static Fail unknown(String s) {
        return new Fail("glassbox's jq knows ., .key, .[\"key\"], .[n], .[], |, keys and length; not '" + s + "'");
    }

    private static List<Object> run(List<List<Step>> program, Object input) {
        List<Object> values = List.of(input);
        for (List<Step> stage : program) {
            for (Step step : stage) {
                List<Object> next = new ArrayList<>();
                for (Object v : values) {
                    apply(step, v, next);
                }
                values = next;
            }
        }
        return values;
    }

    private static void apply(Step step, Object v, List<Object> out) {
        if (step instanceof Field f) {
            if (v == JsonValue.NULL) {
                out.add(JsonValue.NULL);
            } else if (v instanceof Map<?, ?> m) {
                Object x = m.get(f.name());
                out.add(x == null ? JsonValue.NULL : x);
            } else {
                throw new Fail("Cannot index " + type(v) + " with \"" + f.name() + "\"");
            }
        } else if (step instanceof Index ix) {
            if (v == JsonValue.NULL) {
                out.add(JsonValue.NULL);
            } else if (v instanceof List<?> l) {
                int k = ix.index() < 0 ? l.size() + ix.index() : ix.index();
                out.add(k >= 0 && k < l.size() ? l.get(k) : JsonValue.NULL);
            } else {
                throw new Fail("Cannot index " + type(v) + " with number");
            }
        } else if (step instanceof Each) {
            if (v instanceof List<?> l) {
                out.addAll(l);
            } else if (v instanceof Map<?, ?> m) {
                out.addAll(m.values());
            } else {
                throw new Fail("Cannot iterate over " + type(v) + (v == JsonValue.NULL ? "" : " (" + JsonValue.print(v, true) + ")"));
            }
        } else if (step instanceof Keys) {
            out.add(keys(v));
        } else {
            out.add(length(v));
        }
    }

    private static List<Object> keys(Object v) {
        List<Object> keys = new ArrayList<>();
        if (v instanceof Map<?, ?> m) {
            new TreeSet<>(m.keySet().stream().map(Object::toString).toList()).forEach(keys::add);
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                keys.add(BigDecimal.valueOf(i));
            }
        } else {
            throw new Fail(type(v) + " (" + JsonValue.print(v, true) + ") has no keys");
        }
        return keys;
    }

    private static Object length(Object v) {
        if (v instanceof Map<?, ?> m) {
            return BigDecimal.valueOf(m.size());
        } else if (v instanceof List<?> l) {
            return BigDecimal.valueOf(l.size());
        } else if (v instanceof String s) {
            return BigDecimal.valueOf(s.codePointCount(0, s.length()));
        } else if (v instanceof BigDecimal d) {
            return d.abs();
        } else if (v == JsonValue.NULL) {
            return BigDecimal.ZERO;
        }
        throw new Fail("boolean (" + v + ") has no length");
    }

    private static String type(Object v) {
        if (v instanceof Map) {
            return "object";
        } else if (v instanceof List) {
            return "array";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof BigDecimal) {
            return "number";
        } else if (v instanceof Boolean) {
            return "boolean";
        }
        return "null";
    }
}
