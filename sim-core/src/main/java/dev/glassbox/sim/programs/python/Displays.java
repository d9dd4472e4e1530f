package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.programs.python.Ast.*;
import dev.glassbox.sim.programs.python.Lexer.Kind;
import dev.glassbox.sim.programs.python.Lexer.Tok;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Atoms: names, numbers, strings and f-strings, and the displays ({@code (…)}, {@code […]}, {@code {…}}) with their comprehensions. */
abstract class Displays extends Tokens {
    Displays(List<Tok> toks) {
        super(toks);
    }

    abstract Expr test();

    abstract Expr starOrTest();

    abstract Expr orExpr();

    abstract Expr orTest();

    abstract Expr targetList();

    Expr atom() {
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
    Expr orTestNoCond() {
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
