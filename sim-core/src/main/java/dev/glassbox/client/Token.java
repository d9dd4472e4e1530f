package dev.glassbox.client;

import java.util.ArrayList;
import java.util.List;

/** One lexical item inside a template action: {@code .A.B}, {@code $v}, {@code "text"}, {@code 3}, a name, {@code |}. */
record Token(Kind kind, String text) {
    enum Kind { FIELD, VAR, STRING, NUMBER, IDENT, PIPE, LPAREN, RPAREN, DECLARE, COMMA, CHAIN }

    boolean is(String ident) {
        return kind == Kind.IDENT && text.equals(ident);
    }

    @Override
    public String toString() {
        return kind == Kind.STRING ? GoText.quote(text) : "<" + text + ">";
    }

    static List<Token> lex(String s, int line) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '|' || c == '(' || c == ')' || c == ',') {
                out.add(new Token(c == '|' ? Kind.PIPE : c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : Kind.COMMA, "" + c));
                i++;
            } else if (c == ':' && s.startsWith(":=", i)) {
                out.add(new Token(Kind.DECLARE, ":="));
                i += 2;
            } else if (c == '"') {
                i = string(s, i, out, line);
            } else if (c == '`') {
                int end = s.indexOf('`', i + 1);
                if (end < 0) {
                    throw Template.error(line, "unterminated raw quoted string");
                }
                out.add(new Token(Kind.STRING, s.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '.' || c == '$') {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '.')) {
                    j++;
                }
                boolean chained = c == '.' && i > 0 && s.charAt(i - 1) == ')'; // (pipeline).Field: a field of the pipeline's value
                out.add(new Token(chained ? Kind.CHAIN : c == '.' ? Kind.FIELD : Kind.VAR, s.substring(i, j)));
                i = j;
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, j)));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Token(Kind.IDENT, s.substring(i, j)));
                i = j;
            } else {
                throw Template.error(line, "unexpected " + GoText.quote("" + c) + " in command");
            }
        }
        return out;
    }

    private static int string(String s, int i, List<Token> out, int line) {
        StringBuilder b = new StringBuilder();
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != '"') {
            char c = s.charAt(j);
            if (c == '\\' && j + 1 < s.length()) {
                char e = s.charAt(++j);
                b.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else {
                b.append(c);
            }
            j++;
        }
        if (j >= s.length()) {
            throw Template.error(line, "unterminated quoted string");
        }
        out.add(new Token(Kind.STRING, b.toString()));
        return j + 1;
    }
}
