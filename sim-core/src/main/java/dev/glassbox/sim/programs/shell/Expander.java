package dev.glassbox.sim.programs.shell;

import dev.glassbox.sim.programs.Globs;
import dev.glassbox.sim.programs.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Word expansion: tilde, parameters, command substitution, arithmetic, field splitting, pathnames, quote removal. */
final class Expander {
    private final Interp sh;

    Expander(Interp sh) {
        this.sh = sh;
    }

    /** A command's words as fields (split and globbed). */
    List<String> fields(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        for (String w : words) {
            if (plain(w)) {
                out.add(w);
                continue;
            }
            Fields f = new Fields();
            scan(w, f, true, true);
            f.finish();
            for (Field field : f.done) {
                boolean pattern = field.pattern() != null && !Globs.standsForItself(field.pattern(), field.text());
                List<String> matches = pattern ? Globs.expand(sh.sys, field.pattern()) : List.of();
                if (matches.isEmpty()) {
                    out.add(field.text());
                } else {
                    out.addAll(matches);
                }
            }
        }
        return out;
    }

    /**
     * Whether a word expands to itself: no quote, escape, expansion, tilde or pattern character in it. Most words of a
     * script are such ({@code echo}, {@code -f}, {@code ]}), and so is the test command {@code [}, a '[' that never
     * closes and so matches only the name it spells (see Globs.standsForItself).
     */
    static boolean plain(String w) {
        int n = w.length();
        if (n == 0 || w.charAt(0) == '~') {
            return false;
        }
        if (n == 1 && w.charAt(0) == '[') {
            return true;
        }
        for (int i = 0; i < n; i++) {
            switch (w.charAt(i)) {
                case '\'', '"', '\\', '$', '`', '*', '?', '[' -> {
                    return false;
                }
                default -> {
                }
            }
        }
        return true;
    }

    /** One string, no splitting or globbing: assignments, redirection targets, case words. */
    String string(String word) {
        Fields f = new Fields();
        scan(word, f, false, true);
        return f.text.toString();
    }

    /** A case or ${x#...} pattern: quoted characters are escaped so they match literally. */
    String pattern(String word) {
        Fields f = new Fields();
        scan(word, f, false, false);
        return f.pat.toString();
    }

