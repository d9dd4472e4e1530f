package dev.glassbox.daemon.dockerfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.api.DockerException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** One logical line to its typed instruction, with BuildKit's argument rules and error words. */
final class Instructions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ONBUILD = Pattern.compile("(?i)^\\s*ONBUILD\\s*");
    private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
    static final List<String> NAMES = List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK",
            "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

    /** The flags BuildKit's parser declares (Docker 28's, without the -labs ones): the classic builder parses them all, then acts on few. */
    private static final Map<String, InstructionFlags.Kind> RUN_FLAGS = flags("mount", InstructionFlags.Kind.STRINGS,
            "network", InstructionFlags.Kind.STRING, "device", InstructionFlags.Kind.STRINGS);
    private static final Map<String, InstructionFlags.Kind> COPY_FLAGS = flags("chown", InstructionFlags.Kind.STRING,
            "from", InstructionFlags.Kind.STRING, "chmod", InstructionFlags.Kind.STRING, "link", InstructionFlags.Kind.BOOL);
    private static final Map<String, InstructionFlags.Kind> ADD_FLAGS = flags("chown", InstructionFlags.Kind.STRING,
            "chmod", InstructionFlags.Kind.STRING, "link", InstructionFlags.Kind.BOOL, "keep-git-dir", InstructionFlags.Kind.BOOL,
            "checksum", InstructionFlags.Kind.STRING);

    private Instructions() {}

    private static Map<String, InstructionFlags.Kind> flags(Object... nameKind) {
        Map<String, InstructionFlags.Kind> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameKind.length; i += 2) {
            m.put((String) nameKind[i], (InstructionFlags.Kind) nameKind[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    static Instruction parse(DockerfileLines.Node n) {
        int l = n.line();
        String o = n.original();
        String rest = n.rest();
        String word = n.lower();
        if (!word.equals("from") && !word.equals("copy") && !word.equals("add") && !word.equals("healthcheck") && !n.flags().isEmpty()
                && !word.equals("run")) {
            throw DockerException.invalid("unknown flag: --" + n.flags().get(0).split("=")[0]);
        }
        return switch (word) {
            case "from" -> from(n);
            case "run" -> {
                InstructionFlags flags = InstructionFlags.parse(n.flags(), RUN_FLAGS);
                atLeastOne("RUN", rest);
                yield new Instruction.Run(l, o, command(rest), flags.used());
            }
            case "cmd" -> new Instruction.Cmd(l, o, command(rest));
            case "entrypoint" -> new Instruction.Entrypoint(l, o, command(rest));
            case "shell" -> {
                Instruction.Command c = command(rest);
                if (!c.json()) {
                    throw DockerException.invalid("SHELL requires the arguments to be in JSON form");
                }
                if (c.args().isEmpty()) {
                    throw DockerException.invalid("SHELL requires at least one argument");
                }
                yield new Instruction.Shell(l, o, c.args());
            }
            case "copy", "add" -> copy(n, word.equals("add"));
            case "env" -> new Instruction.Env(l, o, pairs("ENV", rest, n));
            case "label" -> new Instruction.Label(l, o, pairs("LABEL", rest, n));
            case "arg" -> arg(l, o, rest);
            case "workdir" -> new Instruction.Workdir(l, o, exactlyOne("WORKDIR", rest));
            case "user" -> new Instruction.User(l, o, exactlyOne("USER", rest));
            case "stopsignal" -> new Instruction.StopSignal(l, o, exactlyOne("STOPSIGNAL", rest));
            case "maintainer" -> new Instruction.Maintainer(l, o, exactlyOne("MAINTAINER", rest));
            case "expose" -> {
                atLeastOne("EXPOSE", rest);
                yield new Instruction.Expose(l, o, List.of(rest.split("\\s+")));
            }
            case "volume" -> {
                atLeastOne("VOLUME", rest);
                List<String> paths = jsonOrWords(rest);
                for (String p : paths) {
                    if (p.isBlank()) {
                        throw DockerException.invalid("VOLUME specified can not be an empty string");
                    }
                }
                yield new Instruction.Volume(l, o, paths);
            }
            case "healthcheck" -> HealthcheckParser.parse(l, o, n.flags(), rest);
            case "onbuild" -> onbuild(l, o, rest);
            default -> throw DockerException.invalid("unknown instruction: " + n.keyword() + suggestion(n.keyword()));
        };
    }

    private static Instruction from(DockerfileLines.Node n) {
        String platform = InstructionFlags.parse(n.flags(), Map.of("platform", InstructionFlags.Kind.STRING)).string("platform");
        String[] args = n.rest().isEmpty() ? new String[0] : n.rest().split("\\s+");
        if (args.length == 1) {
            return new Instruction.From(n.line(), n.original(), args[0], "", platform);
        }
        if (args.length == 3 && args[1].equalsIgnoreCase("as")) {
            String name = args[2].toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(name).matches()) {
                throw DockerException.invalid("invalid name for build stage: \"" + args[2]
                        + "\", name can't start with a number or contain symbols");
            }
            return new Instruction.From(n.line(), n.original(), args[0], name, platform);
        }
        throw DockerException.invalid("FROM requires either one or three arguments");
    }

    private static Instruction copy(DockerfileLines.Node n, boolean add) {
        String name = add ? "ADD" : "COPY";
        InstructionFlags flags = InstructionFlags.parse(n.flags(), add ? ADD_FLAGS : COPY_FLAGS);
        String chown = flags.string("chown");
        String from = flags.string("from");
        List<String> words = jsonOrWords(n.rest());
        if (words.isEmpty()) {
            throw DockerException.invalid(name + " requires at least one argument");
        }
        if (words.size() < 2) {
            throw DockerException.invalid(name + " requires at least two arguments, but only one was provided. Destination could not be determined");
        }
        return new Instruction.Copy(n.line(), n.original(), add, words.subList(0, words.size() - 1), words.get(words.size() - 1), chown, from,
                flags.string("chmod"));
    }

    /** ONBUILD keeps its trigger as written, the line without the word ONBUILD; chaining, FROM and MAINTAINER are refused. */
    private static Instruction onbuild(int l, String o, String rest) {
        atLeastOne("ONBUILD", rest);
        String trigger = rest.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        switch (trigger) {
            case "ONBUILD" -> throw DockerException.invalid("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "MAINTAINER", "FROM" -> throw DockerException.invalid(trigger + " isn't allowed as an ONBUILD trigger");
            default -> {
                return new Instruction.Onbuild(l, o, ONBUILD.matcher(o).replaceFirst(""));
            }
        }
    }

    private static Instruction arg(int l, String o, String rest) {
        atLeastOne("ARG", rest);
        List<Instruction.ArgDef> defs = new ArrayList<>();
        for (String w : QuotedWords.split(rest, '\\')) {
            int eq = w.indexOf('=');
            defs.add(eq < 0 ? new Instruction.ArgDef(w, null) : new Instruction.ArgDef(w.substring(0, eq), w.substring(eq + 1)));
        }
        return new Instruction.Arg(l, o, defs);
    }

    private static List<Instruction.Pair> pairs(String name, String rest, DockerfileLines.Node n) {
        atLeastOne(name, rest);
        List<String> words = QuotedWords.split(rest, '\\');
        List<Instruction.Pair> out = new ArrayList<>();
        if (!words.get(0).contains("=")) {
            String[] kv = rest.split("\\s+", 2);
            if (kv.length < 2) {
                throw DockerException.invalid(name + " must have two arguments");
            }
            out.add(new Instruction.Pair(kv[0], kv[1]));
            return out;
        }
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq < 0) {
                throw DockerException.invalid("Syntax error - can't find = in \"" + w + "\". Must be of the form: name=value");
            }
            if (eq == 0) {
                throw DockerException.invalid(name + " names can not be blank");
            }
            out.add(new Instruction.Pair(w.substring(0, eq), w.substring(eq + 1)));
        }
        return out;
    }

    /** Exec form when the text is a JSON array of strings, else shell form; a JSON array holding other things is an error. */
    static Instruction.Command command(String rest) {
        if (rest.startsWith("[")) {
            try {
                JsonNode node = JSON.readTree(rest);
                if (node != null && node.isArray()) {
                    List<String> out = new ArrayList<>();
                    for (JsonNode x : node) {
                        if (!x.isTextual()) {
                            throw DockerException.invalid("when using JSON array syntax, arrays must be comprised of strings only");
                        }
                        out.add(x.asText());
                    }
                    return new Instruction.Command(out, true);
                }
            } catch (IOException e) {
                // not JSON: BuildKit then reads the line in shell form
            }
        }
        return new Instruction.Command(rest.isEmpty() ? List.of() : List.of(rest), false);
    }

    private static List<String> jsonOrWords(String rest) {
        Instruction.Command c = command(rest);
        if (c.json()) {
            return c.args();
        }
        return rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
    }

    private static void atLeastOne(String name, String rest) {
        if (rest.isEmpty()) {
            throw DockerException.invalid(name + " requires at least one argument");
        }
    }

    private static String exactlyOne(String name, String rest) {
        if (rest.isEmpty()) {
            throw DockerException.invalid(name + " requires exactly one argument");
        }
        return rest;
    }

    /** BuildKit's suggestion: the instruction within Levenshtein distance 2, in the case it was typed in. */
    static String suggestion(String typed) {
        String lower = typed.toLowerCase(Locale.ROOT);
        String match = "";
        int best = 3;
        for (String name : NAMES) {
            int dist = levenshtein(lower, name.toLowerCase(Locale.ROOT));
            if (dist < best) {
                best = dist;
                match = name;
            }
        }
        if (match.isEmpty()) {
            return "";
        }
        String shown = typed.equals(typed.toUpperCase(Locale.ROOT)) && !typed.equals(lower) ? match : match.toLowerCase(Locale.ROOT);
        return " (did you mean " + shown + "?)";
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
