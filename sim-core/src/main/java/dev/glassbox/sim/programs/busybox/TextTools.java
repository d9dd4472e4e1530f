package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.Printing;
import dev.glassbox.sim.programs.TestExpr;
import dev.glassbox.sim.programs.Tool;
import java.util.ArrayList;
import java.util.List;

/** Text applets: printf, test, tail, wc, cut, tr, tee, seq, yes (head is {@link Head}). */
final class TextTools {
    private TextTools() {}

    static int printf(Tool t) {
        if (t.args.isEmpty()) {
            t.io.err("Usage: printf FORMAT [ARGUMENT]...\n");
            return 1;
        }
        StringBuilder errors = new StringBuilder();
        Printing.Out out = Printing.printf(t.args.get(0), t.args.subList(1, t.args.size()), t.name, errors);
        t.out(out.text.toString());
        t.io.err(errors.toString());
        return out.failed ? 1 : 0;
    }

    static int test(Tool t, boolean bracket) {
        try {
            return TestExpr.run(t.sys, t.args, bracket);
        } catch (TestExpr.Failure f) {
            t.err(switch (f.kind) {
                case "missing ]" -> "missing ]";
                case "bad number" -> f.arg + ": bad number";
                default -> "syntax error";
            });
            return 2;
        }
    }

