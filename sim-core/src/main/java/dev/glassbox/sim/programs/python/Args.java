package dev.glassbox.sim.programs.python;

import java.util.List;
import java.util.Map;

/** Checks of a builtin's arguments, with CPython's wording. */
final class Args {
    private Args() {}

    static void noKeywords(String name, Map<String, Object> kw) {
        if (!kw.isEmpty()) {
            throw PyException.type(name + "() takes no keyword arguments");
        }
    }

    static void count(String name, List<Object> args, int min, int max) {
        int n = args.size();
        if (n >= min && n <= max) {
            return;
        }
        if (min == max) {
            if (min == 0) {
                throw PyException.type(name + "() takes no arguments (" + n + " given)");
            }
            if (min == 1) {
                throw PyException.type(name + "() takes exactly one argument (" + n + " given)");
            }
            throw PyException.type(name + " expected " + min + " arguments, got " + n);
        }
        if (n < min) {
            throw PyException.type(name + " expected at least " + min + " argument" + (min == 1 ? "" : "s") + ", got " + n);
        }
        throw PyException.type(name + " expected at most " + max + " argument" + (max == 1 ? "" : "s") + ", got " + n);
    }

    static Object kw(Map<String, Object> kw, String name, Object dflt) {
        Object v = kw.get(name);
        return v == null ? dflt : v;
    }

    /** Refuses keywords other than these. */
    static void only(String fn, Map<String, Object> kw, String... names) {
        for (String k : kw.keySet()) {
            if (!List.of(names).contains(k)) {
                throw PyException.type("'" + k + "' is an invalid keyword argument for " + fn + "()");
            }
        }
    }
}
