package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Paths;
import dev.glassbox.sim.programs.Tool;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Filters: grep, sort, uniq. */
final class Filters {
    private Filters() {}

    static int grep(Tool t) {
        Opts o = Opts.parse("vicqnlLhHEFe:f:rRsowx", t.args);
        if (o.invalid(t)) {
            return 2;
        }
        List<String> ops = new ArrayList<>(o.operands);
        List<String> patterns = new ArrayList<>(o.all('e'));
        if (patterns.isEmpty()) {
            if (ops.isEmpty()) {
                t.io.err("Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n");
                return 2;
            }
            patterns.add(ops.remove(0));
        }
        boolean fixed = o.has('F') || t.name.equals("fgrep");
        boolean extended = o.has('E') || t.name.equals("egrep");
        List<Pattern> res = new ArrayList<>();
        try {
            for (String p : patterns) {
                String re = fixed ? Pattern.quote(p) : extended ? ere(p) : bre(p);
                if (o.has('w')) {
                    re = "\\b(?:" + re + ")\\b";
                }
                if (o.has('x')) {
                    re = "^(?:" + re + ")$";
                }
                res.add(Pattern.compile(re, o.has('i') ? Pattern.CASE_INSENSITIVE : 0));
            }
        } catch (PatternSyntaxException e) {
            t.err("bad regex '" + patterns.get(0) + "'");
            return 2;
        }
        boolean recursive = o.has('r') || o.has('R');
        if (recursive && ops.isEmpty()) {
            ops.add(".");
        }
        List<String> files = new ArrayList<>();
        boolean error = false;
        for (String f : ops.isEmpty() ? List.of("-") : ops) {
            if (recursive && FileTools.isDir(t.sys, f)) {
                walk(t.sys, f, files);
            } else {
                files.add(f);
            }
        }
        boolean names = !o.has('h') && (o.has('H') || files.size() > 1 || recursive);
        boolean any = false;
        for (String f : files) {
            String text;
            try {
                text = f.equals("-") ? t.stdin() : t.sys.readText(f);
            } catch (SysError e) {
                if (!o.has('s')) {
                    t.err(f + ": " + e.getMessage());
                }
                error = true;
                continue;
            }
            String label = f.equals("-") ? "(standard input)" : f;
            int count = 0;
            StringBuilder sb = new StringBuilder();
            List<String> lines = TextTools.lines(text);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                boolean hit = false;
                for (Pattern p : res) {
                    Matcher m = p.matcher(line);
                    if (m.find()) {
                        hit = true;
                        if (o.has('o') && !o.has('v')) {
                            do {
                                sb.append(names ? label + ":" : "").append(o.has('n') ? (i + 1) + ":" : "")
                                        .append(m.group()).append('\n');
                            } while (m.find());
                        }
                    }
                }
                if (hit == o.has('v')) {
                    continue;
                }
                count++;
                if (!o.has('o') || o.has('v')) {
                    sb.append(names ? label + ":" : "").append(o.has('n') ? (i + 1) + ":" : "").append(line).append('\n');
                }
            }
            any |= count > 0;
            if (o.has('q')) {
                if (any) {
                    return 0;
                }
                continue;
            }
            if (o.has('l')) {
                if (count > 0) {
                    t.outln(label);
                }
            } else if (o.has('L')) {
                if (count == 0) {
                    t.outln(label);
                }
            } else if (o.has('c')) {
                t.outln((names ? label + ":" : "") + count);
            } else {
                t.out(sb.toString());
            }
        }
        return error && !o.has('q') ? 2 : any ? 0 : 1;
    }

    private static void walk(Sys sys, String dir, List<String> out) {
        for (Sys.DirEntry e : sys.readdir(dir)) {
            if (e.name().equals(".") || e.name().equals("..")) {
                continue;
            }
            String p = Paths.join(dir, e.name());
            if (FileTools.isDir(sys, p)) {
                walk(sys, p, out);
            } else {
                out.add(p);
            }
        }
    }

    /** A POSIX basic regular expression in Java's syntax: \( \) \{ \} \| \+ \? are the operators. */
    static String bre(String p) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                char n = p.charAt(++i);
                if ("(){}|+?".indexOf(n) >= 0) {
                    sb.append(n);
                } else if (n == '<' || n == '>') {
                    sb.append("\\b");
                } else {
                    sb.append('\\').append(n);
                }
            } else if ("(){}|+?".indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else if (c == '*' && (i == 0 || (i == 1 && p.charAt(0) == '^'))) {
                sb.append("\\*");
            } else if (c == '[') {
                int end = classEnd(p, i);
                sb.append(bracket(p.substring(i, end)));
                i = end - 1;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String ere(String p) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length() && (p.charAt(i + 1) == '<' || p.charAt(i + 1) == '>')) {
                sb.append("\\b");
                i++;
            } else if (c == '[') {
                int end = classEnd(p, i);
                sb.append(bracket(p.substring(i, end)));
                i = end - 1;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int classEnd(String p, int i) {
        int j = i + 1;
        if (j < p.length() && p.charAt(j) == '^') {
            j++;
        }
        if (j < p.length() && p.charAt(j) == ']') {
            j++;
        }
        while (j < p.length() && p.charAt(j) != ']') {
            j += p.startsWith("[:", j) ? Math.max(1, p.indexOf(":]", j) + 2 - j) : 1;
        }
        return Math.min(j + 1, p.length());
    }

    private static String bracket(String cls) {
        return cls.replace("[:alpha:]", "\\p{Alpha}").replace("[:digit:]", "\\d").replace("[:alnum:]", "\\p{Alnum}")
                .replace("[:space:]", "\\s").replace("[:upper:]", "\\p{Upper}").replace("[:lower:]", "\\p{Lower}")
                .replace("[:punct:]", "\\p{Punct}").replace("[:xdigit:]", "\\p{XDigit}").replace("[:blank:]", " \\t");
    }

    static int sort(Tool t) {
        Opts o = Opts.parse("rnufVbsk:t:ho:", t.args);
        List<String> lines = new ArrayList<>();
        int st = 0;
        for (String[] f : TextTools.inputs(t, o.operands)) {
            if (f[1] == null) {
                st = 2;
            } else {
                lines.addAll(TextTools.lines(f[1]));
            }
        }
        String sep = o.get('t', null);
        String key = o.get('k', null);
        Comparator<String> c;
        if (o.has('n') || o.has('h')) {
            c = Comparator.comparingDouble(s -> number(field(s, key, sep)));
        } else if (o.has('V')) {
            c = (a, b) -> version(field(a, key, sep), field(b, key, sep));
        } else if (o.has('f')) {
            c = Comparator.comparing(s -> field(s, key, sep), String.CASE_INSENSITIVE_ORDER);
        } else {
            c = Comparator.comparing(s -> field(s, key, sep));
        }
        Comparator<String> primary = c;
        if (!o.has('s') && !o.has('u')) {
            c = c.thenComparing(Comparator.naturalOrder());
        }
        lines.sort(o.has('r') ? c.reversed() : c);
        StringBuilder sb = new StringBuilder();
        String prev = null;
        for (String l : lines) {
            if (o.has('u') && prev != null && primary.compare(prev, l) == 0) {
                continue;
            }
            sb.append(l).append('\n');
            prev = l;
        }
        if (o.has('o')) {
            t.sys.writeText(o.get('o', ""), sb.toString(), false);
        } else {
            t.out(sb.toString());
        }
        return st;
    }

    private static String field(String line, String key, String sep) {
        if (key == null) {
            return line;
        }
        String[] kb = key.split(",");
        int from = Integer.parseInt(kb[0].replaceAll("\\D.*", "")) - 1;
        int to = kb.length > 1 ? Integer.parseInt(kb[1].replaceAll("\\D.*", "")) - 1 : Integer.MAX_VALUE;
        String[] parts = sep == null ? line.trim().split("\\s+") : line.split(Pattern.quote(sep), -1);
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < parts.length && i <= to; i++) {
            sb.append(i > from ? (sep == null ? " " : sep) : "").append(parts[i]);
        }
        return sb.toString();
    }

    private static double number(String s) {
        Matcher m = Pattern.compile("^\\s*(-?\\d+(\\.\\d+)?)([KMGT]?)").matcher(s);
        if (!m.find()) {
            return 0;
        }
        double v = Double.parseDouble(m.group(1));
        return v * Math.pow(1024, "KMGT".indexOf(m.group(3).isEmpty() ? "x" : m.group(3)) + 1);
    }

    static int version(String a, String b) {
        Matcher x = Pattern.compile("\\d+|\\D+").matcher(a);
        Matcher y = Pattern.compile("\\d+|\\D+").matcher(b);
        while (true) {
            boolean hx = x.find();
            boolean hy = y.find();
            if (!hx || !hy) {
                return hx ? 1 : hy ? -1 : 0;
            }
            String p = x.group();
            String q = y.group();
            int c = Character.isDigit(p.charAt(0)) && Character.isDigit(q.charAt(0))
                    ? new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
    }

    static int uniq(Tool t) {
        Opts o = Opts.parse("cdui", t.args);
        List<String[]> in = TextTools.inputs(t, o.operands.isEmpty() ? List.of() : o.operands.subList(0, 1));
        if (in.get(0)[1] == null) {
            return 1;
        }
        List<String> lines = TextTools.lines(in.get(0)[1]);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size();) {
            int j = i + 1;
            while (j < lines.size() && (o.has('i') ? lines.get(j).equalsIgnoreCase(lines.get(i)) : lines.get(j).equals(lines.get(i)))) {
                j++;
            }
            int n = j - i;
            if ((!o.has('d') || n > 1) && (!o.has('u') || n == 1)) {
                sb.append(o.has('c') ? String.format("%7d ", n) : "").append(lines.get(i)).append('\n');
            }
            i = j;
        }
        if (o.operands.size() > 1) {
            t.sys.writeText(o.operands.get(1), sb.toString(), false);
        } else {
            t.out(sb.toString());
        }
        return 0;
    }
}
