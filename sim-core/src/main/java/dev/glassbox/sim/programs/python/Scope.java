package dev.glassbox.sim.programs.python;

import java.util.Map;

/**
 * A namespace names are read from and bound in: the module's globals, a class body, or one call of a function.
 * A function's names are sorted once, as CPython's compiler sorts them: those it binds are local, those it
 * declares {@code global}/{@code nonlocal} are not, the rest come from enclosing functions, globals, builtins.
 */
final class Scope {
    final Map<String, Object> vars;
    /** The lexically enclosing function scope (never a class body), or null at module level. */
    final Scope enclosing;
    final Map<String, Object> globals;
    /** A function's local names; null for a module or class scope. */
    final Analyzer.Names names;

    Scope(Map<String, Object> vars, Scope enclosing, Map<String, Object> globals, Analyzer.Names names) {
        this.vars = vars;
        this.enclosing = enclosing;
        this.globals = globals;
        this.names = names;
    }

    static Scope module(Map<String, Object> globals) {
        return new Scope(globals, null, globals, null);
    }

    Scope classBody(Map<String, Object> dict) {
        return new Scope(dict, this, globals, null);
    }

    /** Where a function defined here looks for free names: class bodies are skipped, as in Python. */
    Scope closure() {
        return names == null && vars != globals ? enclosing : this;
    }

    Object load(String n) {
        if (names != null) {
            if (names.globals().contains(n)) {
                return global(n);
            }
            if (names.locals().contains(n)) {
                Object v = vars.get(n);
                if (v == null) {
                    throw PyException.of(Exceptions.UNBOUND_LOCAL, "cannot access local variable '" + n
                            + "' where it is not associated with a value");
                }
                return v;
            }
        } else {
            Object v = vars.get(n);
            if (v != null) {
                return v;
            }
        }
        for (Scope e = enclosing; e != null && e.vars != globals; e = e.enclosing) {
            Object v = e.vars.get(n);
            if (v != null) {
                return v;
            }
        }
        return global(n);
    }

    private Object global(String n) {
        Object v = globals.get(n);
        if (v == null) {
            v = Builtins.TABLE.get(n);
        }
        if (v == null) {
            PyException e = PyException.of(Exceptions.NAME, "name '" + n + "' is not defined");
            e.exc.dict.put("name", n);
            throw e;
        }
        return v;
    }

    void store(String n, Object v) {
        target(n).put(n, v);
    }

    boolean delete(String n) {
        return target(n).remove(n) != null;
    }

    private Map<String, Object> target(String n) {
        if (names != null) {
            if (names.globals().contains(n)) {
                return globals;
            }
            if (names.nonlocals().contains(n)) {
                for (Scope e = enclosing; e != null && e.vars != globals; e = e.enclosing) {
                    if (e.vars.containsKey(n) || (e.names != null && e.names.locals().contains(n))) {
                        return e.vars;
                    }
                }
            }
        }
        return vars;
    }
}
