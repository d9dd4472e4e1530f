package dev.glassbox.daemon.dockerfile;

import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An instruction's {@code --flags} read the way BuildKit's parser reads them (its bflag.go): each flag the
 * instruction declares is a string, a boolean or a repeatable string; anything else is refused in its words.
 */
final class InstructionFlags {
    enum Kind { STRING, BOOL, STRINGS }

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> used = new ArrayList<>();

    private InstructionFlags() {}

    /** {@code flags} as the line holds them, without their {@code --}: {@code chown=1:2}, {@code link}. */
    static InstructionFlags parse(List<String> flags, Map<String, Kind> declared) {
        InstructionFlags out = new InstructionFlags();
        for (String f : flags) {
            int eq = f.indexOf('=');
            String name = eq < 0 ? f : f.substring(0, eq);
            String value = eq < 0 ? "" : f.substring(eq + 1);
            Kind kind = declared.get(name);
            if (kind == null) {
                throw DockerException.invalid("unknown flag: --" + name + suggestion(name, declared));
            }
            if (out.used.contains(name) && kind != Kind.STRINGS) {
                throw DockerException.invalid("duplicate flag specified: --" + name);
            }
            if (!out.used.contains(name)) {
                out.used.add(name);
            }
            if (kind == Kind.BOOL) {
                if (eq >= 0 && value.isEmpty()) {
                    throw DockerException.invalid("missing a value on flag: --" + name);
                }
                String v = value.toLowerCase(Locale.ROOT);
                if (!v.isEmpty() && !v.equals("true") && !v.equals("false")) {
                    throw DockerException.invalid("expecting boolean value for flag --" + name + ", not: " + value);
                }
                out.values.put(name, v.equals("false") ? "false" : "true");
            } else {
                if (eq < 0) {
                    throw DockerException.invalid("missing a value on flag: --" + name);
                }
                out.values.put(name, value);
            }
        }
        return out;
    }

    /** The flag's value, empty when it was not given (a repeated one's last). */
    String string(String name) {
        return values.getOrDefault(name, "");
    }

    /** The flags the line used, in the order it first named them. */
    List<String> used() {
        return List.copyOf(used);
    }

    /** BuildKit's hint: the declared flag nearest the typed one, if it is within two edits. */
    private static String suggestion(String typed, Map<String, Kind> declared) {
        String match = "";
        int best = 3;
        for (String name : declared.keySet()) {
            int dist = Instructions.levenshtein(typed, name);
            if (dist < best) {
                best = dist;
                match = name;
            }
        }
        return match.isEmpty() ? "" : " (did you mean " + match + "?)";
    }
}
