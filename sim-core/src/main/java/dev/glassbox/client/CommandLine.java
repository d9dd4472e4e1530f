package dev.glassbox.client;

import dev.glassbox.api.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits what a user types at the prompt into words the way a POSIX shell does: quotes, backslash
 * escapes, {@code #} comments, commands chained with {@code &&}, {@code ||} and {@code ;}, and command
 * substitutions ({@code $(docker ps -q)}, {@code `docker ps -q`}, nested and quoted as in POSIX sh),
 * which {@link #parse} keeps as parts of {@link Word}s for the shell to run. Variables, arithmetic,
 * pipes, redirections and background jobs are refused in one line: there is no environment here.
 */
public final class CommandLine {
    /** How deep substitutions may nest ({@code $(… $(…) …)}). */
    static final int MAX_DEPTH = 16;

    /** One simple command; {@code connector} is "" for the first, else "&&", "||" or ";". */
    public record Segment(String connector, List<String> words) {
        public Segment {
            words = List.copyOf(words);
        }
    }

    /** One simple command as parsed, its words not yet expanded; {@code connector} as in {@link Segment}. */
    public record Command(String connector, List<Word> words) {
        public Command {
            words = List.copyOf(words);
        }
    }

    private final String line;
    private int pos;
    private final int depth;
    /** Inside {@code $(…)}: an unquoted {@code )} ends the commands. */
    private final boolean nested;
    private final List<Command> commands = new ArrayList<>();
    private List<Word> words = new ArrayList<>();
    private String connector = "";
    private List<Word.Part> parts;
    private final StringBuilder text = new StringBuilder();
    private boolean quoted;

    private CommandLine(String line, int pos, int depth, boolean nested) {
        this.line = line == null ? "" : line;
        this.pos = pos;
        this.depth = depth;
        this.nested = nested;
    }

    /**
     * The commands as words, a substitution left as typed (what tests and completion look at).
     * @throws UsageException (exit status 2, as bash) on an unterminated quote or a misplaced operator.
     */
    public static List<Segment> split(String line) {
        return parse(line).stream().map(c -> new Segment(c.connector(), c.words().stream().map(Word::text).toList())).toList();
    }

    /** The commands with their words' parts, substitutions parsed too. @throws UsageException as {@link #split}. */
    public static List<Command> parse(String line) {
        return new CommandLine(line, 0, 0, false).parseAll();
    }

    private List<Command> parseAll() {
        boolean closed = false;
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == ')' && nested) {
                pos++;
                closed = true;
                break;
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
        if (nested && !closed) {
            throw new UsageException("unexpected EOF while looking for matching `)'", 2);
        }
        if (!words.isEmpty()) {
            commands.add(new Command(connector, words));
        } else if (connector.equals("&&") || connector.equals("||")) {
            throw new UsageException(nested ? "syntax error near unexpected token `)'" : "syntax error: unexpected end of file", 2);
        }
        return List.copyOf(commands);
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
        commands.add(new Command(connector, words));
        words = new ArrayList<>();
        connector = op;
    }

    private Word word() {
        parts = new ArrayList<>();
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (" \t\n\r;&|<>".indexOf(c) >= 0 || (c == ')' && nested)) {
                break;
            }
            pos++;
            switch (c) {
                case '\'' -> singleQuoted();
                case '"' -> doubleQuoted();
                case '\\' -> escaped();
                case '$' -> dollar(false);
                case '`' -> backquoted(false);
                default -> text.append(c);
            }
        }
        flushText();
        return new Word(parts);
    }

    private void flushText() {
        if (text.length() > 0 || quoted) {
            parts.add(new Word.Text(text.toString(), quoted));
        }
        text.setLength(0);
        quoted = false;
    }

    /** After an unquoted or double-quoted {@code $}: a substitution, or a refusal of what needs an environment. */
    private void dollar(boolean inQuotes) {
        char next = pos < line.length() ? line.charAt(pos) : ' ';
        if (next == '(') {
            if (pos + 1 < line.length() && line.charAt(pos + 1) == '(') {
                throw new UsageException("glassbox: arithmetic ($((…))) is not supported here", 2);
            }
            pos++;
            int start = pos;
            CommandLine inner = new CommandLine(line, pos, deeper(), true);
            List<Command> cmds = inner.parseAll();
            pos = inner.pos;
            substituted(cmds, "$(" + line.substring(start, pos - 1) + ")", inQuotes);
        } else if (Character.isLetterOrDigit(next) || "_{?$!#*@-".indexOf(next) >= 0) {
            throw new UsageException("glassbox: variables ($" + variable() + ") are not supported here", 2);
        } else if (next == '\'' && !inQuotes) {
            throw new UsageException("glassbox: $'…' quoting is not supported here", 2);
        } else {
            text.append('$');
        }
    }

    private String variable() {
        int end = pos + 1;
        if (line.charAt(pos) == '{') {
            int close = line.indexOf('}', pos);
            end = close < 0 ? line.length() : close + 1;
        } else if (Character.isLetter(line.charAt(pos)) || line.charAt(pos) == '_') {
            while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
                end++;
            }
        }
        return line.substring(pos, end);
    }

    /** {@code `…`}: backslash keeps its meaning only before $, ` and \ (and " inside double quotes). */
    private void backquoted(boolean inQuotes) {
        StringBuilder inner = new StringBuilder();
        int start = pos;
        while (pos < line.length()) {
            char c = line.charAt(pos++);
            if (c == '`') {
                List<Command> cmds = new CommandLine(inner.toString(), 0, deeper(), false).parseAll();
                substituted(cmds, line.substring(start - 1, pos), inQuotes);
                return;
            }
            if (c == '\\' && pos < line.length() && ("$`\\".indexOf(line.charAt(pos)) >= 0 || (inQuotes && line.charAt(pos) == '"'))) {
                c = line.charAt(pos++);
            }
            inner.append(c);
        }
        throw new UsageException("unexpected EOF while looking for matching ``'", 2);
    }

    private int deeper() {
        if (depth + 1 > MAX_DEPTH) {
            throw new UsageException("glassbox: command substitutions nested more than " + MAX_DEPTH + " deep are not supported here", 2);
        }
        return depth + 1;
    }

    private void substituted(List<Command> cmds, String source, boolean inQuotes) {
        flushText();
        parts.add(new Word.Substitution(cmds, source, inQuotes));
        quoted = inQuotes;
    }

    private void singleQuoted() {
        quoted = true;
        int end = line.indexOf('\'', pos);
        if (end < 0) {
            throw new UsageException("unexpected EOF while looking for matching `''", 2);
        }
        text.append(line, pos, end);
        pos = end + 1;
    }

    private void doubleQuoted() {
        quoted = true;
        while (pos < line.length()) {
            char c = line.charAt(pos++);
            if (c == '"') {
                return;
            }
            if (c == '$') {
                dollar(true);
                continue;
            }
            if (c == '`') {
                backquoted(true);
                continue;
            }
            if (c == '\\' && pos < line.length()) {
                char next = line.charAt(pos);
                if (next == '\n') {
                    pos++;
                    continue;
                }
                if ("\"\\$`".indexOf(next) >= 0) {
                    text.append(next);
                    pos++;
                    continue;
                }
            }
            text.append(c);
        }
        throw new UsageException("unexpected EOF while looking for matching `\"'", 2);
    }

    private void escaped() {
        if (pos >= line.length()) {
            text.append('\\');
            return;
        }
        char next = line.charAt(pos++);
        if (next != '\n') {
            text.append(next);
        }
    }
}