    /** Each file's text (or stdin), with busybox's message for the ones that cannot be read. */
    static List<String[]> inputs(Tool t, List<String> files) {
        List<String[]> out = new ArrayList<>();
        for (String f : files.isEmpty() ? List.of("-") : files) {
            try {
                out.add(new String[] {f, t.readInput(f)});
            } catch (SysError e) {
                t.err("can't open '" + f + "': " + e.getMessage());
                out.add(new String[] {f, null});
            }
        }
        return out;
    }

    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    static List<String> numericShorthand(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            out.add(a.matches("-\\d+") ? "-n" + a.substring(1) : a);
        }
        return out;
    }

    /**
     * Runs {@code body} on each input ({name, text}) that could be read, under a {@code ==> name <==} header when there
     * are several, as head and tail do; 1 if one could not be read (it said why), else 0.
     */
    static int eachInput(Tool t, List<String[]> in, java.util.function.Consumer<String[]> body) {
        int st = 0;
        for (String[] f : in) {
            if (f[1] == null) {
                st = 1;
                continue;
            }
            if (in.size() > 1) {
                t.outln((f == in.get(0) ? "" : "\n") + "==> " + f[0] + " <==");
            }
            body.accept(f);
        }
        return st;
    }

    static int tail(Tool t) {
        Opts o = Opts.parse("n:c:fFqs:v", numericShorthand(t.args));
        String spec = o.get('n', "10");
        if (o.operands.isEmpty() && t.io.in().isStream() && !spec.startsWith("+")) {
            StreamTail.run(t, Math.abs(Long.parseLong(spec)));
            return 0;
        }
        List<String[]> in = inputs(t, o.operands);
        int st = eachInput(t, in, f -> {
            if (!spec.startsWith("+") && endlessZeros(t, f[0])) {
                holdForever(t);
            }
            // tail keeps its last lines in memory until input ends: one endless line is all held at once
            t.sys.allocate(held(f[1], spec));
            List<String> lines = lines(f[1]);
            int from = spec.startsWith("+") ? Math.max(0, Integer.parseInt(spec.substring(1)) - 1)
                    : Math.max(0, lines.size() - Math.abs(Integer.parseInt(spec)));
            StringBuilder sb = new StringBuilder();
            for (int i = Math.min(from, lines.size()); i < lines.size(); i++) {
                sb.append(lines.get(i)).append('\n');
            }
            t.out(sb.toString());
        });
        if ((o.has('f') || o.has('F')) && !o.operands.isEmpty() && !o.operands.get(0).equals("-")) {
            follow(t, o.operands.get(o.operands.size() - 1), in.get(in.size() - 1)[1]);
        }
        return st;
    }

    /** Whether {@code file} is a device that reads as zeros without end (/dev/zero, /dev/full). */
    private static boolean endlessZeros(Tool t, String file) {
        try {
            if (file.equals("-") || t.sys.stat(file).kind() != dev.glassbox.sim.Sys.Stat.Kind.CHAR_DEVICE) {
                return false;
            }
            byte[] first = t.sys.read(file, 1);
            return first.length == 1 && first[0] == 0; // a memory device: /dev/urandom would give newlines now and then
        } catch (SysError e) {
            return false;
        }
    }

    /** Bytes tail reads between two growths of the line it holds. */
    private static final int HOLD_STEP = 4 << 20;

    /**
     * An endless input without a newline is one line that tail keeps whole: its memory grows, step by step,
     * until an OOM killer ends it (the container's memory limit, or the host's memory).
     */
    private static void holdForever(Tool t) {
        while (true) {
            t.sys.cpu();
            t.sys.allocate(HOLD_STEP);
        }
    }

    /** Bytes tail -n holds at the end of the input: its last N lines (from +N on, only a line at a time). */
    private static long held(String text, String spec) {
        if (spec.startsWith("+")) {
            return Math.min(text.length(), 4096);
        }
        int n = Math.abs(Integer.parseInt(spec));
        int at = text.length();
        if (at > 0 && text.charAt(at - 1) == '\n') {
            at--;
        }
        for (int i = 0; i < n && at > 0; i++) {
            at = text.lastIndexOf('\n', at - 1);
            if (at < 0) {
                return text.length();
            }
        }
        return text.length() - at;
    }

    /** tail -f: polls the file once a second and prints what was appended, until killed. */
    private static void follow(Tool t, String file, String seen) {
        int length = seen == null ? 0 : seen.length();
        while (true) {
            t.sys.sleep(1000);
            try {
                String now = t.sys.readText(file);
                if (now.length() < length) {
                    t.err(file + ": file truncated");
                    length = 0;
                }
                if (now.length() > length) {
                    t.out(now.substring(length));
                    length = now.length();
                }
            } catch (SysError e) {
                // the file went away; keep waiting for it as tail -F would
            }
        }
    }

    static int wc(Tool t) {
        Opts o = Opts.parse("lwcmL", t.args);
        boolean all = !o.has('l') && !o.has('w') && !o.has('c') && !o.has('m');
        long[] total = new long[3];
        int st = 0;
        List<String> in = o.operands.isEmpty() ? List.of("-") : o.operands;
        for (String f : in) {
            WordCount count = new WordCount();
            try {
                if (f.equals("-") && t.io.in().isStream()) {
                    for (String piece = t.io.in().read(); piece != null; piece = t.io.in().read()) {
                        count.add(piece); // counted as it comes: a pipe drains through wc
                    }
                } else {
                    count.add(t.readInput(f));
                }
            } catch (SysError e) {
                t.err("can't open '" + f + "': " + e.getMessage());
                st = 1;
                continue;
            }
            long[] c = count.counts();
            for (int i = 0; i < 3; i++) {
                total[i] += c[i];
            }
            t.outln(row(o, all, c) + (f.equals("-") ? "" : " " + f));
        }
        if (in.size() > 1) {
            t.outln(row(o, all, total) + " total");
        }
        return st;
    }

    private static String row(Opts o, boolean all, long[] c) {
        List<String> cols = new ArrayList<>();
        if (all || o.has('l')) {
            cols.add(Long.toString(c[0]));
        }
        if (all || o.has('w')) {
            cols.add(Long.toString(c[1]));
        }
        if (all || o.has('c') || o.has('m')) {
            cols.add(Long.toString(c[2]));
        }
        if (cols.size() == 1) {
            return cols.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (String col : cols) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%9s", col));
        }
        return sb.toString();
    }

    static int cut(Tool t) {
        Opts o = Opts.parse("d:f:c:b:sn", t.args);
        String list = o.get('f', o.get('c', o.get('b', null)));
        if (list == null) {
            return t.fail("expected a list of bytes, characters, or fields");
        }
        boolean fields = o.has('f');
        String delim = o.get('d', "\t");
        int st = 0;
        StringBuilder sb = new StringBuilder();
        for (String[] f : inputs(t, o.operands)) {
            if (f[1] == null) {
                st = 1;
                continue;
            }
            for (String line : lines(f[1])) {
                if (fields) {
                    if (!line.contains(delim)) {
                        if (!o.has('s')) {
                            sb.append(line).append('\n');
                        }
                        continue;
                    }
                    String[] parts = line.split(java.util.regex.Pattern.quote(delim), -1);
                    List<String> picked = new ArrayList<>();
                    for (int i = 0; i < parts.length; i++) {
                        if (selected(list, i + 1)) {
                            picked.add(parts[i]);
                        }
                    }
                    sb.append(String.join(delim, picked)).append('\n');
                } else {
                    StringBuilder l = new StringBuilder();
                    for (int i = 0; i < line.length(); i++) {
                        if (selected(list, i + 1)) {
                            l.append(line.charAt(i));
                        }
                    }
                    sb.append(l).append('\n');
                }
            }
        }
        t.out(sb.toString());
        return st;
    }

    private static boolean selected(String list, int n) {
        for (String r : list.split(",")) {
            String[] b = r.split("-", -1);
            int lo = b[0].isEmpty() ? 1 : Integer.parseInt(b[0]);
            int hi = b.length == 1 ? lo : b[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(b[1]);
            if (n >= lo && n <= hi) {
                return true;
            }
        }
        return false;
    }

    static int tr(Tool t) {
        Opts o = Opts.parse("dscC", t.args);
        if (o.operands.isEmpty()) {
            t.io.err("Usage: tr [-cds] STRING1 [STRING2]\n");
            return 1;
        }
        String set1 = set(o.operands.get(0));
        String set2 = o.operands.size() > 1 ? set(o.operands.get(1)) : "";
        boolean complement = o.has('c') || o.has('C');
        String in = t.stdin();
        StringBuilder sb = new StringBuilder();
        char last = 0;
        boolean hasLast = false;
        for (char c : in.toCharArray()) {
            boolean member = (set1.indexOf(c) >= 0) != complement;
            if (o.has('d') && member) {
                continue;
            }
            char out = c;
            if (!o.has('d') && member && !set2.isEmpty()) {
                int i = complement ? set2.length() - 1 : set1.indexOf(c);
                out = set2.charAt(Math.min(i, set2.length() - 1));
            }
            String squeeze = set2.isEmpty() || o.has('d') ? set1 : set2;
            if (o.has('s') && hasLast && out == last && squeeze.indexOf(out) >= 0) {
                continue;
            }
            sb.append(out);
            last = out;
            hasLast = true;
        }
        t.out(sb.toString());
        return 0;
    }

    private static String set(String spec) {
        spec = spec.replace("[:upper:]", "A-Z").replace("[:lower:]", "a-z").replace("[:digit:]", "0-9")
                .replace("[:alpha:]", "A-Za-z").replace("[:alnum:]", "A-Za-z0-9").replace("[:space:]", " \t\n\r\f\u000b")
                .replace("[:blank:]", " \t").replace("[:punct:]", "!-/:-@[-`{-~");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '\\' && i + 1 < spec.length()) {
                char e = spec.charAt(++i);
                c = switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e;
                };
            }
            if (i + 2 < spec.length() && spec.charAt(i + 1) == '-') {
                char end = spec.charAt(i + 2);
                for (char x = c; x <= end; x++) {
                    sb.append(x);
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** tee: opens its files first, then copies each piece of input to them and to stdout as it comes. */
    static int tee(Tool t) {
        Opts o = Opts.parse("ai", t.args);
        List<String> files = new ArrayList<>();
        int st = 0;
        for (String f : o.operands) {
            try {
                t.sys.writeText(f, "", o.has('a'));
                files.add(f);
            } catch (SysError e) {
                t.err(f + ": " + e.getMessage());
                st = 1;
            }
        }
        for (String piece = t.io.in().read(); piece != null; piece = t.io.in().read()) {
            for (String f : files) {
                t.sys.writeText(f, piece, true);
            }
            t.out(piece);
        }
        return st;
    }

    static int seq(Tool t) {
        Opts o = Opts.parse("s:w", t.args.stream().anyMatch(a -> a.matches("-\\d.*")) ? List.of() : t.args);
        List<String> ops = o.operands.isEmpty() ? t.args : o.operands;
        if (ops.isEmpty() || ops.size() > 3) {
            t.io.err("Usage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n");
            return 1;
        }
        double first = 1;
        double inc = 1;
        double last;
        try {
            last = Double.parseDouble(ops.get(ops.size() - 1));
            if (ops.size() > 1) {
                first = Double.parseDouble(ops.get(0));
            }
            if (ops.size() > 2) {
                inc = Double.parseDouble(ops.get(1));
            }
        } catch (NumberFormatException e) {
            return t.fail("invalid number");
        }
        boolean integers = ops.stream().noneMatch(s -> s.contains("."));
        String sep = o.get('s', "\n");
        int width = o.has('w') ? Long.toString((long) Math.max(Math.abs(first), Math.abs(last))).length() : 0;
        StringBuilder sb = new StringBuilder();
        int count = 0;
        for (double v = first; inc > 0 ? v <= last : v >= last; v += inc) {
            if (count++ > 0) {
                sb.append(sep);
            }
            String s = integers ? Long.toString((long) v) : Double.toString(v);
            sb.append(width > 0 ? String.format("%0" + width + "d", (long) v) : s);
            if (inc == 0) {
                break;
            }
            if (sb.length() >= 8192) { // written as stdio's buffer fills, so that a long run meets its pipe's reader as it goes
                t.out(sb.toString());
                sb.setLength(0);
            }
        }
        if (count > 0) {
            sb.append('\n');
        }
        t.out(sb.toString());
        return 0;
    }

    static int yes(Tool t) {
        String line = (t.args.isEmpty() ? "y" : String.join(" ", t.args)) + "\n";
        StringBuilder chunk = new StringBuilder();
        while (chunk.length() < 8192) {
            chunk.append(line);
        }
        String text = chunk.toString();
        while (true) { // never ends by itself: a signal, SIGPIPE once its reader has gone, or glassbox's limits end it
            t.out(text);
        }
    }
}
