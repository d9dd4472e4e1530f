package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.programs.python.Ast.*;

/** What may stand left of '=' (or after for/as/del): names, attributes, items, and tuples or lists of them. */
final class Targets {
    private Targets() {}

    static void check(Expr e) {
        if (e instanceof Name || e instanceof Attr || e instanceof Index) {
            return;
        }
        if (e instanceof Starred s) {
            check(s.value());
        } else if (e instanceof Seq s && (s.kind() != SeqKind.SET)) {
            s.items().forEach(Targets::check);
        } else {
            String what = e instanceof Call ? "function call" : e instanceof Const ? "literal"
                    : e instanceof Compare ? "comparison" : "expression";
            Pos p = e.pos();
            throw new PySyntaxError("cannot assign to " + what + " here. Maybe you meant '==' instead of '='?", p.line(),
                    p.col() + 1, p.endCol() + 1);
        }
    }
}
