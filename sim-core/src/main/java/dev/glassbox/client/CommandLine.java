package dev.glassbox.client;

import dev.glassbox.api.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits what a user types at the prompt into words the way a POSIX shell does: quotes, backslash
 * escapes, {@code #} comments, and commands chained with {@code &&}, {@code ||} and {@code ;}.
 * Variables ({@code $VAR}) stay literal: there is no environment to expand them from.
 */
public final class CommandLine {
    /** One simple command; {@code connector} is "" for the first, else "&&", "||" or ";". */
    public record Segment(String connector, List<String> words) {
        public Segment {
            words = List.copyOf(words);
        }
    }

    private final String line;
    private int pos;
    private final List<Segment> segments = new ArrayList<>();
    private List<String> words = new ArrayList<>();
    private String connector = "";

    private CommandLine(String line) {
        this.line = line == null ? "" : line;
    }

    /** @throws UsageException (exit status 2, as bash) on an unterminated quote or a misplaced operator. */
    public static List<Segment> split(String line) {
        return new CommandLine(line).parse();
    }

    private List<Segment> parse() {
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#') {
                skipComment();
            } else if (c == ';' || c == '&' || c == '|') {
                operator(c);
            } else if (c == '<' || c == '>') {
                throw new UsageException("glassbox: redirection (" + c + ") is not supported here", 2);
            } else {
                words.add(word());
            }
        }
        if (!words.isEmpty()) {
            segments.add(new Segment(connector, words));
        } else if (connector.equals("&&") || connector.equals("||")) {
            throw new UsageException("syntax error: unexpected end of file", 2);
        }
        return List.copyOf(segments);
    }

    private void skipComment() {
        while (pos < line.length() && line.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void operator(char c) {
        boolean doubled = pos + 1 < line.length() && line.charAt(pos + 1) == c;
        String op = doubled ? "" + c + c : "" + c;
        if (op.equals("|")) {
            throw new UsageException("glassbox: pipes (|) are not supported here", 2);
        }
        if (op.equals("&")) {
            throw new UsageException("glassbox: background jobs (&) are not supported here", 2);
        }
        if (words.isEmpty() || op.equals(";;")) {
            throw new UsageException("syntax error near unexpected token `" + op + "'", 2);
        }
        pos += op.length();
        segments.add(new Segment(connector, words));
        words = new ArrayList<>();
        connector = op;
    }

    private String word() {
        StringBuilder w = new StringBuilder();
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (" \t\n\r;&|<>".indexOf(c) >= 0) {
                break;
            }
            pos++;
            if (c == '\'') {
                singleQuoted(w);
            } else if (c == '"') {
                doubleQuoted(w);
            } else if (c == '\\') {
                escaped(w);
            } else {
                w.append(c);
            }
        }
        return w.toString();
    }

    private void singleQuoted(StringBuilder w) {
        int end = line.indexOf('\'', pos);
        if (end < 0) {
            throw new UsageException("unexpected EOF while looking for matching `''", 2);
        }
        w.append(line, pos, end);
        pos = end + 1;
    }

    private void doubleQuoted(StringBuilder w) {
        while (pos < line.length()) {
            char c = line.charAt(pos++);
            if (c == '"') {
                return;
            }
            if (c == '\\' && pos < line.length()) {
                char next = line.charAt(pos);
                if (next == '\n') {
                    pos++;
                    continue;
                }
                if ("\"\\$`".indexOf(next) >= 0) {
                    w.append(next);
                    pos++;
                    continue;
                }
            }
            w.append(c);
        }
        throw new UsageException("unexpected EOF while looking for matching `\"'", 2);
    }

    private void escaped(StringBuilder w) {
        if (pos >= line.length()) {
            w.append('\\');
            return;
        }
        char next = line.charAt(pos++);
        if (next != '\n') {
            w.append(next);
        }
    }
}
