package dev.glassbox.compose;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Compose's variable substitution in the file's values: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}},
 * {@code ${VAR-default}}, {@code ${VAR:?message}}, {@code ${VAR?message}}, {@code ${VAR:+other}},
 * {@code ${VAR+other}}, and {@code $$} for a dollar sign. A variable that is not set, with no default,
 * becomes the empty string and is reported to {@code unset}, as Compose warns of it.
 */
final class Interpolation {
    private Interpolation() {}

    static String substitute(String text, Map<String, String> vars, String path, Consumer<String> unset) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int end = closing(text, i + 2);
                if (end < 0) {
                    throw invalid(path, text);
                }
                out.append(braced(text.substring(i + 2, end), vars, path, unset, text));
                i = end + 1;
                continue;
            }
            int j = i + 1;
            while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                j++;
            }
            if (j == i + 1 || Character.isDigit(text.charAt(i + 1))) {
                throw invalid(path, text);
            }
            out.append(lookup(text.substring(i + 1, j), vars, unset));
            i = j;
        }
        return out.toString();
    }

    /** The index of the brace closing the one opened before {@code from}, nested ones skipped; -1 if none. */
    private static int closing(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String braced(String body, Map<String, String> vars, String path, Consumer<String> unset, String text) {
        int k = 0;
        while (k < body.length() && (Character.isLetterOrDigit(body.charAt(k)) || body.charAt(k) == '_')) {
            k++;
        }
        String name = body.substring(0, k);
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            throw invalid(path, text);
        }
        String rest = body.substring(k);
        if (rest.isEmpty()) {
            return lookup(name, vars, unset);
        }
        String value = vars.get(name);
        boolean colon = rest.startsWith(":");
        String op = colon ? rest.substring(0, Math.min(2, rest.length())) : rest.substring(0, 1);
        String arg = rest.substring(op.length());
        boolean missing = value == null || (colon && value.isEmpty());
        return switch (op) {
            case ":-", "-" -> missing ? substitute(arg, vars, path, unset) : value;
            case ":+", "+" -> missing ? "" : substitute(arg, vars, path, unset);
            case ":?", "?" -> {
                if (missing) {
                    throw new ComposeException("required variable " + name + " is missing a value: "
                            + substitute(arg, vars, path, unset));
                }
                yield value;
            }
            default -> throw invalid(path, text);
        };
    }

    private static String lookup(String name, Map<String, String> vars, Consumer<String> unset) {
        String v = vars.get(name);
        if (v == null) {
            unset.accept(name);
            return "";
        }
        return v;
    }

    private static ComposeException invalid(String path, String text) {
        return new ComposeException("invalid interpolation format for " + path
                + ".\nYou may need to escape any $ with another $.\n" + text);
    }
}
