package dev.glassbox.sim.programs;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Shell patterns (* ? [...]) where a backslash makes the next character literal. */
public final class Globs {
    private Globs() {}

    public static boolean hasMeta(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    static String unescape(String pattern) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                c = pattern.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    public static String escape(String literal) {
        int n = literal.length();
        int i = 0;
        while (i < n && !escapes(literal.charAt(i))) {
            i++;
        }
        if (i == n) {
            return literal; // most literals have nothing to escape
        }
        StringBuilder sb = new StringBuilder(n + 4);
        escapeInto(literal, sb);
        return sb.toString();
    }

    /** Appends {@code literal} to {@code out} as {@link #escape} would make it, without a string between. */
    public static void escapeInto(CharSequence literal, StringBuilder out) {
        for (int i = 0, n = literal.length(); i < n; i++) {
            char c = literal.charAt(i);
            if (escapes(c)) {
                out.append('\\');
            }
            out.append(c);
        }
    }

    /** Whether {@link #escape} puts a backslash before {@code c}: a pattern character, or the escape itself. */
    public static boolean escapes(char c) {
        return c == '*' || c == '?' || c == '[' || c == ']' || c == '\\';
    }

    public static String toRegex(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int end = pattern.indexOf(']', i + 2);
                if (end < 0) {
                    re.append("\\[");
                    continue;
                }
                String set = pattern.substring(i + 1, end);
                if (set.startsWith("!") || set.startsWith("^")) {
                    set = "^" + set.substring(1);
                }
                re.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = end;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    public static boolean matches(String pattern, String text) {
        return compile(pattern).matcher(text).matches();
    }

    private static final int CACHED = 256;
    /** Compiled patterns by glob text, the least recently used dropped past {@link #CACHED} (a Pattern is immutable). */
    private static final Map<String, Pattern> COMPILED = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHED;
        }
    });

    /** The glob as a regular expression matching a whole string ('.' matches newlines too). */
    public static Pattern compile(String pattern) {
        Pattern p = COMPILED.get(pattern);
        if (p == null) {
            p = Pattern.compile(toRegex(pattern), Pattern.DOTALL);
            COMPILED.put(pattern, p);
        }
        return p;
    }

    /** Pathname expansion: the sorted matching paths, or an empty list when nothing matches. */
    public static List<String> expand(Sys sys, String pattern) {
        List<String> found = new ArrayList<>();
        boolean absolute = pattern.startsWith("/");
        List<String> parts = Sys.pathNames(pattern);
        List<String> current = new ArrayList<>();
        current.add(absolute ? "/" : "");
        boolean listed = false; // whether the last component came from reading its directory: then it exists
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            List<String> next = new ArrayList<>();
            listed = hasMeta(part) && !matchesOnlyItself(part);
            for (String base : current) {
                if (!listed) {
                    next.add(join(base, unescape(part)));
                    continue;
                }
                List<String> names = new ArrayList<>();
                try {
                    for (Sys.DirEntry e : sys.readdir(base.isEmpty() ? "." : base)) {
                        String n = e.name();
                        if (n.equals(".") || n.equals("..") || (n.startsWith(".") && !part.startsWith("."))) {
                            continue;
                        }
                        if (matches(part, n)) {
                            names.add(n);
                        }
                    }
                } catch (SysError e) {
                    continue;
                }
                names.sort(null);
                for (String n : names) {
                    next.add(join(base, n));
                }
            }
            current = next;
        }
        if (listed) {
            return current;
        }
        for (String p : current) {
            if (sys.lexists(p)) { // else a literal component that does not exist: no match
                found.add(p);
            }
        }
        return found;
    }

    /**
     * Whether pathname expansion of {@code pattern} can only give {@code text} back: no component is a pattern that
     * needs a directory read (see matchesOnlyItself), and the path joined from the components is {@code text}
     * itself. Expansion would then find that path or nothing, and the word stays {@code text} either way, so the
     * shell need not look (the test command {@code [} is such a word, in every loop of every script).
     */
    public static boolean standsForItself(String pattern, String text) {
        String joined = pattern.startsWith("/") ? "/" : "";
        for (String part : Sys.pathNames(pattern)) {
            if (hasMeta(part) && !matchesOnlyItself(part)) {
                return false;
            }
            joined = join(joined, unescape(part));
        }
        return joined.equals(text);
    }

    /**
     * A component whose only metacharacter is a '[' that never closes (the test command {@code [}) matches
     * just the name it spells, so looking that name up finds what reading the directory would. Not for a
     * name starting with '.' that the pattern does not show as one (it would be hidden from the listing).
     */
    private static boolean matchesOnlyItself(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?') {
                return false;
            } else if (c == '[' && part.indexOf(']', i + 2) >= 0) {
                return false;
            }
        }
        return part.startsWith(".") || !unescape(part).startsWith(".");
    }

    private static String join(String base, String name) {
        if (base.isEmpty()) {
            return name;
        }
        return base.endsWith("/") ? base + name : base + "/" + name;
    }
}
