package dev.glassbox.sim.programs.shell;

/** Finds where quoted strings and $-constructs end, for both the lexer and the expander. Returns -1 if unterminated. */
final class Scan {
    private Scan() {}

    static boolean isMeta(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == '<'
                || c == '>' || c == '(' || c == ')';
    }

    /** The end of a word starting at {@code i}. */
    static int wordEnd(String s, int i) {
        while (i < s.length() && !isMeta(s.charAt(i))) {
            i = skipOne(s, i);
            if (i < 0) {
                return -1;
            }
        }
        return i;
    }

    /** Skips one character or one quoted/dollar construct starting at {@code i}. */
    static int skipOne(String s, int i) {
        char c = s.charAt(i);
        switch (c) {
            case '\\':
                return Math.min(i + 2, s.length());
            case '\'': {
                int j = s.indexOf('\'', i + 1);
                return j < 0 ? -1 : j + 1;
            }
            case '"':
                return doubleEnd(s, i + 1);
            case '`':
                return backtickEnd(s, i + 1);
            case '$':
                return dollarEnd(s, i);
            default:
                return i + 1;
        }
    }

    /** Index after the closing double quote; {@code i} is just past the opening one. */
    static int doubleEnd(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i += 2;
            } else if (c == '$' || c == '`') {
                i = c == '$' ? dollarEnd(s, i) : backtickEnd(s, i + 1);
                if (i < 0) {
                    return -1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    static int backtickEnd(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '`') {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Index after a $-construct at {@code i} ({@code s.charAt(i) == '$'}). */
    static int dollarEnd(String s, int i) {
        if (i + 1 >= s.length()) {
            return i + 1;
        }
        char c = s.charAt(i + 1);
        if (c == '(') {
            return closing(s, i + 2, '(', ')');
        }
        if (c == '{') {
            return closing(s, i + 2, '{', '}');
        }
        return i + 1;
    }

    /** Index after the bracket closing an open one, skipping nested quotes and constructs. */
    static int closing(String s, int i, char open, char close) {
        int depth = 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == close && --depth == 0) {
                return i + 1;
            }
            if (c == open) {
                depth++;
                i++;
            } else if (c == '\\' || c == '\'' || c == '"' || c == '`' || c == '$') {
                i = skipOne(s, i);
                if (i < 0) {
                    return -1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }
}
