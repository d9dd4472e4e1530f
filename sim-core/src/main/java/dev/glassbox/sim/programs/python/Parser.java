package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.programs.python.Ast.*;
import dev.glassbox.sim.programs.python.Lexer.Kind;
import dev.glassbox.sim.programs.python.Lexer.Tok;
import java.util.ArrayList;
import java.util.List;

/** Python's statements: simple ones separated by ';', compound ones with indented blocks. */
final class Parser extends ExprParser {
    private Parser(List<Tok> toks) {
        super(toks);
    }

    /** Parses a whole module (a script, {@code -c} code or one REPL entry). */
    static List<Stmt> module(String src) {
        Parser p = new Parser(Lexer.tokenize(src));
        List<Stmt> out = new ArrayList<>();
        while (p.peek().kind() != Kind.EOF) {
            if (p.peek().kind() == Kind.NEWLINE) {
                p.next();
                continue;
            }
            out.addAll(p.statement());
        }
        return out;
    }

    /** An f-string field's expression. */
    static Expr expression(String text, Tok at) {
        try {
            Parser p = new Parser(Lexer.tokenize("(" + text + ")"));
            Expr e = p.testList();
            if (p.peek().kind() != Kind.NEWLINE) {
                throw p.unexpected();
            }
            return e;
        } catch (PySyntaxError e) {
            throw new PySyntaxError("f-string: " + e.msg, at.line(), at.col() + 1, at.end() + 1);
        }
    }

    private List<Stmt> statement() {
        Tok t = peek();
        if (t.kind() == Kind.INDENT) {
            throw unexpected();
        }
        if (t.kind() == Kind.NAME) {
            switch (t.text()) {
                case "if":
                    return List.of(ifStmt());
                case "while":
                    return List.of(whileStmt());
                case "for":
                    return List.of(forStmt());
                case "def":
                    return List.of(def(List.of()));
                case "class":
                    return List.of(classDef(List.of()));
                case "try":
                    return List.of(tryStmt());
                case "with":
                    return List.of(with());
                default:
                    break;
            }
        }
        if (t.is("@")) {
            List<Expr> decorators = new ArrayList<>();
            while (accept("@")) {
                decorators.add(test());
                newline();
            }
            return List.of(at("class") ? classDef(decorators) : def(decorators));
        }
        List<Stmt> out = new ArrayList<>();
        out.add(simple());
        while (accept(";")) {
            if (peek().kind() == Kind.NEWLINE || peek().kind() == Kind.EOF) {
                break;
            }
            out.add(simple());
        }
        newline();
        return out;
    }

    private void newline() {
        if (peek().kind() == Kind.EOF) {
            return;
        }
        if (peek().kind() != Kind.NEWLINE) {
            throw unexpected();
        }
        next();
    }

    private Stmt simple() {
        Tok t = peek();
        switch (t.text()) {
            case "pass", "break", "continue" -> {
                if (t.kind() == Kind.NAME) {
                    next();
                    return new Simple(pos(t), SimpleKind.valueOf(t.text().toUpperCase()));
                }
            }
            case "return" -> {
                next();
                Expr v = endsList() ? null : testList();
                return new Return(pos(t), v);
            }
            case "raise" -> {
                next();
                Expr e = endsList() ? null : test();
                Expr cause = accept("from") ? test() : null;
                return new Raise(pos(t), e, cause);
            }
            case "global", "nonlocal" -> {
                next();
                List<String> names = new ArrayList<>(List.of(name()));
                while (accept(",")) {
                    names.add(name());
                }
                return new Ast.Scope(pos(t), t.text().equals("global"), names);
            }
            case "del" -> {
                next();
                List<Expr> targets = new ArrayList<>(List.of(orExpr()));
                while (accept(",")) {
                    targets.add(orExpr());
                }
                return new Del(pos(t), targets);
            }
            case "assert" -> {
                next();
                Expr test = test();
                Expr msg = accept(",") ? test() : null;
                return new Assert(pos(t), test, msg);
            }
            case "import" -> {
                return importStmt();
            }
            case "from" -> {
                return fromImport();
            }
            default -> { }
        }
        if (t.is("yield") || t.is("async") || t.is("await") || t.is("match") && peek(1).kind() == Kind.NAME && !peek(1).is("in")) {
            throw new PySyntaxError("glassbox's python does not run '" + t.text() + "' (no generators, async or match)",
                    t.line(), t.col() + 1, t.end() + 1);
        }
        if (t.kind() == Kind.NAME && t.text().equals("print") && peek(1).kind() == Kind.STRING) {
            Tok end = peek(1);
            throw new PySyntaxError("Missing parentheses in call to 'print'. Did you mean print(...)?", t.line(), t.col() + 1,
                    end.end() + 1);
        }
        Expr first = testList();
        if (at("=")) {
            List<Expr> targets = new ArrayList<>(List.of(first));
            Expr value = null;
            while (accept("=")) {
                value = testList();
                targets.add(value);
            }
            targets.remove(targets.size() - 1);
            for (Expr target : targets) {
                Targets.check(target);
            }
            return new Assign(pos(t), targets, value);
        }
        if (at(":") && first instanceof Name) {
            next();
            test(); // an annotation: read, not kept
            if (accept("=")) {
                return new Assign(pos(t), List.of(first), testList());
            }
            return new Simple(pos(t), SimpleKind.PASS);
        }
        Tok op = peek();
        if (op.kind() == Kind.OP && op.text().endsWith("=") && op.text().length() >= 2 && !op.is("==") && !op.is("<=")
                && !op.is(">=") && !op.is("!=")) {
            next();
            Targets.check(first);
            Expr value = testList();
            return new AugAssign(pos(t), first, op.text().substring(0, op.text().length() - 1), value, op.col());
        }
        return new ExprStmt(pos(t), first);
    }

