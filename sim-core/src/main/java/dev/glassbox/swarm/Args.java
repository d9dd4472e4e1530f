package dev.glassbox.swarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A swarm command's words after its subcommand: flags (long, short, with = or a separate value) and positional arguments. */
final class Args {
    final Map<String, List<String>> flags = new LinkedHashMap<>();
    final List<String> positional = new ArrayList<>();

    /**
     * {@code valued}: the flags that take a value, long names with their short forms as aliases
     * ({@code "replicas"}, {@code "p=publish"}); {@code bools}: those that take none.
     */
    static Args parse(String command, List<String> words, Set<String> valued, Set<String> bools) {
        Args a = new Args();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("-") || w.equals("-") || !a.positional.isEmpty() && command.equals("docker service create")) {
                a.positional.add(w);
                continue;
            }
            if (w.equals("--")) {
                a.positional.addAll(words.subList(i + 1, words.size()));
                break;
            }
            String name = w.startsWith("--") ? w.substring(2) : w.substring(1);
            String value = null;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            String canonical = canonical(name, valued);
            if (canonical != null) {
                if (value == null) {
                    if (i + 1 >= words.size()) {
                        throw new SwarmException("flag needs an argument: " + (w.startsWith("--") ? "--" : "'" + name + "' in -") + name
                                + "\nSee '" + command + " --help'.", false);
                    }
                    value = words.get(++i);
                }
                a.flags.computeIfAbsent(canonical, k -> new ArrayList<>()).add(value);
            } else if ((canonical = canonical(name, bools)) != null) {
                a.flags.computeIfAbsent(canonical, k -> new ArrayList<>()).add(value == null ? "true" : value);
            } else {
                throw new SwarmException((w.startsWith("--") ? "unknown flag: --" + name : "unknown shorthand flag: '" + name.charAt(0)
                        + "' in -" + name) + "\nSee '" + command + " --help'.", false);
            }
        }
        return a;
    }

    private static String canonical(String name, Set<String> names) {
        for (String n : names) {
            int eq = n.indexOf('=');
            String shortName = eq > 0 ? n.substring(0, eq) : "";
            String longName = eq > 0 ? n.substring(eq + 1) : n;
            if (name.equals(longName) || name.equals(shortName)) {
                return longName;
            }
        }
        return null;
    }

    String get(String flag, String otherwise) {
        List<String> v = flags.get(flag);
        return v == null ? otherwise : v.get(v.size() - 1);
    }

    List<String> all(String flag) {
        return flags.getOrDefault(flag, List.of());
    }

    boolean has(String flag) {
        return flags.containsKey(flag) && !get(flag, "").equals("false");
    }
}
