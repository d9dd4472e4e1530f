package dev.glassbox.compose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compose command's flags, parsed as cobra parses them: {@code --name value}, {@code --name=value},
 * {@code -x value}, grouped booleans {@code -dV}; with {@code interspersed} false (exec, run) the first
 * argument ends the flags. An unknown flag is cobra's one line, status 1 as Compose sets it.
 */
final class Flags {
    /** One flag: {@code value} false for a boolean. */
    record Def(String name, String shorthand, boolean value) {}

    final List<String> args = new ArrayList<>();
    private final Map<String, List<String>> values = new HashMap<>();

    static Def bool(String name, String shorthand) {
        return new Def(name, shorthand, false);
    }

    static Def value(String name, String shorthand) {
        return new Def(name, shorthand, true);
    }

    static Flags parse(List<String> argv, List<Def> defs, boolean interspersed) {
        Flags f = new Flags();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (a.equals("--")) {
                f.args.addAll(argv.subList(i + 1, argv.size()));
                break;
            }
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                String val = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    val = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                Def d = find(defs, name, false);
                if (d == null) {
                    throw new ComposeException("unknown flag: --" + name);
                }
                if (d.value() && val == null) {
                    if (i + 1 >= argv.size()) {
                        throw new ComposeException("flag needs an argument: --" + name);
                    }
                    val = argv.get(++i);
                }
                f.put(d.name(), val == null ? "true" : val);
            } else if (a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    String sh = a.substring(k, k + 1);
                    Def d = find(defs, sh, true);
                    if (d == null) {
                        throw new ComposeException("unknown shorthand flag: '" + sh + "' in " + a);
                    }
                    if (d.value()) {
                        String val = a.substring(k + 1);
                        if (val.startsWith("=")) {
                            val = val.substring(1);
                        }
                        if (val.isEmpty()) {
                            if (i + 1 >= argv.size()) {
                                throw new ComposeException("flag needs an argument: '" + sh + "' in -" + sh);
                            }
                            val = argv.get(++i);
                        }
                        f.put(d.name(), val);
                        break;
                    }
                    f.put(d.name(), "true");
                }
            } else {
                f.args.add(a);
                if (!interspersed) {
                    f.args.addAll(argv.subList(i + 1, argv.size()));
                    break;
                }
            }
        }
        return f;
    }

    private static Def find(List<Def> defs, String name, boolean shorthand) {
        for (Def d : defs) {
            if (shorthand ? d.shorthand().equals(name) : d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private void put(String name, String value) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    boolean bool(String name) {
        List<String> v = values.get(name);
        return v != null && !v.get(v.size() - 1).equals("false");
    }

    String string(String name, String dflt) {
        List<String> v = values.get(name);
        return v == null ? dflt : v.get(v.size() - 1);
    }

    List<String> list(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return values.containsKey(name);
    }
}
