package dev.glassbox.sim.programs.python;

import java.util.List;

/** The syntax tree the parser builds: expressions and statements, each with the source span it came from. */
final class Ast {
    private Ast() {}

    /** Where a node is: 1-based lines, 0-based columns, the end exclusive. */
    record Pos(int line, int col, int endLine, int endCol) {
        Pos to(Pos end) {
            return new Pos(line, col, end.endLine, end.endCol);
        }
    }

    sealed interface Expr permits Const, Name, FStr, BinOp, Unary, BoolOp, Compare, Call, Attr, Index, Slice, Seq, DictE,
            Comp, Lambda, IfExp, Starred {
        Pos pos();
    }

    record Const(Pos pos, Object value) implements Expr {}

    record Name(Pos pos, String id) implements Expr {}

    /** One replacement field of an f-string: the expression, its conversion ('r', 's', 'a' or 0) and its format spec. */
    record FField(Expr expr, char conv, FStr spec, String selfDoc) {}

    /** An f-string: literal text (String) and fields (FField) in order. */
    record FStr(Pos pos, List<Object> parts) implements Expr {
        FStr {
            parts = List.copyOf(parts);
        }
    }

    /** {@code opCol} is where the operator is, for the traceback's {@code ~^~}. */
    record BinOp(Pos pos, Expr left, String op, Expr right, int opCol) implements Expr {}

    record Unary(Pos pos, String op, Expr operand) implements Expr {}

    record BoolOp(Pos pos, boolean and, List<Expr> values) implements Expr {
        BoolOp {
            values = List.copyOf(values);
        }
    }

    record Compare(Pos pos, Expr first, List<String> ops, List<Expr> rest) implements Expr {
        Compare {
            ops = List.copyOf(ops);
            rest = List.copyOf(rest);
        }
    }

    /** An argument: positional (name null), keyword, {@code *x} or {@code **x}. */
    record Arg(String name, Expr value, boolean star, boolean dstar) {}

    record Call(Pos pos, Expr fn, List<Arg> args) implements Expr {
        Call {
            args = List.copyOf(args);
        }
    }

    record Attr(Pos pos, Expr obj, String name) implements Expr {}

    /** {@code obj[index]}; {@code bracketCol} is where '[' is. */
    record Index(Pos pos, Expr obj, Expr index, int bracketCol) implements Expr {}

    record Slice(Pos pos, Expr lo, Expr hi, Expr step) implements Expr {}

    enum SeqKind { LIST, TUPLE, SET }

    record Seq(Pos pos, SeqKind kind, List<Expr> items) implements Expr {
        Seq {
            items = List.copyOf(items);
        }
    }

    /** A dict display; a null key stands for {@code **value}. */
    record DictE(Pos pos, List<Expr> keys, List<Expr> values) implements Expr {
        DictE {
            keys = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keys));
            values = List.copyOf(values);
        }
    }

    enum CompKind { LIST, SET, DICT, GEN }

    record For(Expr target, Expr iter, List<Expr> ifs) {
        For {
            ifs = List.copyOf(ifs);
        }
    }

    record Comp(Pos pos, CompKind kind, Expr elt, Expr value, List<For> fors) implements Expr {
        Comp {
            fors = List.copyOf(fors);
        }
    }

    enum ParamKind { PLAIN, VARARGS, KWONLY, KWARGS }

    record Param(String name, Expr dflt, ParamKind kind) {}

    record Lambda(Pos pos, List<Param> params, Expr body) implements Expr {
        Lambda {
            params = List.copyOf(params);
        }
    }

    record IfExp(Pos pos, Expr cond, Expr then, Expr orElse) implements Expr {}

    record Starred(Pos pos, Expr value) implements Expr {}

    // ---- statements

    sealed interface Stmt permits ExprStmt, Assign, AugAssign, If, While, ForStmt, Simple, Return, Def, ClassDef, Try,
            Raise, With, Import, ImportFrom, Scope, Del, Assert {
        Pos pos();
    }

    record ExprStmt(Pos pos, Expr expr) implements Stmt {}

    record Assign(Pos pos, List<Expr> targets, Expr value) implements Stmt {
        Assign {
            targets = List.copyOf(targets);
        }
    }

    record AugAssign(Pos pos, Expr target, String op, Expr value, int opCol) implements Stmt {}

    record If(Pos pos, Expr cond, List<Stmt> body, List<Stmt> orElse) implements Stmt {
        If {
            body = List.copyOf(body);
            orElse = List.copyOf(orElse);
        }
    }

    record While(Pos pos, Expr cond, List<Stmt> body, List<Stmt> orElse) implements Stmt {
        While {
            body = List.copyOf(body);
            orElse = List.copyOf(orElse);
        }
    }

    record ForStmt(Pos pos, Expr target, Expr iter, List<Stmt> body, List<Stmt> orElse) implements Stmt {
        ForStmt {
            body = List.copyOf(body);
            orElse = List.copyOf(orElse);
        }
    }

    enum SimpleKind { PASS, BREAK, CONTINUE }

    record Simple(Pos pos, SimpleKind kind) implements Stmt {}

    record Return(Pos pos, Expr value) implements Stmt {}

    record Def(Pos pos, String name, List<Param> params, List<Stmt> body, List<Expr> decorators) implements Stmt {
        Def {
            params = List.copyOf(params);
            body = List.copyOf(body);
            decorators = List.copyOf(decorators);
        }
    }

    record ClassDef(Pos pos, String name, List<Expr> bases, List<Stmt> body, List<Expr> decorators) implements Stmt {
        ClassDef {
            bases = List.copyOf(bases);
            body = List.copyOf(body);
            decorators = List.copyOf(decorators);
        }
    }

    record Handler(Pos pos, Expr type, String name, List<Stmt> body) {
        Handler {
            body = List.copyOf(body);
        }
    }

    record Try(Pos pos, List<Stmt> body, List<Handler> handlers, List<Stmt> orElse, List<Stmt> fin) implements Stmt {
        Try {
            body = List.copyOf(body);
            handlers = List.copyOf(handlers);
            orElse = List.copyOf(orElse);
            fin = List.copyOf(fin);
        }
    }

    record Raise(Pos pos, Expr exc, Expr cause) implements Stmt {}

    record WithItem(Expr ctx, Expr target) {}

    record With(Pos pos, List<WithItem> items, List<Stmt> body) implements Stmt {
        With {
            items = List.copyOf(items);
            body = List.copyOf(body);
        }
    }

    /** {@code import a.b as c, d}: [module, as] pairs, as null when absent. */
    record Import(Pos pos, List<String[]> names) implements Stmt {
        Import {
            names = List.copyOf(names);
        }
    }

    /** {@code from m import a as b, c}; names [name, as] pairs, or ["*", null]. */
    record ImportFrom(Pos pos, String module, List<String[]> names) implements Stmt {
        ImportFrom {
            names = List.copyOf(names);
        }
    }

    /** {@code global} or {@code nonlocal} names. */
    record Scope(Pos pos, boolean global, List<String> names) implements Stmt {
        Scope {
            names = List.copyOf(names);
        }
    }

    record Del(Pos pos, List<Expr> targets) implements Stmt {
        Del {
            targets = List.copyOf(targets);
        }
    }

    record Assert(Pos pos, Expr test, Expr msg) implements Stmt {}
}
