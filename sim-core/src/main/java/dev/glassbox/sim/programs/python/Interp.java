package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.Sys;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.python.Ast.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs statements: the module's, a function's, a class body's. Expressions are {@link Eval}'s. Every statement
 * and loop turn counts against a budget: each 1000 of them spend a millisecond of virtual time, so a busy loop
 * yields to the scheduler (other processes, Ctrl-C, the engine) as a real one is preempted.
 */
final class Interp {
    static final int RECURSION_LIMIT = 1000;

    final Sys sys;
    final Eval eval;
    final Stdio stdio;
    final Map<String, PyModule> modules = new HashMap<>();
    final List<String> argv;
    Frame frame;
    int depth;
    private long steps;
    /** The exception an {@code except} block is handling now, for {@code raise} and for chaining. */
    PyObject handling;

    Interp(Sys sys, List<String> argv) {
        this.sys = sys;
        this.argv = List.copyOf(argv);
        this.eval = new Eval(this);
        this.stdio = new Stdio(sys);
    }

    /** One step of the budget. */
    void tick() {
        if (++steps % 1000 == 0) {
            sys.sleep(1);
        }
    }

    // ---- running code

    void runModule(Source src, List<Stmt> body, Map<String, Object> globals) {
        Frame saved = frame;
        frame = new Frame(src, "<module>", Scope.module(globals), "", null, null);
        depth++;
        try {
            block(body);
        } catch (PyException e) {
            addEntry(e.exc, frame);
            throw e;
        } finally {
            frame = saved;
            depth--;
        }
    }

    /** Runs one entry of the interactive prompt: an expression statement's value other than None goes to {@code echo}. */
    void runInteractive(Source src, List<Stmt> body, Map<String, Object> globals, java.util.function.Consumer<Object> echo) {
        Frame saved = frame;
        frame = new Frame(src, "<module>", Scope.module(globals), "", null, null);
        depth++;
        try {
            for (Stmt s : body) {
                if (s instanceof ExprStmt e) {
                    tick();
                    frame.node = s;
                    Object v = eval.eval(e.expr());
                    if (v != PyNone.NONE) {
                        echo.accept(v);
                    }
                } else {
                    exec(s);
                }
            }
        } catch (PyException e) {
            addEntry(e.exc, frame);
            throw e;
        } finally {
            frame = saved;
            depth--;
        }
    }

    /** Runs a function's body in a frame of its own. */
    Object invoke(PyFunction fn, Scope scope, Object self) {
        if (depth >= RECURSION_LIMIT) {
            throw PyException.of(Exceptions.RECURSION, "maximum recursion depth exceeded");
        }
        Frame saved = frame;
        frame = new Frame(fn.src, fn.name, scope, fn.qualname + ".<locals>.", fn, self);
        depth++;
        try {
            if (fn.expr != null) {
                return eval.eval(fn.expr);
            }
            block(fn.body);
            return PyNone.NONE;
        } catch (Flow.Return r) {
            return r.value;
        } catch (PyException e) {
            addEntry(e.exc, frame);
            throw e;
        } catch (StackOverflowError e) {
            PyException r = PyException.of(Exceptions.RECURSION, "maximum recursion depth exceeded");
            addEntry(r.exc, frame);
            throw r;
        } finally {
            frame = saved;
            depth--;
        }
    }

    void addEntry(PyObject exc, Frame f) {
        if (!exc.tb.isEmpty() && exc.tb.get(exc.tb.size() - 1).frame() == f) {
            return;
        }
        exc.tb.add(new Traceback.Entry(f, f.src, f.name, f.node));
    }

    void block(List<Stmt> body) {
        for (Stmt s : body) {
            exec(s);
        }
    }

    /**
     * Runs one statement. A failed system call the statement made surfaces as OSError, and a fault of this
     * interpreter itself as SystemError, so a program sees a Python exception, never a Java one.
     */
    void exec(Stmt s) {
        tick();
        frame.node = s;
        try {
            run(s);
        } catch (PyException | Flow e) {
            throw e;
        } catch (SysError e) {
            throw OsErrors.of(e, null);
        } catch (RuntimeException e) {
            throw PyException.of(Exceptions.SYSTEM_ERROR, "glassbox's python failed inside: " + e);
        }
    }

