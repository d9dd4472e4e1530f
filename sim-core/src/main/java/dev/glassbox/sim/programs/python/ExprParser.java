package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.programs.python.Ast.*;
import dev.glassbox.sim.programs.python.Lexer.Kind;
import dev.glassbox.sim.programs.python.Lexer.Tok;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Python's expression grammar by recursive descent, lowest precedence first; statements are in {@link Parser}. */
class ExprParser extends Displays {
    static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await", "break",
            "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
            "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");

    ExprParser(List<Tok> toks) {
        super(toks);
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

}
