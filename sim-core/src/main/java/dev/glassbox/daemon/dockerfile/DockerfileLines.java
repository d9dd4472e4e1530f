package dev.glassbox.daemon.dockerfile;

import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first pass over a Dockerfile, as BuildKit's parser makes it: parser directives at the top
 * ({@code # escape=`}), comments and blank lines dropped, lines continued by the escape character
 * joined (comment lines inside a continuation dropped too), each logical line split into its keyword,
 * its {@code --flags} and the rest.
 */
final class DockerfileLines {
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    static final int MAX_LINE = 65_535;

    /** One logical line: {@code line} is where it starts (1-based). */
    record Node(int line, String keyword, String original, List<String> flags, String rest) {
        Node {
            flags = List.copyOf(flags);
        }

        String lower() {
            return keyword.toLowerCase(Locale.ROOT);
        }
    }

    record Parsed(char escape, List<Node> nodes) {
        Parsed {
            nodes = List.copyOf(nodes);
        }
    }

    private DockerfileLines() {}

    static Parsed parse(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (lines.length > 0 && lines[0].startsWith("\uFEFF")) {
            lines[0] = lines[0].substring(1);
        }
        char escape = '\\';
        int i = 0;
        List<String> seen = new ArrayList<>();
        for (; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i].strip());
            if (!m.matches()) {
                break;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            if (!key.equals("escape") && !key.equals("syntax") && !key.equals("check")) {
                break;
            }
            if (seen.contains(key)) {
                throw DockerException.invalid("only one " + key + " parser directive can be used");
            }
            seen.add(key);
            if (key.equals("escape")) {
                String v = m.group(2);
                if (!v.equals("`") && !v.equals("\\")) {
                    throw DockerException.invalid("invalid escape token '" + v + "' does not match ` or \\");
                }
                escape = v.charAt(0);
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (; i < lines.length; i++) {
            String raw = lines[i];
            if (raw.length() > MAX_LINE) {
                throw DockerException.invalid("dockerfile line greater than max allowed size of " + MAX_LINE);
            }
            String trimmed = raw.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int start = i + 1;
            StringBuilder logical = new StringBuilder();
            String piece = raw.stripLeading();
            while (true) {
                int cut = continuation(piece, escape);
                if (cut < 0) {
                    logical.append(piece);
                    break;
                }
                logical.append(piece, 0, cut);
                i++;
                while (i < lines.length && (lines[i].strip().isEmpty() || lines[i].strip().startsWith("#"))) {
                    i++;
                }
                if (i >= lines.length) {
                    break;
                }
                piece = lines[i];
            }
            nodes.add(node(start, logical.toString().stripTrailing()));
        }
        return new Parsed(escape, nodes);
    }

    /** Where a line's continuation escape begins, or -1: the escape char, then only blanks to the end, not itself escaped. */
    private static int continuation(String line, char escape) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || line.charAt(end - 1) != escape) {
            return -1;
        }
        if (end >= 2 && line.charAt(end - 2) == escape) {
            return -1;
        }
        return end - 1;
    }

    private static Node node(int line, String text) {
        int sp = 0;
        while (sp < text.length() && !Character.isWhitespace(text.charAt(sp))) {
            sp++;
        }
        String keyword = text.substring(0, sp);
        String rest = text.substring(sp).strip();
        List<String> flags = new ArrayList<>();
        String lower = keyword.toLowerCase(Locale.ROOT);
        if (List.of("from", "copy", "add", "run", "healthcheck").contains(lower)) {
            while (rest.startsWith("--")) {
                int end = 0;
                while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                    end++;
                }
                String flag = rest.substring(0, end);
                if (flag.equals("--")) {
                    break;
                }
                flags.add(flag.substring(2));
                rest = rest.substring(end).strip();
            }
        }
        return new Node(line, keyword, text, flags, rest);
    }
}
