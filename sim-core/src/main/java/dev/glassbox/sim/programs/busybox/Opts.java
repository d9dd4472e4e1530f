package dev.glassbox.sim.programs.busybox;

import dev.glassbox.sim.programs.Tool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * getopt as busybox uses it: single-letter flags, clustered ({@code -la}), with values ({@code -n 5},
 * {@code -n5}), options and operands in any order, {@code --} ends options.
 */
final class Opts {
    final List<String> operands = new ArrayList<>();
    private final Map<Character, List<String>> seen = new HashMap<>();
    /** The first option letter not in the spec, or 0. */
    char bad;

    /** {@code spec} lists the letters; a letter followed by ':' takes a value. */
    static Opts parse(String spec, List<String> args) {
        Opts o = new Opts();
        boolean options = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!options || a.length() < 2 || a.charAt(0) != '-') {
                o.operands.add(a);
                continue;
            }
            if (a.equals("--")) {
                options = false;
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                int at = spec.indexOf(c);
                if (at < 0 || c == ':') {
                    if (o.bad == 0) {
                        o.bad = c;
                    }
                    continue;
                }
                boolean takes = at + 1 < spec.length() && spec.charAt(at + 1) == ':';
                String value = "";
                if (takes) {
                    if (j + 1 < a.length()) {
                        value = a.substring(j + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else if (o.bad == 0) {
                        o.bad = c;
                    }
                    j = a.length();
                }
                o.seen.computeIfAbsent(c, k -> new ArrayList<>()).add(value);
            }
        }
        return o;
    }

    /** Whether any option was given. */
    boolean any() {
        return !seen.isEmpty();
    }

    boolean has(char c) {
        return seen.containsKey(c);
    }

    String get(char c, String otherwise) {
        List<String> v = seen.get(c);
        return v == null ? otherwise : v.get(v.size() - 1);
    }

    List<String> all(char c) {
        return seen.getOrDefault(c, List.of());
    }

    /** Reports an unknown option as glibc's getopt does; returns true when there was one. */
    boolean invalid(Tool t) {
        if (bad == 0) {
            return false;
        }
        t.err("invalid option -- '" + bad + "'");
        return true;
    }
}