    private void run(Stmt s) {
        if (s instanceof ExprStmt e) {
            eval.eval(e.expr());
        } else if (s instanceof Assign a) {
            Object v = eval.eval(a.value());
            for (Expr t : a.targets()) {
                eval.assign(t, v);
            }
        } else if (s instanceof AugAssign a) {
            eval.augAssign(a);
        } else if (s instanceof If i) {
            block(Ops.truthy(this, eval.eval(i.cond())) ? i.body() : i.orElse());
        } else if (s instanceof While w) {
            whileLoop(w);
        } else if (s instanceof ForStmt f) {
            forLoop(f);
        } else if (s instanceof Simple x) {
            switch (x.kind()) {
                case BREAK -> throw Flow.BREAK;
                case CONTINUE -> throw Flow.CONTINUE;
                default -> { }
            }
        } else if (s instanceof Return r) {
            throw new Flow.Return(r.value() == null ? PyNone.NONE : eval.eval(r.value()));
        } else if (s instanceof Def d) {
            def(d);
        } else if (s instanceof ClassDef c) {
            classDef(c);
        } else if (s instanceof Try t) {
            Compound.tryStmt(this, t);
        } else if (s instanceof Raise r) {
            Compound.raise(this, r);
        } else if (s instanceof With w) {
            Compound.with(this, w, 0);
        } else if (s instanceof Import i) {
            Modules.importStmt(this, i);
        } else if (s instanceof ImportFrom i) {
            Modules.importFrom(this, i);
        } else if (s instanceof Del d) {
            d.targets().forEach(eval::delete);
        } else if (s instanceof Assert a) {
            if (!Ops.truthy(this, eval.eval(a.test()))) {
                throw a.msg() == null ? PyException.of(Exceptions.ASSERTION) : PyException.of(Exceptions.ASSERTION,
                        eval.eval(a.msg()));
            }
        }
        // global and nonlocal act when the function is made (Analyzer), not when they run
    }

    private void whileLoop(While w) {
        while (Ops.truthy(this, eval.eval(w.cond()))) {
            try {
                block(w.body());
            } catch (Flow f) {
                if (f == Flow.BREAK) {
                    return;
                }
                if (f != Flow.CONTINUE) {
                    throw f;
                }
            }
            tick();
        }
        block(w.orElse());
    }

    private void forLoop(ForStmt f) {
        var it = Iter.iter(this, eval.eval(f.iter()));
        while (it.hasNext()) {
            eval.assign(f.target(), it.next());
            try {
                block(f.body());
            } catch (Flow fl) {
                if (fl == Flow.BREAK) {
                    return;
                }
                if (fl != Flow.CONTINUE) {
                    throw fl;
                }
            }
            tick();
        }
        block(f.orElse());
    }

    PyFunction function(String name, List<Param> params, List<Stmt> body, Expr expr) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (Param p : params) {
            if (p.dflt() != null) {
                defaults.put(p.name(), eval.eval(p.dflt()));
            }
        }
        Analyzer.Names names = Analyzer.of(params, body == null ? List.of() : body);
        return new PyFunction(name, frame.qualPrefix + name, params, body, expr, defaults, frame.scope.closure(), names,
                frame.src);
    }

    private void def(Def d) {
        Object fn = function(d.name(), d.params(), d.body(), null);
        fn = decorate(d.decorators(), fn);
        frame.scope.store(d.name(), fn);
    }

    private Object decorate(List<Expr> decorators, Object target) {
        List<Object> ds = new ArrayList<>();
        for (Expr e : decorators) {
            ds.add(eval.eval(e));
        }
        for (int i = ds.size() - 1; i >= 0; i--) {
            target = eval.call(ds.get(i), List.of(target), Map.of());
        }
        return target;
    }

    private void classDef(ClassDef c) {
        PyClass base = null;
        if (c.bases().size() > 1) {
            throw PyException.type("glassbox's python has single inheritance only: class " + c.name() + " names "
                    + c.bases().size() + " bases");
        }
        if (!c.bases().isEmpty()) {
            Object b = eval.eval(c.bases().get(0));
            if (!(b instanceof PyClass pc)) {
                throw PyException.type("bases must be types");
            }
            if (pc.ctor != null && pc != Builtins.OBJECT) {
                throw PyException.type("glassbox's python cannot subclass the builtin type '" + pc.name + "'");
            }
            base = pc == Builtins.OBJECT ? null : pc;
        }
        Map<String, Object> dict = new LinkedHashMap<>();
        Scope saved = frame.scope;
        String savedPrefix = frame.qualPrefix;
        frame.scope = saved.classBody(dict);
        frame.qualPrefix = savedPrefix + c.name() + ".";
        try {
            block(c.body());
        } finally {
            frame.scope = saved;
            frame.qualPrefix = savedPrefix;
        }
        PyClass cls = new PyClass(c.name(), base, null, "__main__");
        cls.dict.putAll(dict);
        for (Object v : dict.values()) {
            PyFunction f = Attrs.function(v);
            if (f != null) {
                f.owner = cls;
            }
        }
        frame.scope.store(c.name(), decorate(c.decorators(), cls));
    }

}
