package dev.glassbox.client;

import dev.glassbox.api.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's arguments after pflag-style parsing: flag values by long name (validated as they were
 * read, so the first bad flag is the one reported) and the positional arguments.
 */
final class Parsed {
    final String path;
    final Spec spec;
    final List<String> args = new ArrayList<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Parsed(String path, Spec spec) {
        this.path = path;
        this.spec = spec;
    }

    /**
     * @throws UsageException (exit status 125) on a bad flag, worded as pflag does and followed, as the docker
     *     CLI's flag error handler does, by the command's usage line and a pointer to its help.
     */
    static Parsed parse(String path, Spec spec, List<String> argv) {
        try {
            return read(path, spec, argv);
        } catch (UsageException e) {
            throw new UsageException(e.getMessage() + spec.usageFooter(path, "Run"), e.exitStatus());
        }
    }

    private static Parsed read(String path, Spec spec, List<String> argv) {
        Parsed p = new Parsed(path, spec);
        int i = 0;
        while (i < argv.size()) {
            String a = argv.get(i++);
            if (a.equals("--")) {
                p.args.addAll(argv.subList(i, argv.size()));
                break;
            }
            if (a.startsWith("--")) {
                i = p.longFlag(a.substring(2), argv, i);
            } else if (a.startsWith("-") && a.length() > 1) {
                i = p.shortFlags(a.substring(1), argv, i);
            } else {
                p.args.add(a);
                if (!spec.interspersed()) {
                    p.args.addAll(argv.subList(i, argv.size()));
                    break;
                }
            }
        }
        return p;
    }

    private int longFlag(String text, List<String> argv, int i) {
        if (text.isEmpty() || text.startsWith("-") || text.startsWith("=")) {
            throw flagError("bad flag syntax: --" + text);
        }
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        Flag f = spec.longFlag(name);
        if (f == null) {
            throw flagError("unknown flag: --" + name);
        }
        if (eq >= 0) {
            set(f, text.substring(eq + 1));
        } else if (f.isBool()) {
            set(f, "true");
        } else if (i < argv.size()) {
            set(f, argv.get(i++));
        } else {
            throw flagError("flag needs an argument: --" + name);
        }
        return i;
    }

    private int shortFlags(String shorthands, List<String> argv, int i) {
        while (!shorthands.isEmpty()) {
            int cp = shorthands.codePointAt(0);
            int len = Character.charCount(cp);
            String c = shorthands.substring(0, len);
            Flag f = spec.shortFlag(c);
            if (f == null) {
                throw flagError("unknown shorthand flag: " + GoText.quoteRune(cp) + " in -" + shorthands);
            }
            String value;
            if (shorthands.length() > len + 1 && shorthands.charAt(len) == '=') {
                value = shorthands.substring(len + 1);
                shorthands = "";
            } else if (f.isBool()) {
                value = "true";
                shorthands = shorthands.substring(len);
            } else if (shorthands.length() > len) {
                value = shorthands.substring(len);
                shorthands = "";
            } else if (i < argv.size()) {
                value = argv.get(i++);
                shorthands = "";
            } else {
                throw flagError("flag needs an argument: " + GoText.quoteRune(cp) + " in -" + shorthands);
            }
            set(f, value);
        }
        return i;
    }

    private void set(Flag f, String value) {
        try {
            switch (f.kind()) {
                case BOOL -> Units.parseBool(value);
                case INT -> Units.parseInt(value);
                case BYTES -> Units.ramInBytes(f.name().equals("memory-swap") && value.equals("-1") ? "0" : value); // MemSwapBytes takes -1
                case DECIMAL -> Units.nanoCpus(value);
                case LIST -> validateListItem(f.name(), value);
                case MOUNT -> MountOption.parse(value);
                case DURATION -> dev.glassbox.api.GoDuration.parse(value);
                case MAP -> {
                    if (!value.contains("=")) {
                        throw new IllegalArgumentException("bad format for option: " + value);
                    }
                }
                default -> { }
            }
        } catch (IllegalArgumentException e) {
            throw flagError("invalid argument " + GoText.quote(value) + " for " + GoText.quote(f.display()) + " flag: "
                    + e.getMessage());
        }
        values.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(value);
    }

    /** The validators docker attaches to its list options. */
    private static void validateListItem(String name, String value) {
        switch (name) {
            case "env" -> {
                if (value.isEmpty() || value.startsWith("=")) {
                    throw new IllegalArgumentException("invalid environment variable: " + value);
                }
            }
            case "label" -> {
                if (value.split("=", 2)[0].strip().isEmpty()) {
                    throw new IllegalArgumentException("invalid label '" + value + "': empty name");
                }
            }
            case "attach" -> {
                if (!java.util.Set.of("stdin", "stdout", "stderr").contains(value.toLowerCase(java.util.Locale.ROOT))) {
                    throw new IllegalArgumentException("valid streams are STDIN, STDOUT and STDERR");
                }
            }
            case "link" -> {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("empty string specified for links");
                }
                if (value.split(":", 3).length > 2) {
                    throw new IllegalArgumentException("bad format for links: " + value);
                }
            }
            default -> { }
        }
    }

    private static UsageException flagError(String message) {
        return new UsageException(message, 125);
    }

    boolean help() {
        return bool("help");
    }

    boolean changed(String name) {
        return values.containsKey(name);
    }

    boolean bool(String name) {
        List<String> v = values.get(name);
        if (v == null) {
            Flag f = spec.longFlag(name);
            return f != null && f.defaultText().equals("true");
        }
        return Units.parseBool(v.get(v.size() - 1));
    }

    /** The last value given, or {@code fallback}. */
    String string(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    Long integer(String name) {
        String v = string(name, null);
        return v == null ? null : Units.parseInt(v);
    }

    List<String> list(String name) {
        return values.getOrDefault(name, List.of());
    }
}
