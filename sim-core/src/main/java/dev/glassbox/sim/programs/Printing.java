package dev.glassbox.sim.programs;

import java.util.List;

/** echo and printf, shared by the shells' builtins and the applets. */
public final class Printing {
    private Printing() {}

    /** Set when an escape sequence said to stop output ({@code \c}). */
    public static final class Out {
        public final StringBuilder text = new StringBuilder();
        boolean stop;
        public boolean failed;
    }

    /** busybox/bash echo: -n, -e, -E; escapes only with -e. dash: only -n, escapes always. */
    public static String echo(List<String> args, boolean alwaysEscapes) {
        boolean newline = true;
        boolean escapes = alwaysEscapes;
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            String allowed = alwaysEscapes ? "n" : "neE";
            if (a.length() < 2 || a.charAt(0) != '-' || !a.substring(1).chars().allMatch(c -> allowed.indexOf(c) >= 0)) {
                break;
            }
            for (char c : a.substring(1).toCharArray()) {
                if (c == 'n') {
                    newline = false;
                } else {
                    escapes = c == 'e';
                }
            }
            i++;
        }
        Out out = new Out();
        for (int k = i; k < args.size() && !out.stop; k++) {
            if (k > i) {
                out.text.append(' ');
            }
            if (escapes) {
                escapes(args.get(k), out, true);
            } else {
                out.text.append(args.get(k));
            }
        }
        if (newline && !out.stop) {
            out.text.append('\n');
        }
        return out.text.toString();
    }

    /** Interprets backslash escapes; {@code echoStyle} means octal is written \0NNN. */
    static void escapes(String s, Out out, boolean echoStyle) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.text.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.text.append('\n');
                case 't' -> out.text.append('\t');
                case 'r' -> out.text.append('\r');
                case 'a' -> out.text.append('\u0007');
                case 'b' -> out.text.append('\b');
                case 'f' -> out.text.append('\f');
                case 'v' -> out.text.append('\u000b');
                case 'e' -> out.text.append('\u001b');
                case '\\' -> out.text.append('\\');
                case 'c' -> {
                    out.stop = true;
                    return;
                }
                case 'x' -> {
                    int j = i + 1;
                    while (j < s.length() && j < i + 3 && Character.digit(s.charAt(j), 16) >= 0) {
                        j++;
                    }
                    if (j == i + 1) {
                        out.text.append("\\x");
                    } else {
                        out.text.append((char) Integer.parseInt(s.substring(i + 1, j), 16));
                        i = j - 1;
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int start = echoStyle && e == '0' ? i + 1 : i;
                        int j = start;
                        while (j < s.length() && j < start + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                            j++;
                        }
                        out.text.append(j == start ? '\0' : (char) Integer.parseInt(s.substring(start, j), 8));
                        i = j - 1;
                    } else if (e == '"' && !echoStyle) {
                        out.text.append('"');
                    } else {
                        out.text.append('\\').append(e);
                    }
                }
            }
        }
    }

    /** printf(1): the output, with errors (invalid numbers) appended to {@code errors}. */
    public static Out printf(String format, List<String> args, String name, StringBuilder errors) {
        Out out = new Out();
        int next = 0;
        do {
            int before = next;
            next = once(format, args, next, out, name, errors);
            if (next == before) {
                break;
            }
        } while (next < args.size() && !out.stop);
        return out;
    }

    private static int once(String f, List<String> args, int next, Out out, String name, StringBuilder errors) {
        for (int i = 0; i < f.length() && !out.stop; i++) {
            char c = f.charAt(i);
            if (c == '\\') {
                int j = i + 1;
                if (j < f.length() && f.charAt(j) >= '0' && f.charAt(j) <= '7') {
                    while (j < f.length() && j < i + 4 && f.charAt(j) >= '0' && f.charAt(j) <= '7') {
                        j++;
                    }
                } else {
                    j = Math.min(i + 2, f.length());
                }
                escapes(f.substring(i, j), out, false);
                i = j - 1;
                continue;
            }
            if (c != '%' || i + 1 >= f.length()) {
                out.text.append(c);
                continue;
            }
            if (f.charAt(i + 1) == '%') {
                out.text.append('%');
                i++;
                continue;
            }
            int j = i + 1;
            StringBuilder spec = new StringBuilder("%");
            while (j < f.length() && "-+ #0".indexOf(f.charAt(j)) >= 0) {
                spec.append(f.charAt(j++));
            }
            while (j < f.length() && (Character.isDigit(f.charAt(j)) || f.charAt(j) == '.' || f.charAt(j) == '*')) {
                if (f.charAt(j) == '*') {
                    spec.append(next < args.size() ? args.get(next++) : "0");
                } else {
                    spec.append(f.charAt(j));
                }
                j++;
            }
            while (j < f.length() && "hlLqjzt".indexOf(f.charAt(j)) >= 0) {
                j++;
            }
            if (j >= f.length()) {
                out.text.append(f.substring(i));
                break;
            }
            char conv = f.charAt(j);
            String arg = next < args.size() ? args.get(next++) : null;
            try {
                convert(conv, spec.toString(), arg, out, name, errors);
            } catch (java.util.IllegalFormatException e) {
                out.text.append(arg == null ? "" : arg);
            }
            i = j;
        }
        return next;
    }

    private static void convert(char conv, String spec, String arg, Out out, String name, StringBuilder errors) {
        switch (conv) {
            case 's' -> out.text.append(String.format(spec + "s", arg == null ? "" : arg));
            case 'b' -> {
                Out sub = new Out();
                escapes(arg == null ? "" : arg, sub, true);
                out.text.append(String.format(spec + "s", sub.text));
                out.stop = sub.stop;
            }
            case 'c' -> out.text.append(arg == null || arg.isEmpty() ? "" : arg.substring(0, 1));
            case 'd', 'i', 'u' -> out.text.append(String.format(spec + "d", number(arg, name, out, errors)));
            case 'o', 'x', 'X' -> out.text.append(String.format(spec + conv, number(arg, name, out, errors)));
            case 'e', 'E', 'f', 'F', 'g', 'G' -> {
                double d = 0;
                try {
                    d = arg == null ? 0 : Double.parseDouble(arg);
                } catch (NumberFormatException e) {
                    errors.append(name).append(": invalid number '").append(arg).append("'\n");
                    out.failed = true;
                }
                out.text.append(String.format(spec + (conv == 'F' ? 'f' : conv), d));
            }
            default -> out.text.append(spec).append(conv);
        }
    }

    private static long number(String arg, String name, Out out, StringBuilder errors) {
        if (arg == null || arg.isEmpty()) {
            return 0;
        }
        if (arg.startsWith("'") || arg.startsWith("\"")) {
            return arg.length() > 1 ? arg.charAt(1) : 0;
        }
        try {
            return Arith.number(arg.startsWith("+") ? arg.substring(1) : arg.trim());
        } catch (Arith.Failure e) {
            errors.append(name).append(": invalid number '").append(arg).append("'\n");
            out.failed = true;
            return 0;
        }
    }
}