    private Stmt importStmt() {
        Tok t = next();
        List<String[]> names = new ArrayList<>();
        do {
            String module = dotted();
            names.add(new String[] {module, accept("as") ? name() : null});
        } while (accept(","));
        return new Import(pos(t), names);
    }

    private String dotted() {
        StringBuilder sb = new StringBuilder(name());
        while (accept(".")) {
            sb.append('.').append(name());
        }
        return sb.toString();
    }

    private Stmt fromImport() {
        Tok t = next();
        String module = dotted();
        expect("import");
        List<String[]> names = new ArrayList<>();
        if (accept("*")) {
            names.add(new String[] {"*", null});
        } else {
            boolean paren = accept("(");
            do {
                if (paren && at(")")) {
                    break;
                }
                String n = name();
                names.add(new String[] {n, accept("as") ? name() : null});
            } while (accept(","));
            if (paren) {
                expect(")");
            }
        }
        return new ImportFrom(pos(t), module, names);
    }

    /** A block after ':': an indented suite, or simple statements on the same line. */
    private List<Stmt> block(Tok owner) {
        if (!at(":")) {
            Tok t = peek();
            throw new PySyntaxError("expected ':'", t.line(), t.col() + 1, t.col() + 2);
        }
        next();
        if (peek().kind() != Kind.NEWLINE) {
            List<Stmt> out = new ArrayList<>(List.of(simple()));
            while (accept(";")) {
                if (peek().kind() == Kind.NEWLINE) {
                    break;
                }
                out.add(simple());
            }
            newline();
            return out;
        }
        next();
        if (peek().kind() != Kind.INDENT) {
            Tok t = peek();
            String what = owner.text().equals("def") ? "function definition" : owner.text().equals("class") ? "class definition"
                    : "'" + owner.text() + "' statement";
            throw new PySyntaxError("expected an indented block after " + what + " on line " + owner.line(), t.line(),
                    t.col() + 1, t.col() + 2).indentation();
        }
        next();
        List<Stmt> out = new ArrayList<>();
        while (peek().kind() != Kind.DEDENT && peek().kind() != Kind.EOF) {
            out.addAll(statement());
        }
        if (peek().kind() == Kind.DEDENT) {
            next();
        }
        return out;
    }

    private Stmt ifStmt() {
        Tok t = next();
        Expr cond = test();
        List<Stmt> body = block(t);
        List<Stmt> orElse = List.of();
        if (at("elif")) {
            orElse = List.of(ifStmt());
        } else if (at("else")) {
            orElse = block(next());
        }
        return new If(pos(t), cond, body, orElse);
    }

    private Stmt whileStmt() {
        Tok t = next();
        Expr cond = test();
        List<Stmt> body = block(t);
        List<Stmt> orElse = at("else") ? block(next()) : List.of();
        return new While(pos(t), cond, body, orElse);
    }

    private Stmt forStmt() {
        Tok t = next();
        Expr target = targetList();
        Targets.check(target);
        expect("in");
        Expr iter = testList();
        List<Stmt> body = block(t);
        List<Stmt> orElse = at("else") ? block(next()) : List.of();
        return new ForStmt(pos(t), target, iter, body, orElse);
    }

    private Stmt def(List<Expr> decorators) {
        Tok t = expect("def");
        String name = name();
        expect("(");
        List<Param> params = params(")");
        expect(")");
        if (accept("->")) {
            test();
        }
        Pos head = pos(t);
        return new Def(head, name, params, block(t), decorators);
    }

    private Stmt classDef(List<Expr> decorators) {
        Tok t = expect("class");
        String name = name();
        List<Expr> bases = new ArrayList<>();
        if (accept("(")) {
            while (!at(")")) {
                if (peek().kind() == Kind.NAME && peek(1).is("=")) {
                    i += 2; // metaclass=...: read, not kept
                    test();
                } else {
                    bases.add(test());
                }
                if (!accept(",")) {
                    break;
                }
            }
            expect(")");
        }
        Pos head = pos(t);
        return new ClassDef(head, name, bases, block(t), decorators);
    }

    private Stmt tryStmt() {
        Tok t = next();
        List<Stmt> body = block(t);
        List<Handler> handlers = new ArrayList<>();
        while (at("except")) {
            Tok h = next();
            Expr type = null;
            String name = null;
            if (!at(":")) {
                type = test();
                if (accept(",")) {
                    List<Expr> items = new ArrayList<>(List.of(type));
                    do {
                        items.add(test());
                    } while (accept(","));
                    type = new Seq(type.pos(), SeqKind.TUPLE, items);
                }
                if (accept("as")) {
                    name = name();
                }
            }
            Pos hp = pos(h);
            handlers.add(new Handler(hp, type, name, block(h)));
        }
        List<Stmt> orElse = at("else") ? block(next()) : List.of();
        List<Stmt> fin = at("finally") ? block(next()) : List.of();
        if (handlers.isEmpty() && fin.isEmpty()) {
            Tok n = peek();
            throw new PySyntaxError("expected 'except' or 'finally' block", n.line(), n.col() + 1, n.end() + 1);
        }
        return new Try(pos(t), body, handlers, orElse, fin);
    }

    private Stmt with() {
        Tok t = next();
        List<WithItem> items = new ArrayList<>();
        do {
            Expr ctx = test();
            Expr target = null;
            if (accept("as")) {
                target = targetList();
                Targets.check(target);
            }
            items.add(new WithItem(ctx, target));
        } while (accept(","));
        Pos head = pos(t);
        return new With(head, items, block(t));
    }
}
