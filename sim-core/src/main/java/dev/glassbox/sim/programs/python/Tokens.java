package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.programs.python.Ast.Expr;
import dev.glassbox.sim.programs.python.Ast.Pos;
import dev.glassbox.sim.programs.python.Lexer.Kind;
import dev.glassbox.sim.programs.python.Lexer.Tok;
import java.util.List;

/** A cursor over the tokens, with CPython's words for what it did not expect. */
class Tokens {
    final List<Tok> toks;
    int i;
    Tokens(List<Tok> toks) {
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
        if (t.kind() != Kind.NAME || ExprParser.KEYWORDS.contains(t.text())) {
            throw unexpected();
        }
        return next().text();
    }
}
