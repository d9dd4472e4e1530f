package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.programs.python.Ast.*;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints an uncaught exception as CPython 3.12's default hook does: the chain of causes and contexts, each
 * {@code Traceback (most recent call last):} with its frames (the source line and, where the failing part
 * is less than the whole line, the {@code ~~^~~} markers), three repeats of a recursing frame then a count,
 * and the {@code Type: message} line.
 */
final class Traceback {
    /** One frame of a traceback: where it was when the exception passed through it. */
    record Entry(Frame frame, Source src, String name, Object node) {}

    private Traceback() {}

    static String format(Interp in, PyObject exc) {
        StringBuilder sb = new StringBuilder();
        chain(in, exc, sb, new ArrayList<>());
        return sb.toString();
    }

    private static void chain(Interp in, PyObject exc, StringBuilder sb, List<PyObject> seen) {
        seen.add(exc);
        if (exc.cause != null && !seen.contains(exc.cause)) {
            chain(in, exc.cause, sb, seen);
            sb.append("\nThe above exception was the direct cause of the following exception:\n\n");
        } else if (exc.context != null && !exc.suppressContext && !seen.contains(exc.context)) {
            chain(in, exc.context, sb, seen);
            sb.append("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
        if (!exc.tb.isEmpty()) {
            sb.append("Traceback (most recent call last):\n");
            frames(exc.tb, sb);
        }
        sb.append(line(in, exc));
    }

    static String line(Interp in, PyObject exc) {
        String type = exc.cls.module.equals("builtins") || exc.cls.module.equals("__main__") ? exc.cls.name
                : exc.cls.module + "." + exc.cls.name;
        String msg;
        try {
            msg = Format.str(in, exc);
        } catch (PyException e) {
            msg = "<exception str() failed>";
        }
        msg += Suggestions.hint(exc);
        return type + (msg.isEmpty() ? "" : ": " + msg) + "\n";
    }

    private static void frames(List<Entry> tb, StringBuilder sb) {
        String last = null;
        int repeats = 0;
        for (int i = tb.size() - 1; i >= 0; i--) {
            Entry e = tb.get(i);
            String text = entry(e);
            String key = e.src().file() + ":" + line(e) + ":" + e.name();
            if (key.equals(last)) {
                repeats++;
                if (repeats >= 3) {
                    continue;
                }
            } else {
                flushRepeats(sb, repeats);
                repeats = 0;
                last = key;
            }
            sb.append(text);
        }
        flushRepeats(sb, repeats);
    }

    private static void flushRepeats(StringBuilder sb, int repeats) {
        if (repeats >= 3) {
            int more = repeats - 2;
            sb.append("  [Previous line repeated ").append(more).append(" more time").append(more == 1 ? "" : "s").append("]\n");
        }
    }

    private static int line(Entry e) {
        Pos p = pos(e.node());
        return p == null ? 1 : p.line();
    }

    static Pos pos(Object node) {
        if (node instanceof Expr x) {
            return x.pos();
        } else if (node instanceof Stmt s) {
            return s.pos();
        } else {
            return null;
        }
    }

    private static String entry(Entry e) {
        Pos p = pos(e.node());
        int ln = p == null ? 1 : p.line();
        StringBuilder sb = new StringBuilder("  File \"").append(e.src().file()).append("\", line ").append(ln).append(", in ")
                .append(e.name()).append('\n');
        String text = e.src().showLines() ? e.src().line(ln) : null;
        if (text == null || text.isBlank()) {
            return sb.toString();
        }
        String stripped = text.strip();
        int indent = text.indexOf(stripped);
        sb.append("    ").append(stripped).append('\n');
        String carets = carets(e.node(), p, text, indent, stripped.length());
        if (carets != null) {
            sb.append("    ").append(carets).append('\n');
        }
        return sb.toString();
    }

    /** The marker line, or null when the failing part is the whole line (CPython leaves it out then). */
    private static String carets(Object node, Pos p, String text, int indent, int len) {
        if (p == null || p.endLine() != p.line() || node instanceof Stmt && !(node instanceof ExprStmt) && !(node instanceof Assign)
                && !(node instanceof AugAssign)) {
            return null;
        }
        Pos range = node instanceof ExprStmt es ? es.expr().pos() : p;
        if (node instanceof Stmt) {
            return null;
        }
        int start = range.col();
        int end = Math.min(range.endCol(), text.length());
        int lo = -1;
        int hi = -1;
        if (node instanceof BinOp b) {
            lo = b.opCol();
            hi = lo + b.op().length();
        } else if (node instanceof Index x) {
            lo = x.bracketCol();
            hi = end;
        }
        if (lo < 0 && start <= indent && end >= indent + len) {
            return null;
        }
        StringBuilder sb = new StringBuilder(" ".repeat(Math.max(0, start - indent)));
        for (int c = start; c < end; c++) {
            sb.append(lo < 0 || (c >= lo && c < hi) ? '^' : '~');
        }
        return sb.toString();
    }
}