    /** An unquoted here-document's body: $ and ` expand, quotes are ordinary characters. */
    String hereDoc(String body) {
        Fields f = new Fields();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && "$`\\\n".indexOf(body.charAt(i + 1)) >= 0) {
                if (body.charAt(i + 1) != '\n') {
                    f.ch(body.charAt(i + 1), true);
                }
                i += 2;
            } else if (c == '$') {
                i = dollar(body, i, f, true, false);
            } else if (c == '`') {
                i = backtick(body, i, f, true, false);
            } else {
                f.ch(c, true);
                i++;
            }
        }
        return f.text.toString();
    }

    private void scan(String w, Fields f, boolean split, boolean tilde) {
        int i = 0;
        int n = w.length();
        if (tilde && w.startsWith("~")) {
            int slash = w.indexOf('/');
            String user = w.substring(1, slash < 0 ? n : slash);
            String home = user.isEmpty() ? sh.param("HOME") : homeOf(user);
            if (home != null && user.matches("[A-Za-z0-9_.-]*")) {
                f.lit(home, true);
                i = 1 + user.length();
            }
        }
        while (i < n) {
            char c = w.charAt(i);
            switch (c) {
                case '\'' -> {
                    int j = w.indexOf('\'', i + 1);
                    if (j < 0) {
                        j = n;
                    }
                    f.keep = true;
                    f.lit(w.substring(i + 1, j), true);
                    i = j + 1;
                }
                case '"' -> i = doubleQuoted(w, i + 1, f, split);
                case '\\' -> {
                    if (i + 1 < n) {
                        f.ch(w.charAt(i + 1), true);
                        i += 2;
                    } else {
                        f.lit("\\", false);
                        i++;
                    }
                }
                case '$' -> i = dollar(w, i, f, false, split);
                case '`' -> i = backtick(w, i, f, false, split);
                default -> { // a run of plain characters, taken at once
                    int j = i + 1;
                    while (j < n && "'\"\\$`".indexOf(w.charAt(j)) < 0) {
                        j++;
                    }
                    f.lit(w.substring(i, j), false);
                    i = j;
                }
            }
        }
    }

    private String homeOf(String user) {
        Users u = new Users(sh.sys);
        int uid = u.uid(user);
        return uid < 0 ? null : u.home(uid);
    }

    private int doubleQuoted(String w, int i, Fields f, boolean split) {
        int close = Scan.doubleEnd(w, i);
        int end = close < 0 ? w.length() : close - 1;
        if (end - i == 2 && w.startsWith("$@", i) && sh.params.isEmpty()) {
            return end + 1;
        }
        f.keep = true;
        while (i < end) {
            char c = w.charAt(i);
            if (c == '\\' && i + 1 < end && "$`\"\\\n".indexOf(w.charAt(i + 1)) >= 0) {
                if (w.charAt(i + 1) != '\n') {
                    f.ch(w.charAt(i + 1), true);
                }
                i += 2;
            } else if (c == '$') {
                i = dollar(w, i, f, true, split);
            } else if (c == '`') {
                i = backtick(w, i, f, true, split);
            } else {
                f.ch(c, true);
                i++;
            }
        }
        return end + 1;
    }

    private int backtick(String w, int i, Fields f, boolean quoted, boolean split) {
        int end = Scan.backtickEnd(w, i + 1);
        if (end < 0) {
            end = w.length() + 1;
        }
        String inner = w.substring(i + 1, end - 1).replaceAll("\\\\([$`\\\\])", "$1");
        emit(f, sh.substitute(inner), quoted, split);
        return end;
    }

    private int dollar(String w, int i, Fields f, boolean quoted, boolean split) {
        if (i + 1 >= w.length()) {
            f.lit("$", quoted);
            return i + 1;
        }
        char c = w.charAt(i + 1);
        if (c == '(' || c == '{') {
            int end = Scan.dollarEnd(w, i);
            if (end < 0) {
                end = w.length() + 1;
            }
            if (c == '(' && w.startsWith("((", i + 1) && w.charAt(end - 2) == ')') {
                emit(f, sh.arith(string(w.substring(i + 3, end - 2))), quoted, split);
            } else if (c == '(') {
                emit(f, sh.substitute(w.substring(i + 2, end - 1)), quoted, split);
            } else {
                brace(w.substring(i + 2, end - 1), f, quoted, split);
            }
            return end;
        }
        if (c == '@' || c == '*') {
            params(c == '@', f, quoted, split);
            return i + 2;
        }
        if ("#?$!-0123456789".indexOf(c) >= 0) {
            emit(f, value(String.valueOf(c)), quoted, split);
            return i + 2;
        }
        if (Character.isLetter(c) || c == '_') {
            int j = i + 1;
            while (j < w.length() && (Character.isLetterOrDigit(w.charAt(j)) || w.charAt(j) == '_')) {
                j++;
            }
            emit(f, value(w.substring(i + 1, j)), quoted, split);
            return j;
        }
        f.lit("$", quoted);
        return i + 1;
    }

    private String value(String name) {
        String v = sh.param(name);
        return v == null ? "" : v;
    }

    private void params(boolean at, Fields f, boolean quoted, boolean split) {
        List<String> ps = sh.params;
        if (quoted && !at) {
            String ifs = sh.param("IFS");
            String sep = ifs == null ? " " : ifs.isEmpty() ? "" : ifs.substring(0, 1);
            f.lit(String.join(sep, ps), true);
            return;
        }
        for (int k = 0; k < ps.size(); k++) {
            if (k > 0) {
                if (quoted) {
                    f.end(true);
                    f.keep = true;
                } else if (split) {
                    f.end(false);
                } else {
                    f.lit(" ", false);
                }
            }
            emit(f, ps.get(k), quoted, split);
        }
    }


    /**
     * Where the parameter's name ends in {@code ${inner}}: a name ([A-Za-z_][A-Za-z0-9_]*), a number, or one of
     * {@code # ? $ ! @ * -}; 0 when none starts it.
     */
    static int nameEnd(String inner) {
        if (inner.isEmpty()) {
            return 0;
        }
        char c = inner.charAt(0);
        int i = 1;
        if (c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            while (i < inner.length() && isNameChar(inner.charAt(i))) {
                i++;
            }
            return i;
        }
        if (c >= '0' && c <= '9') {
            while (i < inner.length() && inner.charAt(i) >= '0' && inner.charAt(i) <= '9') {
                i++;
            }
            return i;
        }
        return "#?$!@*-".indexOf(c) >= 0 ? 1 : 0;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private void brace(String inner, Fields f, boolean quoted, boolean split) {
        if (inner.length() > 1 && inner.startsWith("#")) {
            String name = inner.substring(1);
            int len = name.equals("@") || name.equals("*") ? sh.params.size() : value(name).length();
            emit(f, Integer.toString(len), quoted, split);
            return;
        }
        int cut = nameEnd(inner);
        if (cut == 0) {
            sh.error(null, "${" + inner + "}: bad substitution");
            throw new Flow.Exit(2);
        }
        String name = inner.substring(0, cut);
        String op = inner.substring(cut);
        if ((name.equals("@") || name.equals("*")) && op.isEmpty()) {
            params(name.equals("@"), f, quoted, split);
            return;
        }
        String v = sh.param(name);
        emit(f, operate(name, v, op), quoted, split);
    }

    private String operate(String name, String v, String op) {
        if (op.isEmpty()) {
            return v == null ? "" : v;
        }
        boolean colon = op.startsWith(":") && op.length() > 1 && "-=+?".indexOf(op.charAt(1)) >= 0;
        String rest = colon ? op.substring(1) : op;
        boolean unset = v == null || (colon && v.isEmpty());
        char o = rest.charAt(0);
        String word = rest.substring(1);
        switch (o) {
            case '-':
                return unset ? string(word) : v;
            case '=':
                if (unset) {
                    v = string(word);
                    sh.setVar(name, v);
                }
                return v;
            case '+':
                return unset ? "" : string(word);
            case '?':
                if (unset) {
                    sh.error(null, name + ": " + (word.isEmpty() ? "parameter not set" : string(word)));
                    throw new Flow.Exit(sh.flavor == Flavor.BASH ? 1 : 2);
                }
                return v;
            case '#':
            case '%':
                return trim(v == null ? "" : v, rest);
            case ':':
                return substring(v == null ? "" : v, word);
            default:
                sh.error(null, "${" + name + op + "}: bad substitution");
                throw new Flow.Exit(2);
        }
    }

    private String trim(String v, String op) {
        boolean prefix = op.charAt(0) == '#';
        boolean longest = op.length() > 1 && op.charAt(1) == op.charAt(0);
        Pattern p = Globs.compile(pattern(op.substring(longest ? 2 : 1)));
        int n = v.length();
        for (int k = 0; k <= n; k++) {
            int len = longest ? n - k : k;
            String part = prefix ? v.substring(0, len) : v.substring(n - len);
            if (p.matcher(part).matches()) {
                return prefix ? v.substring(len) : v.substring(0, n - len);
            }
        }
        return v;
    }

    private String substring(String v, String spec) {
        String[] parts = spec.split(":", 2);
        int off = (int) Long.parseLong(sh.arith(parts[0].isBlank() ? "0" : parts[0]));
        if (off < 0) {
            off = Math.max(0, v.length() + off);
        }
        off = Math.min(off, v.length());
        if (parts.length < 2) {
            return v.substring(off);
        }
        int len = (int) Long.parseLong(sh.arith(parts[1]));
        int end = len < 0 ? v.length() + len : off + len;
        return end <= off ? "" : v.substring(off, Math.min(end, v.length()));
    }

    private void emit(Fields f, String v, boolean quoted, boolean split) {
        if (quoted) {
            f.lit(v, true);
        } else if (split) {
            f.split(v, sh.param("IFS") == null ? " \t\n" : sh.param("IFS"));
        } else {
            f.lit(v, false);
        }
    }

    /** A finished field: its text, and its glob pattern (quoted parts escaped) when it has unquoted metacharacters, else null. */
    private record Field(String text, String pattern) {}

    /** Fields being built: each keeps its text and its glob pattern (quoted parts escaped). */
    private static final class Fields {
        /** Most words make one field. */
        final List<Field> done = new ArrayList<>(1);
        StringBuilder text = new StringBuilder();
        StringBuilder pat = new StringBuilder();
        boolean keep;
        boolean glob;

        void lit(String s, boolean quoted) {
            text.append(s);
            if (quoted) {
                Globs.escapeInto(s, pat);
            } else {
                pat.append(s);
            }
            if (!quoted && Globs.hasMeta(s)) {
                glob = true;
            }
        }

        /** One character: what {@code lit(String.valueOf(c), quoted)} does, without making a string. */
        void ch(char c, boolean quoted) {
            text.append(c);
            if (quoted && Globs.escapes(c)) {
                pat.append('\\');
            }
            pat.append(c);
            if (!quoted && (c == '*' || c == '?' || c == '[')) {
                glob = true;
            }
        }

        void split(String s, String ifs) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (ifs.indexOf(c) < 0) {
                    ch(c, false);
                } else if (!Character.isWhitespace(c)) {
                    end(true);
                } else {
                    end(false);
                }
            }
        }

        void end(boolean force) {
            if (force || keep || text.length() > 0) {
                done.add(new Field(text.toString(), glob ? pat.toString() : null));
            }
            text = new StringBuilder();
            pat = new StringBuilder();
            keep = false;
            glob = false;
        }

        void finish() {
            end(false);
        }
    }
}
