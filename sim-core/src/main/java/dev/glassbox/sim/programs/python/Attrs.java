package dev.glassbox.sim.programs.python;

import java.util.List;
import java.util.Map;

/** Attribute access ({@code obj.name}) on instances, classes, modules and builtin values; properties and super(). */
final class Attrs {
    private Attrs() {}

    /** {@code @property}: a getter called on attribute access. */
    record Property(Object getter) {}

    /** {@code @staticmethod}: called without the instance. */
    record StaticMethod(Object fn) {}

    /** {@code @classmethod}: called with the class. */
    record ClassMethod(Object fn) {}

    /** What {@code super()} gives: the instance seen from the class after {@code start}. */
    record Super(PyClass start, Object self) {}

    /** The function behind a class attribute, if it is one. */
    static PyFunction function(Object v) {
        if (v instanceof PyFunction f) {
            return f;
        } else if (v instanceof StaticMethod s && (s.fn() instanceof PyFunction f)) {
            return f;
        } else if (v instanceof ClassMethod c && (c.fn() instanceof PyFunction f)) {
            return f;
        } else if (v instanceof Property p && (p.getter() instanceof PyFunction f)) {
            return f;
        } else {
            return null;
        }
    }

    static Object get(Interp in, Object o, String name) {
        Object v = find(in, o, name);
        if (v == null) {
            throw missing(o, name);
        }
        return v;
    }

    static PyException missing(Object o, String name) {
        PyException e = missingText(o, name);
        e.exc.dict.put("name", name);
        e.exc.dict.put("obj", o);
        return e;
    }

    private static PyException missingText(Object o, String name) {
        if (o instanceof PyModule m) {
            return PyException.attribute("module '" + m.name + "' has no attribute '" + name + "'");
        }
        if (o instanceof PyClass c) {
            return PyException.attribute("type object '" + c.name + "' has no attribute '" + name + "'");
        }
        return PyException.attribute("'" + Ops.typeName(o) + "' object has no attribute '" + name + "'");
    }

    static Object find(Interp in, Object o, String name) {
        if (o instanceof PyObject p) {
            Object own = p.dict.get(name);
            if (own != null) {
                return own;
            }
            Object v = p.cls.lookup(name);
            if (v != null) {
                return bind(in, v, p, p.cls);
            }
            if (name.equals("__class__")) {
                return p.cls;
            }
            if (name.equals("__dict__")) {
                return PyDict.ofStrings(p.dict);
            }
            return null;
        } else if (o instanceof PyClass c) {
            Object v = c.lookup(name);
            if (v instanceof StaticMethod s) {
                return s.fn();
            }
            if (v instanceof ClassMethod cm && cm.fn() instanceof PyFunction f) {
                return new Builtin(f.name, null, (i, args, kw) -> f.call(i, PyClass.prepend(c, args), kw));
            }
            if (v != null) {
                return v;
            }
            return switch (name) {
                case "__name__" -> c.name;
                case "__qualname__" -> c.name;
                case "__base__" -> c.base == null ? Builtins.OBJECT : c.base;
                case "__mro__" -> {
                    List<Object> mro = new java.util.ArrayList<>(c.mro());
                    mro.add(Builtins.OBJECT);
                    yield new PyTuple(mro);
                }
                default -> c.ctor != null ? Methods.unbound(c, name) : null;
            };
        } else if (o instanceof PyModule m) {
            return m.attrs.get(name);
        } else if (o instanceof Super s) {
            Object v = s.start() == null ? null : s.start().lookup(name);
            if (v == null) {
                if (name.equals("__init__")) {
                    return Builtin.of("__init__", 0, Integer.MAX_VALUE, (i, a) -> PyNone.NONE);
                }
                throw PyException.attribute("'super' object has no attribute '" + name + "'");
            }
            return bind(in, v, s.self(), s.self() instanceof PyObject p ? p.cls : null);
        } else if (o instanceof PyFunction f) {
            return switch (name) {
                case "__name__" -> f.name;
                case "__qualname__" -> f.qualname;
                default -> null;
            };
        } else {
            return Methods.get(in, o, name);
        }
    }

    private static Object bind(Interp in, Object v, Object self, PyClass cls) {
        if (v instanceof PyFunction f) {
            return new BoundMethod(self, f);
        } else if (v instanceof StaticMethod s) {
            return s.fn();
        } else if (v instanceof ClassMethod c && (c.fn() instanceof PyFunction f)) {
            return new Builtin(f.name, null,
                    (i, args, kw) -> f.call(i, PyClass.prepend(cls, args), kw));
        } else if (v instanceof Property p) {
            return in.eval.call(p.getter(), List.of(self), Map.of());
        } else {
            return v;
        }
    }

    static void set(Interp in, Object o, String name, Object value) {
        if (o instanceof PyObject p) {
            if (p.cls.lookup(name) instanceof Property) {
                throw PyException.attribute("property '" + name + "' of '" + p.cls.name + "' object has no setter");
            }
            p.dict.put(name, value);
        } else if (o instanceof PyClass c && (c.ctor == null && !c.module.equals("builtins"))) {
            c.dict.put(name, value);
        } else if (o instanceof PyModule m) {
            m.attrs.put(name, value);
        } else {
            if (o instanceof PyClass c) {
                throw PyException.type("cannot set '" + name + "' attribute of immutable type '" + c.name + "'");
            }
            throw PyException.attribute("'" + Ops.typeName(o) + "' object has no attribute '" + name + "'");
        }
    }

    static void delete(Object o, String name) {
        boolean gone;
        if (o instanceof PyObject p) {
            gone = p.dict.remove(name) != null;
        } else if (o instanceof PyModule m) {
            gone = m.attrs.remove(name) != null;
        } else {
            gone = false;
        }
        if (!gone) {
            throw missing(o, name);
        }
    }

    /** Calls {@code o.name(args)}: a dunder such as {@code __enter__} on a file or an instance. */
    static Object callMethod(Interp in, Object o, String name, List<Object> args) {
        Object m = find(in, o, name);
        if (m == null) {
            if (name.equals("__enter__") || name.equals("__exit__")) {
                throw PyException.type("'" + Ops.typeName(o) + "' object does not support the context manager protocol");
            }
            throw missing(o, name);
        }
        return in.eval.call(m, args, Map.of());
    }
}
