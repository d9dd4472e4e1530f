package dev.glassbox.compose;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code .env} or {@code env_file}: {@code KEY=VALUE} lines, {@code export KEY=VALUE}, comments,
 * single quotes (literal), double quotes (with {@code \n} escapes and {@code ${VAR}} from earlier lines),
 * an unquoted value ends at {@code " #"}. A line with a key alone takes the key's value from {@code lookup}.
 */
final class DotEnv {
    private DotEnv() {}

    static Map<String, String> parse(String text, String file, Map<String, String> lookup) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip();
            if (key.isEmpty() || !key.matches("[A-Za-z_][A-Za-z0-9_.\\-]*")) {
                throw new ComposeException("failed to read " + file + ": line " + (i + 1) + ": unexpected character \""
                        + (key.isEmpty() ? "=" : firstBad(key)) + "\" in variable name \"" + line + "\"");
            }
            if (eq < 0) {
                String v = lookup.get(key);
                if (v != null) {
                    out.put(key, v);
                }
                continue;
            }
            out.put(key, value(line.substring(eq + 1).strip(), out, lookup));
        }
        return out;
    }

    private static String firstBad(String key) {
        for (char c : key.toCharArray()) {
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '.' && c != '-') {
                return String.valueOf(c);
            }
        }
        return key.substring(0, 1);
    }

    private static String value(String raw, Map<String, String> earlier, Map<String, String> lookup) {
        if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            return end < 0 ? raw.substring(1) : raw.substring(1, end);
        }
        if (raw.startsWith("\"")) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i + 1 < raw.length()) {
                    char n = raw.charAt(++i);
                    b.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> n;
                    });
                } else {
                    b.append(c);
                }
            }
            return expand(b.toString(), earlier, lookup);
        }
        int hash = raw.indexOf(" #");
        String v = (hash < 0 ? raw : raw.substring(0, hash)).strip();
        return expand(v, earlier, lookup);
    }

    private static String expand(String v, Map<String, String> earlier, Map<String, String> lookup) {
        if (!v.contains("$")) {
            return v;
        }
        Map<String, String> vars = new LinkedHashMap<>(lookup);
        vars.putAll(earlier);
        return Interpolation.substitute(v, vars, "", name -> {});
    }
}
