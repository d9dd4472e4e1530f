package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.programs.python.Lexer.Tok;

/** String literal escapes, read as CPython reads them. */
final class Strings {
    private Strings() {}

    static String unescape(String body, boolean raw, Tok t) {
        if (raw || body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                sb.append(c);
                continue;
            }
            char n = body.charAt(++i);
            switch (n) {
                case '\n' -> { }
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '0' -> sb.append('\0');
                case 'a' -> sb.append('\007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\013');
                case '\\', '\'', '"' -> sb.append(n);
                case 'x', 'u', 'U' -> {
                    int len = n == 'x' ? 2 : n == 'u' ? 4 : 8;
                    if (i + len > body.length() - 1) {
                        throw bad(t, n);
                    }
                    try {
                        sb.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 1 + len), 16));
                    } catch (RuntimeException e) {
                        throw bad(t, n);
                    }
                    i += len;
                }
                default -> sb.append('\\').append(n);
            }
        }
        return sb.toString();
    }

    private static PySyntaxError bad(Tok t, char n) {
        String what = n == 'x' ? "truncated \\xXX escape" : n == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
        return new PySyntaxError("(unicode error) 'unicodeescape' codec can't decode bytes: " + what, t.line(), t.col() + 1,
                t.end() + 1);
    }
}
