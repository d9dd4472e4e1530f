package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.programs.python.Ast.*;
import dev.glassbox.sim.programs.python.Lexer.Kind;
import dev.glassbox.sim.programs.python.Lexer.Tok;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Python's expression grammar by recursive descent, lowest precedence first; statements are in {@link Parser}. */
class ExprParser {
    static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await", "break",
            "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
            "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");

    final List<Tok> toks;
    int i;

    ExprParser(List<Tok> toks) {
        this.toks = toks;
    }

    Tok peek() {
        return toks.get(i);
    }

    Tok peek(int ahead) {
        return toks.get(Math.min(i + ahead, toks.size() - 1));
    }

    Tok next() {
        return toks.get(i++);
    }

    Tok last() {
        return toks.get(i - 1);
    }

    boolean at(String s) {
        return peek().is(s);
    }

    boolean accept(String s) {
        if (at(s)) {
            i++;
            return true;
        }
        return false;
    }

    Tok expect(String s) {
        if (!at(s)) {
            throw unexpected();
        }
        return next();
    }

    PySyntaxError unexpected() {
        Tok t = peek();
        if (t.kind() == Kind.INDENT) {
            return new PySyntaxError("unexpected indent", t.line(), t.end() + 1, t.end() + 2).indentation();
        }
        if (t.kind() == Kind.NEWLINE || t.kind() == Kind.EOF) {
            return new PySyntaxError("invalid syntax", t.line(), t.col() + 1, t.col() + 2);
        }
        return new PySyntaxError("invalid syntax", t.line(), t.col() + 1, t.end() + 1);
    }

    Pos pos(Tok start) {
        Tok end = last();
        return new Pos(start.line(), start.col(), end.line(), end.end());
    }

    static Pos span(Expr a, Expr b) {
        return a.pos().to(b.pos());
    }

    String name() {
        Tok t = peek();
        if (t.kind() != Kind.NAME || KEYWORDS.contains(t.text())) {
            throw unexpected();
        }
        return next().text();
    }

    // ---- tuples and single expressions

    /** An expression list: a tuple when it has a comma ({@code return a, b}); starred items allowed. */
    Expr testList() {
        Tok start = peek();
        Expr first = starOrTest();
        if (!at(",")) {
            return first;
        }
        List<Expr> items = new ArrayList<>(List.of(first));
        while (accept(",")) {
            if (endsList()) {
                break;
            }
            items.add(starOrTest());
        }
        return new Seq(pos(start), SeqKind.TUPLE, items);
    }

    boolean endsList() {
        Tok t = peek();
        return t.kind() == Kind.NEWLINE || t.kind() == Kind.EOF || t.is("=") || t.is(")") || t.is("]") || t.is("}")
                || t.is(":") || t.is(";") || t.is("in") || (t.kind() == Kind.OP && t.text().endsWith("=") && t.text().length() > 1
                && !t.is("==") && !t.is("<=") && !t.is(">=") && !t.is("!="));
    }

    Expr starOrTest() {
        if (at("*")) {
            Tok s = next();
            Expr v = orExpr();
            return new Starred(pos(s), v);
        }
        return test();
    }

    /** A loop's or comprehension's target: names, attributes, items, tuples of them; no {@code in}. */
    Expr targetList() {
        Tok start = peek();
        Expr first = at("*") ? starOrTest() : orExpr();
        if (!at(",")) {
            return first;
        }
        List<Expr> items = new ArrayList<>(List.of(first));
        while (accept(",")) {
            if (at("in") || at("=")) {
                break;
            }
            items.add(at("*") ? starOrTest() : orExpr());
        }
        return new Seq(pos(start), SeqKind.TUPLE, items);
    }

    Expr test() {
        if (at("lambda")) {
            return lambda();
        }
        Tok start = peek();
        Expr e = orTest();
        if (at("if") && !peek().equals(start)) {
            next();
            Expr cond = orTest();
            expect("else");
            Expr other = test();
            return new IfExp(pos(start), cond, e, other);
        }
        return e;
    }

    private Expr lambda() {
        Tok start = next();
        List<Param> params = params(":");
        expect(":");
        Expr body = test();
        return new Lambda(pos(start), params, body);
    }

    /** Parameters up to {@code end}: {@code a, b=1, *args, c, **kw}. */
    List<Param> params(String end) {
        List<Param> out = new ArrayList<>();
        boolean kwOnly = false;
        while (!at(end)) {
            if (accept("**")) {
                out.add(new Param(name(), null, ParamKind.KWARGS));
            } else if (accept("*")) {
                if (at(",")) {
                    kwOnly = true;
                } else {
                    out.add(new Param(name(), null, ParamKind.VARARGS));
                    kwOnly = true;
                }
            } else {
                String n = name();
                if (at(":") && !end.equals(":")) {
                    next();
                    test(); // an annotation: read, not kept
                }
                Expr dflt = accept("=") ? test() : null;
                if (dflt == null && !kwOnly && out.stream().anyMatch(p -> p.dflt() != null && p.kind() == ParamKind.PLAIN)) {
                    Tok t = last();
                    throw new PySyntaxError("non-default argument follows default argument", t.line(), t.col() + 1, t.end() + 1);
                }
                out.add(new Param(n, dflt, kwOnly ? ParamKind.KWONLY : ParamKind.PLAIN));
            }
            if (!accept(",")) {
                break;
            }
        }
        return out;
    }

    Expr orTest() {
        Tok start = peek();
        Expr e = andTest();
        if (!at("or")) {
            return e;
        }
        List<Expr> vs = new ArrayList<>(List.of(e));
        while (accept("or")) {
            vs.add(andTest());
        }
        return new BoolOp(pos(start), false, vs);
    }

    private Expr andTest() {
        Tok start = peek();
        Expr e = notTest();
        if (!at("and")) {
            return e;
        }
        List<Expr> vs = new ArrayList<>(List.of(e));
        while (accept("and")) {
            vs.add(notTest());
        }
        return new BoolOp(pos(start), true, vs);
    }

    private Expr notTest() {
        if (at("not")) {
            Tok start = next();
            Expr e = notTest();
            return new Unary(pos(start), "not", e);
        }
        return comparison();
    }

    private Expr comparison() {
        Tok start = peek();
        Expr first = orExpr();
        List<String> ops = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        while (true) {
            String op;
            if (at("<") || at(">") || at("==") || at(">=") || at("<=") || at("!=") || at("in")) {
                op = next().text();
            } else if (at("not") && peek(1).is("in")) {
                i += 2;
                op = "not in";
            } else if (at("is")) {
                next();
                op = accept("not") ? "is not" : "is";
            } else {
                break;
            }
            ops.add(op);
            rest.add(orExpr());
        }
        return ops.isEmpty() ? first : new Compare(pos(start), first, ops, rest);
    }

    Expr orExpr() {
        return binary(0);
    }

    private static final String[][] LEVELS = {{"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "//", "%", "@"}};

    private Expr binary(int level) {
        if (level == LEVELS.length) {
            return factor();
        }
        Expr e = binary(level + 1);
        while (true) {
            String op = null;
            for (String o : LEVELS[level]) {
                if (peek().kind() == Kind.OP && peek().text().equals(o)) {
                    op = o;
                }
            }
            if (op == null) {
                return e;
            }
            Tok t = next();
            Expr r = binary(level + 1);
            e = new BinOp(span(e, r), e, op, r, t.col());
        }
    }

    private Expr factor() {
        if (at("-") || at("+") || at("~")) {
            Tok t = next();
            Expr e = factor();
            return new Unary(pos(t), t.text(), e);
        }
        return power();
    }

    private Expr power() {
        Expr e = primary();
        if (at("**")) {
            Tok t = next();
            Expr r = factor();
            return new BinOp(span(e, r), e, "**", r, t.col());
        }
        return e;
    }

    private Expr primary() {
        Tok start = peek();
        Expr e = atom();
        while (true) {
            if (at("(")) {
                next();
                List<Arg> args = callArgs();
                expect(")");
                e = new Call(pos(start), e, args);
            } else if (at("[")) {
                Tok b = next();
                Expr idx = subscript();
                expect("]");
                e = new Index(pos(start), e, idx, b.col());
            } else if (at(".")) {
                next();
                String n = name();
                e = new Attr(pos(start), e, n);
            } else {
                return e;
            }
        }
    }

    private List<Arg> callArgs() {
        List<Arg> args = new ArrayList<>();
        while (!at(")")) {
            if (accept("**")) {
                args.add(new Arg(null, test(), false, true));
            } else if (accept("*")) {
                args.add(new Arg(null, test(), true, false));
            } else if (peek().kind() == Kind.NAME && peek(1).is("=")) {
                String n = next().text();
                next();
                args.add(new Arg(n, test(), false, false));
            } else {
                Tok s = peek();
                Expr v = test();
                if (at("for")) {
                    v = comprehension(s, CompKind.GEN, v, null);
                }
                args.add(new Arg(null, v, false, false));
            }
            if (!accept(",")) {
                break;
            }
        }
        return args;
    }

    private Expr subscript() {
        Tok start = peek();
        Expr first = sliceItem();
        if (!at(",")) {
            return first;
        }
        List<Expr> items = new ArrayList<>(List.of(first));
        while (accept(",") && !at("]")) {
            items.add(sliceItem());
        }
        return new Seq(pos(start), SeqKind.TUPLE, items);
    }

    private Expr sliceItem() {
        Tok start = peek();
        Expr lo = at(":") ? null : test();
        if (!at(":")) {
            return lo;
        }
        next();
        Expr hi = at(":") || at("]") || at(",") ? null : test();
        Expr step = null;
        if (accept(":")) {
            step = at("]") || at(",") ? null : test();
        }
        return new Slice(pos(start), lo, hi, step);
    }

    private Expr atom() {
        Tok t = peek();
        switch (t.kind()) {
            case INT -> {
                next();
                return new Const(pos(t), parseInt(t.text()));
            }
            case FLOAT -> {
                next();
                return new Const(pos(t), Double.parseDouble(t.text()));
            }
            case STRING -> {
                return strings();
            }
            case NAME -> {
                switch (t.text()) {
                    case "None" -> {
                        next();
                        return new Const(pos(t), PyNone.NONE);
                    }
                    case "True", "False" -> {
                        next();
                        return new Const(pos(t), t.text().equals("True"));
                    }
                    default -> {
                        String id = name();
                        return new Name(pos(t), id);
                    }
                }
            }
            default -> { }
        }
        if (accept("(")) {
            if (accept(")")) {
                return new Seq(pos(t), SeqKind.TUPLE, List.of());
            }
            Tok s = peek();
            Expr first = starOrTest();
            if (at("for")) {
                Expr g = comprehension(s, CompKind.GEN, first, null);
                expect(")");
                return g;
            }
            if (accept(")")) {
                return first instanceof Seq q && q.kind() == SeqKind.TUPLE ? q : withPos(first, pos(t));
            }
            List<Expr> items = new ArrayList<>(List.of(first));
            while (accept(",") && !at(")")) {
                items.add(starOrTest());
            }
            expect(")");
            return new Seq(pos(t), SeqKind.TUPLE, items);
        }
        if (accept("[")) {
            List<Expr> items = new ArrayList<>();
            if (!at("]")) {
                Tok s = peek();
                Expr first = starOrTest();
                if (at("for")) {
                    Expr c = comprehension(s, CompKind.LIST, first, null);
                    expect("]");
                    return withPos(c, pos(t));
                }
                items.add(first);
                while (accept(",") && !at("]")) {
                    items.add(starOrTest());
                }
            }
            expect("]");
            return new Seq(pos(t), SeqKind.LIST, items);
        }
        if (accept("{")) {
            return braces(t);
        }
        if (at("...")) {
            next();
            return new Const(pos(t), PyNone.NONE);
        }
        throw unexpected();
    }

    /** A parenthesized expression keeps its parentheses in its span, as CPython's tracebacks show. */
    private static Expr withPos(Expr e, Pos p) {
        if (e instanceof Comp c) {
            return new Comp(p, c.kind(), c.elt(), c.value(), c.fors());
        }
        return e;
    }

    private Expr braces(Tok t) {
        if (accept("}")) {
            return new DictE(pos(t), List.of(), List.of());
        }
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        Tok s = peek();
        if (accept("**")) {
            keys.add(null);
            values.add(orExpr());
        } else {
            Expr k = starOrTest();
            if (!accept(":")) {
                if (at("for")) {
                    Expr c = comprehension(s, CompKind.SET, k, null);
                    expect("}");
                    return withPos(c, pos(t));
                }
                List<Expr> items = new ArrayList<>(List.of(k));
                while (accept(",") && !at("}")) {
                    items.add(starOrTest());
                }
                expect("}");
                return new Seq(pos(t), SeqKind.SET, items);
            }
            Expr v = test();
            if (at("for")) {
                Expr c = comprehension(s, CompKind.DICT, k, v);
                expect("}");
                return withPos(c, pos(t));
            }
            keys.add(k);
            values.add(v);
        }
        while (accept(",") && !at("}")) {
            if (accept("**")) {
                keys.add(null);
                values.add(orExpr());
            } else {
                keys.add(test());
                expect(":");
                values.add(test());
            }
        }
        expect("}");
        return new DictE(pos(t), keys, values);
    }

    Expr comprehension(Tok start, CompKind kind, Expr elt, Expr value) {
        List<For> fors = new ArrayList<>();
        while (accept("for")) {
            Expr target = targetList();
            expect("in");
            Expr iter = orTest();
            List<Expr> ifs = new ArrayList<>();
            while (at("if")) {
                next();
                ifs.add(orTestNoCond());
            }
            fors.add(new For(target, iter, ifs));
        }
        return new Comp(pos(start), kind, elt, value, fors);
    }

    private Expr orTestNoCond() {
        return orTest();
    }

    static Object parseInt(String text) {
        String t = text.toLowerCase();
        if (t.startsWith("0x")) {
            return new BigInteger(t.substring(2), 16);
        }
        if (t.startsWith("0o")) {
            return new BigInteger(t.substring(2), 8);
        }
        if (t.startsWith("0b")) {
            return new BigInteger(t.substring(2), 2);
        }
        return new BigInteger(t);
    }

    /** Adjacent string literals join into one; any f-string among them makes the whole an f-string. */
    private Expr strings() {
        Tok start = peek();
        List<Object> parts = new ArrayList<>();
        boolean f = false;
        while (peek().kind() == Kind.STRING) {
            Tok t = next();
            boolean raw = t.prefix().contains("r");
            if (t.prefix().contains("f")) {
                f = true;
                parts.addAll(FString.parse(t, raw).parts());
            } else {
                parts.add(Strings.unescape(t.text(), raw, t));
            }
        }
        if (!f) {
            StringBuilder sb = new StringBuilder();
            parts.forEach(sb::append);
            return new Const(pos(start), sb.toString());
        }
        return new FStr(pos(start), parts);
    }
}
