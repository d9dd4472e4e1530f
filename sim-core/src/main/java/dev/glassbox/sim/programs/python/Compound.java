package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.programs.python.Ast.*;
import java.util.List;
import java.util.Map;

/** The statements about exceptions: try/except/else/finally, raise (with its chaining), and with's __enter__/__exit__. */
final class Compound {
    private Compound() {}

    static void tryStmt(Interp in, Try t) {
        try {
            tryBody(in, t);
        } catch (PyException | Flow e) {
            in.block(t.fin());
            throw e;
        }
        in.block(t.fin());
    }
    private static void tryBody(Interp in, Try t) {
        try {
            in.block(t.body());
        } catch (PyException e) {
            in.addEntry(e.exc, in.frame);
            Handler h = handlerFor(in, t, e.exc);
            if (h == null) {
                throw e;
            }
            PyObject saved = in.handling;
            in.handling = e.exc;
            try {
                if (h.name() != null) {
                    in.frame.scope.store(h.name(), e.exc);
                }
                in.block(h.body());
            } catch (PyException e2) {
                if (e2.exc != e.exc && e2.exc.context == null) {
                    e2.exc.context = e.exc;
                }
                throw e2;
            } finally {
                in.handling = saved;
                if (h.name() != null) {
                    in.frame.scope.delete(h.name());
                }
            }
            return;
        }
        in.block(t.orElse());
    }
    private static Handler handlerFor(Interp in, Try t, PyObject exc) {
        for (Handler h : t.handlers()) {
            if (h.type() == null) {
                return h;
            }
            in.frame.node = h.type();
            Object type = in.eval.eval(h.type());
            List<Object> types = type instanceof PyTuple tu ? tu.items : List.of(type);
            for (Object ty : types) {
                if (!(ty instanceof PyClass c) || !c.isException()) {
                    throw PyException.type("catching classes that do not inherit from BaseException is not allowed");
                }
                if (exc.cls.isSubclassOf(c)) {
                    return h;
                }
            }
        }
        return null;
    }
    static void raise(Interp in, Raise r) {
        if (r.exc() == null) {
            if (in.handling == null) {
                throw PyException.of(Exceptions.RUNTIME, "No active exception to reraise");
            }
            throw new PyException(in.handling);
        }
        PyObject exc = exception(in, in.eval.eval(r.exc()));
        if (r.cause() != null) {
            Object cause = in.eval.eval(r.cause());
            exc.cause = cause == PyNone.NONE ? null : exception(in, cause);
            exc.suppressContext = true;
        }
        if (in.handling != null && in.handling != exc) {
            exc.context = in.handling;
        }
        in.frame.node = r;
        throw new PyException(exc);
    }
    static PyObject exception(Interp in, Object v) {
        if (v instanceof PyClass c && c.isException()) {
            v = c.call(in, List.of(), Map.of());
        }
        if (v instanceof PyObject p && p.cls.isException()) {
            return p;
        }
        throw PyException.type("exceptions must derive from BaseException");
    }
    static void with(Interp in, With w, int index) {
        if (index == w.items().size()) {
            in.block(w.body());
            return;
        }
        WithItem item = w.items().get(index);
        Object ctx = in.eval.eval(item.ctx());
        Object entered = Attrs.callMethod(in, ctx, "__enter__", List.of());
        if (item.target() != null) {
            in.eval.assign(item.target(), entered);
        }
        try {
            with(in, w, index + 1);
        } catch (PyException e) {
            in.addEntry(e.exc, in.frame);
            Object swallow = Attrs.callMethod(in, ctx, "__exit__", List.of(e.exc.cls, e.exc, PyNone.NONE));
            if (!Ops.truthy(in, swallow)) {
                throw e;
            }
            return;
        } catch (Flow f) {
            Attrs.callMethod(in, ctx, "__exit__", List.of(PyNone.NONE, PyNone.NONE, PyNone.NONE));
            throw f;
        }
        Attrs.callMethod(in, ctx, "__exit__", List.of(PyNone.NONE, PyNone.NONE, PyNone.NONE));
    }
}
