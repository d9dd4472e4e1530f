package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.programs.python.Ast.*;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Sorts a function's names as CPython's symbol table does: bound here (local), declared global, declared nonlocal. */
final class Analyzer {
    record Names(Set<String> locals, Set<String> globals, Set<String> nonlocals) {}

    private final Set<String> locals = new HashSet<>();
    private final Set<String> globals = new HashSet<>();
    private final Set<String> nonlocals = new HashSet<>();

    private Analyzer() {}

    static Names of(List<Param> params, List<Stmt> body) {
        Analyzer a = new Analyzer();
        params.forEach(p -> a.locals.add(p.name()));
        a.block(body);
        a.locals.removeAll(a.globals);
        a.locals.removeAll(a.nonlocals);
        return new Names(Set.copyOf(a.locals), Set.copyOf(a.globals), Set.copyOf(a.nonlocals));
    }

    static Names ofTargets(List<Expr> targets) {
        Analyzer a = new Analyzer();
        targets.forEach(a::target);
        return new Names(Set.copyOf(a.locals), Set.of(), Set.of());
    }

    private void block(List<Stmt> body) {
        body.forEach(this::stmt);
    }

    private void stmt(Stmt s) {
        if (s instanceof Assign a) {
            a.targets().forEach(this::target);
        } else if (s instanceof AugAssign a) {
            target(a.target());
        } else if (s instanceof If i) {
            block(i.body());
            block(i.orElse());
        } else if (s instanceof While w) {
            block(w.body());
            block(w.orElse());
        } else if (s instanceof ForStmt f) {
            target(f.target());
            block(f.body());
            block(f.orElse());
        } else if (s instanceof Def d) {
            locals.add(d.name());
        } else if (s instanceof ClassDef c) {
            locals.add(c.name());
        } else if (s instanceof Try t) {
            block(t.body());
            t.handlers().forEach(h -> {
                if (h.name() != null) {
                    locals.add(h.name());
                }
                block(h.body());
            });
            block(t.orElse());
            block(t.fin());
        } else if (s instanceof With w) {
            w.items().forEach(i -> {
                if (i.target() != null) {
                    target(i.target());
                }
            });
            block(w.body());
        } else if (s instanceof Import i) {
            i.names().forEach(n -> locals.add(n[1] != null ? n[1] : n[0].split("\\.")[0]));
        } else if (s instanceof ImportFrom i) {
            i.names().forEach(n -> locals.add(n[1] != null ? n[1] : n[0]));
        } else if (s instanceof Ast.Scope sc) {
            (sc.global() ? globals : nonlocals).addAll(sc.names());
        } else if (s instanceof Del d) {
            d.targets().forEach(this::target);
        }
    }

    private void target(Expr e) {
        if (e instanceof Name n) {
            locals.add(n.id());
        } else if (e instanceof Seq s) {
            s.items().forEach(this::target);
        } else if (e instanceof Starred s) {
            target(s.value());
        }
    }
}
