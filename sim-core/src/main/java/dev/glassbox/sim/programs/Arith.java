package dev.glassbox.sim.programs;

import java.util.function.BiConsumer;
import java.util.function.Function;

/** $(( )) arithmetic: C integer expressions over shell variables. */
public final class Arith {
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final String s;
    private int pos;
    private final Function<String, String> get;
    private final BiConsumer<String, String> set;

    private Arith(String s, Function<String, String> get, BiConsumer<String, String> set) {
        this.s = s;
        this.get = get;
        this.set = set;
    }

    public static long eval(String expr, Function<String, String> get, BiConsumer<String, String> set) {
        Arith a = new Arith(expr, get, set);
        a.blank();
        if (a.pos >= expr.length()) {
            return 0;
        }
        long v = a.assign();
        a.blank();
        if (a.pos < expr.length()) {
            throw new Failure("arithmetic syntax error");
        }
        return v;
    }

    private void blank() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(String op) {
        blank();
        if (s.startsWith(op, pos)) {
            pos += op.length();
            return true;
        }
        return false;
    }

    private boolean peekOp(String op, String... notFollowedBy) {
        blank();
        if (!s.startsWith(op, pos)) {
            return false;
        }
        for (String n : notFollowedBy) {
            if (s.startsWith(n, pos)) {
                return false;
            }
        }
        return true;
    }

    private long assign() {
        blank();
        int save = pos;
        String name = name();
        if (name != null) {
            for (String op : new String[] {"+=", "-=", "*=", "/=", "%=", "="}) {
                if (peekOp(op, "==")) {
                    pos += op.length();
                    long rhs = assign();
                    long v = op.equals("=") ? rhs : binary(op.substring(0, 1), var(name), rhs);
                    set.accept(name, Long.toString(v));
                    return v;
                }
            }
        }
        pos = save;
        return ternary();
    }

    private long ternary() {
        long c = or();
        if (eat("?")) {
            long a = assign();
            if (!eat(":")) {
                throw new Failure("arithmetic syntax error");
            }
            long b = assign();
            return c != 0 ? a : b;
        }
        return c;
    }

    private long or() {
        long v = and();
        while (eat("||")) {
            long r = and();
            v = (v != 0 || r != 0) ? 1 : 0;
        }
        return v;
    }

    private long and() {
        long v = bits();
        while (eat("&&")) {
            long r = bits();
            v = (v != 0 && r != 0) ? 1 : 0;
        }
        return v;
    }

    private long bits() {
        long v = equality();
        while (true) {
            if (peekOp("|", "||")) {
                pos++;
                v |= equality();
            } else if (peekOp("^")) {
                pos++;
                v ^= equality();
            } else if (peekOp("&", "&&")) {
                pos++;
                v &= equality();
            } else {
                return v;
            }
        }
    }

    private long equality() {
        long v = relation();
        while (true) {
            if (eat("==")) {
                v = v == relation() ? 1 : 0;
            } else if (eat("!=")) {
                v = v != relation() ? 1 : 0;
            } else {
                return v;
            }
        }
    }

    private long relation() {
        long v = shift();
        while (true) {
            if (eat("<=")) {
                v = v <= shift() ? 1 : 0;
            } else if (eat(">=")) {
                v = v >= shift() ? 1 : 0;
            } else if (peekOp("<", "<<")) {
                pos++;
                v = v < shift() ? 1 : 0;
            } else if (peekOp(">", ">>")) {
                pos++;
                v = v > shift() ? 1 : 0;
            } else {
                return v;
            }
        }
    }

    private long shift() {
        long v = sum();
        while (true) {
            if (eat("<<")) {
                v <<= sum();
            } else if (eat(">>")) {
                v >>= sum();
            } else {
                return v;
            }
        }
    }

    private long sum() {
        long v = product();
        while (true) {
            if (peekOp("+", "++", "+=")) {
                pos++;
                v += product();
            } else if (peekOp("-", "--", "-=")) {
                pos++;
                v -= product();
            } else {
                return v;
            }
        }
    }

    private long product() {
        long v = unary();
        while (true) {
            if (peekOp("*", "*=")) {
                pos++;
                v = binary("*", v, unary());
            } else if (peekOp("/", "/=")) {
                pos++;
                v = binary("/", v, unary());
            } else if (peekOp("%", "%=")) {
                pos++;
                v = binary("%", v, unary());
            } else {
                return v;
            }
        }
    }

    private static long binary(String op, long a, long b) {
        switch (op) {
            case "+": return a + b;
            case "-": return a - b;
            case "*": return a * b;
            default:
                if (b == 0) {
                    throw new Failure("divide by zero");
                }
                return op.equals("/") ? a / b : a % b;
        }
    }

    private long unary() {
        if (eat("++") || eat("--")) {
            boolean inc = s.charAt(pos - 1) == '+';
            blank();
            String name = name();
            if (name == null) {
                throw new Failure("arithmetic syntax error");
            }
            long v = var(name) + (inc ? 1 : -1);
            set.accept(name, Long.toString(v));
            return v;
        }
        if (eat("!")) {
            return unary() == 0 ? 1 : 0;
        }
        if (eat("~")) {
            return ~unary();
        }
        if (eat("-")) {
            return -unary();
        }
        if (eat("+")) {
            return unary();
        }
        return postfix();
    }

    private long postfix() {
        blank();
        if (eat("(")) {
            long v = assign();
            if (!eat(")")) {
                throw new Failure("arithmetic syntax error");
            }
            return v;
        }
        String name = name();
        if (name != null) {
            long v = var(name);
            if (eat("++") || eat("--")) {
                set.accept(name, Long.toString(v + (s.charAt(pos - 1) == '+' ? 1 : -1)));
            }
            return v;
        }
        int start = pos;
        while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw new Failure("arithmetic syntax error");
        }
        return number(s.substring(start, pos));
    }

    private String name() {
        int start = pos;
        if (pos < s.length() && (Character.isLetter(s.charAt(pos)) || s.charAt(pos) == '_')) {
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            return s.substring(start, pos);
        }
        return null;
    }

    private long var(String name) {
        String v = get.apply(name);
        if (v == null || v.isBlank()) {
            return 0;
        }
        return number(v.trim());
    }

    static long number(String t) {
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseLong(t.substring(2), 16);
            }
            if (t.length() > 1 && t.startsWith("0")) {
                return Long.parseLong(t.substring(1), 8);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new Failure("arithmetic syntax error");
        }
    }
}
