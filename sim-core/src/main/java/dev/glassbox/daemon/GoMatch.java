package dev.glassbox.daemon;

import java.util.regex.Pattern;

/** Go's filepath.Match on slash-separated paths: {@code *} and {@code ?} stop at {@code /}, {@code [a-z]} and {@code [^a]} classes, {@code \} escapes. */
public final class GoMatch {
    private GoMatch() {}

    public static boolean hasMeta(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0 || pattern.indexOf('\\') >= 0;
    }

    public static boolean matches(String pattern, String path) {
        return regex(pattern).matcher(path).matches();
    }

    /** The pattern as a Java regex; {@code **} as docker's patternmatcher reads it (any number of directories) when {@code doubleStar}. */
    public static Pattern regex(String pattern, boolean doubleStar) {
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            switch (ch) {
                case '*' -> {
                    if (doubleStar && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                            i++;
                            r.append("(?:.*/)?");
                        } else {
                            r.append(".*");
                        }
                    } else {
                        r.append("[^/]*");
                    }
                }
                case '?' -> r.append("[^/]");
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        r.append("\\[");
                    } else {
                        String cls = pattern.substring(i + 1, end);
                        r.append('[').append(cls.startsWith("^") ? "^" + cls.substring(1).replace("\\", "\\\\") : cls.replace("\\", "\\\\")).append(']');
                        i = end;
                    }
                }
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        r.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                default -> r.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(r.toString());
    }

    static Pattern regex(String pattern) {
        return regex(pattern, false);
    }
}
