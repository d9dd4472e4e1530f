package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.Tool;
import java.util.List;

/** head: the first lines or bytes of its input; from a pipe it reads what it needs and no more, then ends. */
final class Head {
    private Head() {}

    static int head(Tool t) {
        Opts o = Opts.parse("n:c:qv", TextTools.numericShorthand(t.args));
        long n = Long.parseLong(o.get('n', "10"));
        if (o.has('c')) {
            return headBytes(t, Long.parseLong(o.get('c', "0")), o.operands);
        }
        if (o.operands.isEmpty() && t.io.in().isStream()) {
            return headStream(t, n);
        }
        return TextTools.eachInput(t, TextTools.inputs(t, o.operands), f -> t.out(firstLines(f[1], n)));
    }

    /** Standard input a writer still feeds (a pipe): head reads the lines it needs and no more, then ends. */
    private static int headStream(Tool t, long n) {
        StringBuilder sb = new StringBuilder();
        String line;
        for (long i = 0; i < n && (line = t.io.in().readLine()) != null; i++) {
            sb.append(line).append('\n');
            if (sb.length() >= 8192) {
                t.out(sb.toString());
                sb.setLength(0);
            }
        }
        t.out(sb.toString());
        return 0;
    }

    /** The first {@code n} lines of {@code text}, each ended by a newline, without splitting the rest into lines. */
    static String firstLines(String text, long n) {
        int end = 0;
        for (long i = 0; i < n && end < text.length(); i++) {
            int nl = text.indexOf('\n', end);
            end = nl < 0 ? text.length() : nl + 1;
        }
        String head = text.substring(0, end);
        return head.isEmpty() || head.endsWith("\n") ? head : head + "\n";
    }

    /** head -c N: reads at most N bytes of each file, so an endless device like /dev/zero works. */
    private static int headBytes(Tool t, long count, List<String> files) {
        int st = 0;
        for (String f : files.isEmpty() ? List.of("-") : files) {
            try {
                if (f.equals("-") && t.io.in().isStream()) {
                    copyBytes(t, count);
                    continue;
                }
                String text = f.equals("-") ? t.readInput(f)
                        : new String(t.sys.read(f, count), java.nio.charset.StandardCharsets.ISO_8859_1);
                t.out(text.substring(0, (int) Math.min(text.length(), count)));
            } catch (SysError e) {
                t.err("can't open '" + f + "': " + e.getMessage());
                st = 1;
            }
        }
        return st;
    }

    /** head -c N of a stream: reads until it has N bytes or the input ends, leaving the rest unread. */
    private static void copyBytes(Tool t, long count) {
        long left = count;
        String piece;
        while (left > 0 && (piece = t.io.in().read((int) Math.min(left, 1 << 16))) != null) {
            t.out(piece);
            left -= piece.length();
        }
    }
}
