package dev.glassbox.sim.programs.python;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A class: a builtin type ({@code int}, {@code list}, the exception types) or one a {@code class} statement made.
 * Single inheritance: attributes are looked up along the chain of bases.
 */
final class PyClass implements PyCallable {
    final String name;
    final PyClass base;
    final Map<String, Object> dict = new LinkedHashMap<>();
    /** What calling a builtin type does ({@code int("5")}); null for classes whose instances are {@link PyObject}s. */
    final PyCallable ctor;
    final String module;

    PyClass(String name, PyClass base, PyCallable ctor, String module) {
        this.name = name;
        this.base = base;
        this.ctor = ctor;
        this.module = module;
    }

    Object lookup(String attr) {
        for (PyClass c = this; c != null; c = c.base) {
            Object v = c.dict.get(attr);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    boolean isSubclassOf(PyClass other) {
        for (PyClass c = this; c != null; c = c.base) {
            if (c == other) {
                return true;
            }
        }
        return false;
    }

    boolean isException() {
        return isSubclassOf(Exceptions.BASE);
    }

    List<PyClass> mro() {
        List<PyClass> out = new ArrayList<>();
        for (PyClass c = this; c != null; c = c.base) {
            out.add(c);
        }
        return out;
    }

    @Override
    public Object call(Interp in, List<Object> args, Map<String, Object> kwargs) {
        if (ctor != null && !isException()) {
            return ctor.call(in, args, kwargs);
        }
        PyObject obj = new PyObject(this);
        if (isException()) {
            obj.dict.put("args", new PyTuple(args));
        }
        Object init = lookup("__init__");
        if (init instanceof PyFunction f) {
            Object r = f.call(in, prepend(obj, args), kwargs);
            if (r != PyNone.NONE) {
                throw PyException.type("__init__() should return None, not '" + Ops.typeName(r) + "'");
            }
        } else if (!isException() && (!args.isEmpty() || !kwargs.isEmpty())) {
            throw PyException.type(name + "() takes no arguments");
        }
        return obj;
    }

    static List<Object> prepend(Object self, List<Object> args) {
        List<Object> all = new ArrayList<>(args.size() + 1);
        all.add(self);
        all.addAll(args);
        return all;
    }
}
