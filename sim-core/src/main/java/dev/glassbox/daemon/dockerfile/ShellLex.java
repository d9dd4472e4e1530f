package dev.glassbox.daemon.dockerfile;

import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The builder's own variable substitution, as BuildKit's shell lexer does it for FROM, COPY, ENV,
 * WORKDIR and the other instructions that are not run by a shell: quotes removed, {@code $VAR},
 * {@code ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR-word}}, {@code ${VAR:+word}}, {@code ${VAR+word}}
 * and {@code ${VAR:?message}} replaced from the stage's variables. RUN's text is left to the shell.
 */
public final class ShellLex {
    private final char escape;
    private final Map<String, String> env;
    private String src;
    private int pos;

    public ShellLex(char escape, Map<String, String> env) {
        this.escape = escape;
        this.env = Map.copyOf(env);
    }

    /** One word: {@code "a b"$X} is {@code a bvalue}. */
    public String word(String source) {
        return run(source).text;
    }

    /** Several words, split on blanks outside quotes (EXPOSE's {@code $PORTS}). */
    public List<String> words(String source) {
        return run(source).words;
    }

    private record Result(String text, List<String> words) {}

    private Result run(String source) {
        src = source;
        pos = 0;
        try {
            return process('\0');
        } catch (LexError e) {
            throw DockerException.invalid("failed to process \"" + source + "\": " + e.getMessage());
        }
    }

    private static final class LexError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LexError(String message) {
            super(message, null, false, false);
        }
    }

    private boolean eof() {
        return pos >= src.length();
    }

    private char peek() {
        return src.charAt(pos);
    }

    /** Reads up to {@code stop} ('\0' for the end), which is consumed. */
    private Result process(char stop) {
        StringBuilder text = new StringBuilder();
        StringBuilder word = new StringBuilder();
        List<String> words = new ArrayList<>();
        boolean inWord = false;
        while (!eof()) {
            char ch = peek();
            if (stop != '\0' && ch == stop) {
                pos++;
                return finish(text, word, words, inWord);
            }
            String piece;
            boolean quoted = false;
            if (ch == '\'') {
                piece = single();
                quoted = true;
            } else if (ch == '"') {
                piece = dbl();
                quoted = true;
            } else if (ch == '$') {
                piece = dollar();
            } else {
                pos++;
                if (ch == escape) {
                    if (eof()) {
                        piece = String.valueOf(ch);
                    } else {
                        piece = String.valueOf(src.charAt(pos++));
                        quoted = true;
                    }
                } else if (Character.isWhitespace(ch)) {
                    text.append(ch);
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                    continue;
                } else {
                    piece = String.valueOf(ch);
                }
            }
            text.append(piece);
            word.append(piece);
            inWord = inWord || quoted || !piece.isEmpty();
        }
        if (stop != '\0') {
            throw new LexError("unexpected end of statement while looking for matching " + stop);
        }
        return finish(text, word, words, inWord);
    }

    private static Result finish(StringBuilder text, StringBuilder word, List<String> words, boolean inWord) {
        if (inWord) {
            words.add(word.toString());
        }
        return new Result(text.toString(), words);
    }

    private String single() {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (eof()) {
                throw new LexError("unexpected end of statement while looking for matching single-quote");
            }
            char ch = src.charAt(pos++);
            if (ch == '\'') {
                return b.toString();
            }
            b.append(ch);
        }
    }

    private String dbl() {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (eof()) {
                throw new LexError("unexpected end of statement while looking for matching double-quote");
            }
            char ch = peek();
            if (ch == '"') {
                pos++;
                return b.toString();
            }
            if (ch == '$') {
                b.append(dollar());
                continue;
            }
            pos++;
            if (ch == escape && !eof()) {
                char next = peek();
                if (next == '"' || next == '$' || next == escape) {
                    pos++;
                    b.append(next);
                    continue;
                }
            }
            b.append(ch);
        }
    }

    private String dollar() {
        pos++;
        if (eof() || peek() != '{') {
            String name = name();
            return name.isEmpty() ? "$" : env.getOrDefault(name, "");
        }
        pos++;
        if (eof()) {
            throw new LexError("syntax error: missing '}'");
        }
        if (peek() == '{' || peek() == '}' || peek() == ':') {
            throw new LexError("syntax error: bad substitution");
        }
        String name = name();
        if (eof()) {
            throw new LexError("syntax error: missing '}'");
        }
        char ch = src.charAt(pos++);
        if (ch == '}') {
            return env.getOrDefault(name, "");
        }
        boolean nullIsUnset = false;
        String modifier = String.valueOf(ch);
        if (ch == ':') {
            nullIsUnset = true;
            if (eof()) {
                throw new LexError("syntax error: missing '}'");
            }
            ch = src.charAt(pos++);
            modifier += ch;
        }
        if (ch != '-' && ch != '+' && ch != '?') {
            throw new LexError("unsupported modifier (" + modifier + ") in substitution");
        }
        String word;
        try {
            word = process('}').text;
        } catch (LexError e) {
            throw eof() ? new LexError("syntax error: missing '}'") : e;
        }
        String value = env.get(name);
        boolean set = value != null;
        boolean empty = !set || (nullIsUnset && value.isEmpty());
        return switch (ch) {
            case '-' -> empty ? word : value;
            case '+' -> empty ? "" : word;
            default -> {
                if (!set) {
                    throw new LexError(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                }
                if (nullIsUnset && value.isEmpty()) {
                    throw new LexError(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                }
                yield value;
            }
        };
    }

    private String name() {
        int start = pos;
        if (!eof() && Character.isDigit(peek())) {
            pos++;
            return src.substring(start, pos);
        }
        while (!eof() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            pos++;
        }
        return src.substring(start, pos);
    }
}
