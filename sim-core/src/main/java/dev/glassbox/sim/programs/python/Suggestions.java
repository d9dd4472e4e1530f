package dev.glassbox.sim.programs.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CPython 3.12's hints under a NameError or AttributeError: {@code Did you mean: 'print'?} for a close name (its
 * Levenshtein distance with case changes cheap), {@code 'self.x'} inside a method, and {@code Did you forget to
 * import 'sys'?} for a standard module's name.
 */
final class Suggestions {
    private static final int MOVE_COST = 2;
    private static final int CASE_COST = 1;
    private static final int MAX_STRING_SIZE = 40;
    private static final int MAX_CANDIDATES = 750;
    private static final Set<String> STDLIB = Set.of("sys", "os", "time", "json", "math", "random", "re", "datetime",
            "collections", "itertools", "functools", "pathlib", "subprocess", "socket", "string", "typing", "logging",
            "shutil", "http", "urllib", "csv", "copy", "argparse", "threading", "unittest", "io", "hashlib", "uuid");

    private Suggestions() {}

    /** The text CPython appends to the exception's message, or "". */
    static String hint(PyObject exc) {
        if (!(exc.dict.get("name") instanceof String name)) {
            return "";
        }
        String suggestion = null;
        if (exc.cls.isSubclassOf(Exceptions.NAME) && !exc.tb.isEmpty()) {
            Scope scope = exc.tb.get(0).frame().scope;
            if (scope.vars.get("self") instanceof PyObject self
                    && (self.dict.containsKey(name) || self.cls.lookup(name) != null)) {
                suggestion = "self." + name;
            } else {
                List<String> names = new ArrayList<>(scope.vars.keySet());
                if (scope.vars != scope.globals) {
                    names.addAll(scope.globals.keySet());
                }
                names.addAll(Builtins.TABLE.keySet());
                suggestion = closest(name, names);
            }
        } else if (exc.cls.isSubclassOf(Exceptions.ATTRIBUTE)) {
            suggestion = closest(name, attributes(exc.dict.get("obj")));
        }
        String out = suggestion == null ? "" : ". Did you mean: '" + suggestion + "'?";
        if (exc.cls.isSubclassOf(Exceptions.NAME) && STDLIB.contains(name)) {
            out += (suggestion == null ? ". Did you" : " Or did you") + " forget to import '" + name + "'?";
        }
        return out;
    }

    private static List<String> attributes(Object obj) {
        List<String> out = new ArrayList<>();
        if (obj instanceof PyObject p) {
            out.addAll(p.dict.keySet());
            for (PyClass c : p.cls.mro()) {
                out.addAll(c.dict.keySet());
            }
        } else if (obj instanceof PyClass c) {
            for (PyClass k : c.mro()) {
                out.addAll(k.dict.keySet());
            }
        } else if (obj instanceof PyModule m) {
            out.addAll(m.attrs.keySet());
        }
        return out;
    }

    static String closest(String wrong, List<String> candidates) {
        if (candidates.size() > MAX_CANDIDATES || wrong.length() > MAX_STRING_SIZE) {
            return null;
        }
        int best = wrong.length();
        String suggestion = null;
        for (String c : candidates) {
            if (c.equals(wrong)) {
                continue;
            }
            int max = Math.min((c.length() + wrong.length() + 3) * MOVE_COST / 6, best - 1);
            int d = distance(wrong, c, max);
            if (d > max) {
                continue;
            }
            if (suggestion == null || d < best) {
                suggestion = c;
                best = d;
            }
        }
        return suggestion;
    }

    private static int cost(char a, char b) {
        if (a == b) {
            return 0;
        }
        return Character.toLowerCase(a) == Character.toLowerCase(b) ? CASE_COST : MOVE_COST;
    }

    /** traceback._levenshtein_distance: common affixes trimmed, moves cost 2, case changes 1, giving up past maxCost. */
    static int distance(String a, String b, int maxCost) {
        if (a.equals(b)) {
            return 0;
        }
        int pre = 0;
        while (pre < a.length() && pre < b.length() && a.charAt(pre) == b.charAt(pre)) {
            pre++;
        }
        a = a.substring(pre);
        b = b.substring(pre);
        int post = 0;
        while (post < a.length() && post < b.length() && a.charAt(a.length() - 1 - post) == b.charAt(b.length() - 1 - post)) {
            post++;
        }
        a = a.substring(0, a.length() - post);
        b = b.substring(0, b.length() - post);
        if (a.isEmpty() || b.isEmpty()) {
            return MOVE_COST * (a.length() + b.length());
        }
        if (a.length() > MAX_STRING_SIZE || b.length() > MAX_STRING_SIZE) {
            return maxCost + 1;
        }
        if (b.length() < a.length()) {
            String t = a;
            a = b;
            b = t;
        }
        if ((b.length() - a.length()) * MOVE_COST > maxCost) {
            return maxCost + 1;
        }
        int[] row = new int[a.length()];
        for (int i = 0; i < row.length; i++) {
            row[i] = MOVE_COST * (i + 1);
        }
        int result = 0;
        for (int bi = 0; bi < b.length(); bi++) {
            char bc = b.charAt(bi);
            int distance = bi * MOVE_COST;
            result = distance;
            int minimum = Integer.MAX_VALUE;
            for (int i = 0; i < a.length(); i++) {
                int substitute = distance + cost(bc, a.charAt(i));
                distance = row[i];
                int insertDelete = Math.min(result, distance) + MOVE_COST;
                result = Math.min(insertDelete, substitute);
                row[i] = result;
                minimum = Math.min(minimum, result);
            }
            if (minimum > maxCost) {
                return maxCost + 1;
            }
        }
        return result;
    }
}
