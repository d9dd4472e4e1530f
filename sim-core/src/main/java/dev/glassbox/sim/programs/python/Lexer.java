package dev.glassbox.sim.programs.python;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Python's tokenizer: names, numbers, strings (with their prefixes), operators, and the NEWLINE,
 * INDENT and DEDENT tokens that carry the block structure. Inside brackets lines join, as in CPython.
 */
final class Lexer {
    enum Kind { NAME, INT, FLOAT, STRING, OP, NEWLINE, INDENT, DEDENT, EOF }

    /** One token; {@code col}/{@code end} are 0-based character offsets in line {@code line}. */
    record Tok(Kind kind, String text, int line, int col, int end, String prefix) {
        boolean is(String s) {
            return (kind == Kind.OP || kind == Kind.NAME) && text.equals(s);
        }
    }

    private static final String[] OPS = {"**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=", "<=", ">=",
        "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "+", "-", "*", "/", "%", "<", ">", "=", "(", ")",
        "[", "]", "{", "}", ",", ":", ".", ";", "@", "&", "|", "^", "~"};

    private final String src;
    private final List<String> lines;
    private final List<Tok> out = new ArrayList<>();
    private final Deque<Integer> indents = new ArrayDeque<>();
    private final Deque<Tok> brackets = new ArrayDeque<>();
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String src) {
        this.src = src;
        this.lines = Source.lines(src);
        indents.push(0);
    }

    static List<Tok> tokenize(String src) {
        Lexer l = new Lexer(src);
        l.run();
        return l.out;
    }

    private PySyntaxError error(String msg, int ln, int col) {
        return new PySyntaxError(msg, ln, col + 1, col + 2);
    }

    private void run() {
        boolean atLineStart = true;
        while (pos < src.length()) {
            if (atLineStart && brackets.isEmpty()) {
                if (!indentation()) {
                    continue;
                }
                atLineStart = false;
            }
            char c = src.charAt(pos);
            if (c == '\n') {
                if (brackets.isEmpty()) {
                    add(Kind.NEWLINE, "", pos, pos + 1, null);
                    atLineStart = true;
                }
                newline();
            } else if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos++;
                newline();
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
                number();
            } else if (Character.isLetter(c) || c == '_') {
                int s = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                String word = src.substring(s, pos);
                if (pos < src.length() && (src.charAt(pos) == '"' || src.charAt(pos) == '\'') && isPrefix(word)) {
                    string(word.toLowerCase(), s);
                } else {
                    add(Kind.NAME, word, s, pos, null);
                }
            } else if (c == '"' || c == '\'') {
                string("", pos);
            } else {
                op();
            }
        }
        if (!brackets.isEmpty()) {
            Tok b = brackets.peek();
            throw error("'" + b.text() + "' was never closed", b.line(), b.col());
        }
        if (!out.isEmpty() && out.get(out.size() - 1).kind() != Kind.NEWLINE) {
            add(Kind.NEWLINE, "", pos, pos, null);
        }
        while (indents.peek() > 0) {
            indents.pop();
            add(Kind.DEDENT, "", pos, pos, null);
        }
        out.add(new Tok(Kind.EOF, "", line, 0, 0, null));
    }

    private static boolean isPrefix(String w) {
        return switch (w.toLowerCase()) {
            case "r", "u", "f", "b", "rf", "fr", "br", "rb" -> true;
            default -> false;
        };
    }

    private void newline() {
        pos++;
        line++;
        lineStart = pos;
    }

    /** Measures a logical line's indentation; false when the line is blank or a comment (skipped whole). */
    private boolean indentation() {
        int width = 0;
        int s = pos;
        while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
            width = src.charAt(pos) == '\t' ? (width / 8 + 1) * 8 : width + 1;
            pos++;
        }
        if (pos >= src.length()) {
            return false;
        }
        char c = src.charAt(pos);
        if (c == '\n' || c == '#' || c == '\r') {
            while (pos < src.length() && src.charAt(pos) != '\n') {
                pos++;
            }
            if (pos < src.length()) {
                newline();
            }
            return false;
        }
        if (width > indents.peek()) {
            indents.push(width);
            add(Kind.INDENT, "", s, pos, null);
        } else {
            while (width < indents.peek()) {
                indents.pop();
                add(Kind.DEDENT, "", pos, pos, null);
            }
            if (width != indents.peek()) {
                throw new PySyntaxError("unindent does not match any outer indentation level", line, pos - lineStart + 1, -1)
                        .tokenizer();
            }
        }
        return true;
    }

    private void number() {
        int s = pos;
        boolean isFloat = false;
        if (src.charAt(pos) == '0' && pos + 1 < src.length() && "xXoObB".indexOf(src.charAt(pos + 1)) >= 0) {
            pos += 2;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
        } else {
            while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            if (pos < src.length() && src.charAt(pos) == '.') {
                isFloat = true;
                pos++;
                while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
            }
            if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
                int save = pos;
                pos++;
                if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    isFloat = true;
                    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                        pos++;
                    }
                } else {
                    pos = save;
                }
            }
        }
        if (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
            throw error("invalid decimal literal", line, pos - lineStart - 1);
        }
        add(isFloat ? Kind.FLOAT : Kind.INT, src.substring(s, pos).replace("_", ""), s, pos, null);
    }

    private void string(String prefix, int start) {
        char q = src.charAt(pos);
        boolean triple = src.startsWith("" + q + q + q, pos);
        int startLine = line;
        int startCol = start - lineStart;
        pos += triple ? 3 : 1;
        int bodyStart = pos;
        while (true) {
            if (pos >= src.length()) {
                throw triple ? error("unterminated triple-quoted string literal (detected at line " + line + ")", startLine, startCol)
                        : error("unterminated string literal (detected at line " + line + ")", startLine, startCol);
            }
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < src.length()) {
                if (src.charAt(pos + 1) == '\n') {
                    pos++;
                    newline();
                } else {
                    pos += 2;
                }
                continue;
            }
            if (c == '\n') {
                if (!triple) {
                    throw error("unterminated string literal (detected at line " + line + ")", startLine, startCol);
                }
                newline();
                continue;
            }
            if (c == q && (!triple || src.startsWith("" + q + q + q, pos))) {
                break;
            }
            pos++;
        }
        String body = src.substring(bodyStart, pos);
        pos += triple ? 3 : 1;
        int endCol = line == startLine ? pos - lineStart : startCol + 1;
        out.add(new Tok(Kind.STRING, body, startLine, startCol, endCol, prefix));
    }

    private void op() {
        for (String o : OPS) {
            if (src.startsWith(o, pos)) {
                int s = pos;
                pos += o.length();
                Tok t = new Tok(Kind.OP, o, line, s - lineStart, pos - lineStart, null);
                if ("([{".contains(o)) {
                    brackets.push(t);
                } else if (")]}".contains(o)) {
                    if (brackets.isEmpty()) {
                        throw error("unmatched '" + o + "'", line, s - lineStart);
                    }
                    Tok open = brackets.pop();
                    String want = switch (open.text()) {
                        case "(" -> ")";
                        case "[" -> "]";
                        default -> "}";
                    };
                    if (!want.equals(o)) {
                        throw error("closing parenthesis '" + o + "' does not match opening parenthesis '" + open.text() + "'",
                                line, s - lineStart);
                    }
                }
                out.add(t);
                return;
            }
        }
        char c = src.charAt(pos);
        if (c == '!' ) {
            throw error("invalid syntax", line, pos - lineStart);
        }
        throw error("invalid character '" + c + "' (U+" + String.format("%04X", (int) c) + ")", line, pos - lineStart);
    }

    private void add(Kind kind, String text, int s, int e, String prefix) {
        out.add(new Tok(kind, text, line, s - lineStart, e - lineStart, prefix));
    }

    List<String> lines() {
        return lines;
    }
}
