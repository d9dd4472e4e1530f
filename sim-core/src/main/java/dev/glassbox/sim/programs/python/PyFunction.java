package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.programs.python.Ast.Param;
import dev.glassbox.sim.programs.python.Ast.ParamKind;
import dev.glassbox.sim.programs.python.Ast.Stmt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A function made by {@code def} or {@code lambda}: its code, its defaults (evaluated once) and the scope it closes over. */
final class PyFunction implements PyCallable {
    private static int ids;
    final String name;
    final String qualname;
    final List<Param> params;
    final List<Stmt> body;
    /** A lambda's expression, or null. */
    final Ast.Expr expr;
    final Map<String, Object> defaults;
    final Scope closure;
    final Analyzer.Names names;
    final Source src;
    final int id = ids++;
    /** The class whose body defined it: what {@code super()} starts after. */
    PyClass owner;

    PyFunction(String name, String qualname, List<Param> params, List<Stmt> body, Ast.Expr expr, Map<String, Object> defaults,
            Scope closure, Analyzer.Names names, Source src) {
        this.name = name;
        this.qualname = qualname;
        this.params = List.copyOf(params);
        this.body = body;
        this.expr = expr;
        this.defaults = defaults;
        this.closure = closure;
        this.names = names;
        this.src = src;
    }

    @Override
    public Object call(Interp in, List<Object> args, Map<String, Object> kwargs) {
        Map<String, Object> vars = new HashMap<>();
        bind(args, kwargs, vars);
        return in.invoke(this, new Scope(vars, closure, closure.globals, names), args.isEmpty() ? null : args.get(0));
    }

    private void bind(List<Object> args, Map<String, Object> kwargs, Map<String, Object> vars) {
        List<String> positional = new ArrayList<>();
        String varargs = null;
        String kwargsName = null;
        for (Param p : params) {
            switch (p.kind()) {
                case PLAIN -> positional.add(p.name());
                case VARARGS -> varargs = p.name();
                case KWARGS -> kwargsName = p.name();
                default -> { }
            }
        }
        int n = Math.min(args.size(), positional.size());
        for (int i = 0; i < n; i++) {
            vars.put(positional.get(i), args.get(i));
        }
        if (args.size() > positional.size()) {
            if (varargs == null) {
                throw tooMany(positional, args.size(), kwargs);
            }
            vars.put(varargs, new PyTuple(args.subList(positional.size(), args.size())));
        } else if (varargs != null) {
            vars.put(varargs, PyTuple.EMPTY);
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : kwargs.entrySet()) {
            Param p = param(e.getKey());
            if (p == null) {
                if (kwargsName == null) {
                    throw PyException.type(qualname + "() got an unexpected keyword argument '" + e.getKey() + "'");
                }
                extra.put(e.getKey(), e.getValue());
            } else if (vars.containsKey(p.name())) {
                throw PyException.type(qualname + "() got multiple values for argument '" + p.name() + "'");
            } else {
                vars.put(p.name(), e.getValue());
            }
        }
        if (kwargsName != null) {
            vars.put(kwargsName, PyDict.ofStrings(extra));
        }
        List<String> missing = new ArrayList<>();
        List<String> missingKw = new ArrayList<>();
        for (Param p : params) {
            if ((p.kind() == ParamKind.PLAIN || p.kind() == ParamKind.KWONLY) && !vars.containsKey(p.name())) {
                Object d = defaults.get(p.name());
                if (d != null) {
                    vars.put(p.name(), d);
                } else {
                    (p.kind() == ParamKind.PLAIN ? missing : missingKw).add(p.name());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw missing(missing, "positional");
        }
        if (!missingKw.isEmpty()) {
            throw missing(missingKw, "keyword-only");
        }
    }

    private Param param(String n) {
        for (Param p : params) {
            if (p.name().equals(n) && (p.kind() == ParamKind.PLAIN || p.kind() == ParamKind.KWONLY)) {
                return p;
            }
        }
        return null;
    }

    private PyException tooMany(List<String> positional, int given, Map<String, Object> kwargs) {
        long withDefault = positional.stream().filter(defaults::containsKey).count();
        int max = positional.size();
        String takes = withDefault == 0 ? String.valueOf(max) : "from " + (max - withDefault) + " to " + max;
        return PyException.type(qualname + "() takes " + takes + " positional argument" + (max == 1 && withDefault == 0 ? "" : "s")
                + " but " + given + (given == 1 ? " was" : " were") + " given");
    }

    private PyException missing(List<String> names, String kind) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(names.size() == 2 ? " and " : i == names.size() - 1 ? ", and " : ", ");
            }
            sb.append('\'').append(names.get(i)).append('\'');
        }
        return PyException.type(qualname + "() missing " + names.size() + " required " + kind + " argument"
                + (names.size() == 1 ? "" : "s") + ": " + sb);
    }
}
