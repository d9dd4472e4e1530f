package dev.glassbox.sim.programs.python;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The methods of the builtin containers and numbers; str's are in {@link StrMethods}. */
final class Methods {
    private Methods() {}

    /** dict.keys(), .values() and .items(): live views of the dict. */
    record DictView(String kind, PyDict dict) {
        List<Object> items() {
            List<Object> out = new ArrayList<>();
            dict.map.forEach((k, v) -> out.add(switch (kind) {
                case "dict_keys" -> k.value();
                case "dict_values" -> v;
                default -> PyTuple.of(k.value(), v);
            }));
            return out;
        }
    }

    static Object get(Interp in, Object o, String name) {
        if (o instanceof String s) {
            return StrMethods.get(in, s, name);
        } else if (o instanceof PyList l) {
            return list(l, name);
        } else if (o instanceof PyDict d) {
            return dict(d, name);
        } else if (o instanceof PySet s) {
            return set(s, name);
        } else if (o instanceof PyTuple t) {
            return switch (name) {
                case "count" -> Builtin.method(name, t, 1, 1, (i, a) -> Ops.integer(t.items.stream().filter(x -> Ops.eq(x, a.get(0))).count()));
                case "index" -> Builtin.method(name, t, 1, 1, (i, a) -> indexOf(t.items, a.get(0), "tuple.index(x): x not in tuple"));
                default -> null;
            };
        } else if (o instanceof BigInteger b) {
            return switch (name) {
                case "bit_length" -> Builtin.method(name, b, 0, 0, (i, a) -> Ops.integer(b.abs().bitLength()));
                case "real", "numerator" -> b;
                default -> null;
            };
        } else if (o instanceof Double d) {
            return switch (name) {
                case "is_integer" -> Builtin.method(name, d, 0, 0, (i, a) -> d == Math.rint(d) && !Double.isInfinite(d));
                case "real" -> d;
                default -> null;
            };
        } else if (o instanceof PyFile f) {
            return f.method(in, name);
        } else {
            return null;
        }
    }

    /** {@code str.upper} fetched from the type: a function that takes the instance first. */
    static Object unbound(PyClass c, String name) {
        return new Builtin(name, null, (in, args, kw) -> {
            if (args.isEmpty()) {
                throw PyException.type("unbound method " + c.name + "." + name + "() needs an argument");
            }
            Object m = Attrs.get(in, args.get(0), name);
            return in.eval.call(m, args.subList(1, args.size()), kw);
        });
    }

    private static Object indexOf(List<Object> items, Object x, String msg) {
        for (int i = 0; i < items.size(); i++) {
            if (Ops.eq(items.get(i), x)) {
                return Ops.integer(i);
            }
        }
        throw PyException.value(msg);
    }

    private static Object list(PyList l, String name) {
        List<Object> it = l.items;
        return switch (name) {
            case "append" -> Builtin.method(name, l, 1, 1, (i, a) -> {
                Arith.checkLen(it.size() + 1L, null);
                it.add(a.get(0));
                return PyNone.NONE;
            });
            case "extend" -> Builtin.method(name, l, 1, 1, (i, a) -> {
                it.addAll(Iter.list(i, a.get(0)));
                return PyNone.NONE;
            });
            case "insert" -> Builtin.method(name, l, 2, 2, (i, a) -> {
                long at = Ops.toLong(a.get(0), "index");
                if (at < 0) {
                    at = Math.max(0, at + it.size());
                }
                it.add((int) Math.min(at, it.size()), a.get(1));
                return PyNone.NONE;
            });
            case "pop" -> Builtin.method(name, l, 0, 1, (i, a) -> {
                if (it.isEmpty()) {
                    throw PyException.index("pop from empty list");
                }
                long at = a.isEmpty() ? -1 : Ops.toLong(a.get(0), "index");
                if (at < 0) {
                    at += it.size();
                }
                if (at < 0 || at >= it.size()) {
                    throw PyException.index("pop index out of range");
                }
                return it.remove((int) at);
            });
            case "remove" -> Builtin.method(name, l, 1, 1, (i, a) -> {
                int at = ((BigInteger) indexOf(it, a.get(0), "list.remove(x): x not in list")).intValue();
                it.remove(at);
                return PyNone.NONE;
            });
            case "index" -> Builtin.method(name, l, 1, 1, (i, a) -> indexOf(it, a.get(0),
                    Format.repr(i, a.get(0)) + " is not in list"));
            case "count" -> Builtin.method(name, l, 1, 1, (i, a) -> Ops.integer(it.stream().filter(x -> Ops.eq(x, a.get(0))).count()));
            case "reverse" -> Builtin.method(name, l, 0, 0, (i, a) -> {
                java.util.Collections.reverse(it);
                return PyNone.NONE;
            });
            case "copy" -> Builtin.method(name, l, 0, 0, (i, a) -> new PyList(it));
            case "clear" -> Builtin.method(name, l, 0, 0, (i, a) -> {
                it.clear();
                return PyNone.NONE;
            });
            case "sort" -> new Builtin(name, l, (i, a, kw) -> {
                Args.count("sort", a, 0, 0);
                Args.only("sort", kw, "key", "reverse");
                sort(i, it, kw.get("key"), Ops.truthy(i, Args.kw(kw, "reverse", false)));
                return PyNone.NONE;
            });
            default -> null;
        };
    }

    /** A stable sort by key, in Python's order; reverse keeps equal items in their order, as Python's does. */
    static void sort(Interp in, List<Object> items, Object key, boolean reverse) {
        List<Object> keys = new ArrayList<>();
        for (Object o : items) {
            keys.add(key == null || key == PyNone.NONE ? o : in.eval.call(key, List.of(o), Map.of()));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        Comparator<Integer> cmp = (x, y) -> Ops.compare(in, "<", keys.get(x), keys.get(y));
        try {
            order.sort(reverse ? (x, y) -> cmp.compare(y, x) : cmp);
        } catch (IllegalArgumentException e) {
            // an inconsistent order (NaN keys): leave what the sort managed
        }
        List<Object> sorted = new ArrayList<>();
        order.forEach(i -> sorted.add(items.get(i)));
        items.clear();
        items.addAll(sorted);
    }

    private static Object dict(PyDict d, String name) {
        return switch (name) {
            case "get" -> Builtin.method(name, d, 1, 2, (i, a) -> {
                Object v = d.get(a.get(0));
                return v != null ? v : a.size() > 1 ? a.get(1) : PyNone.NONE;
            });
            case "keys" -> Builtin.method(name, d, 0, 0, (i, a) -> new DictView("dict_keys", d));
            case "values" -> Builtin.method(name, d, 0, 0, (i, a) -> new DictView("dict_values", d));
            case "items" -> Builtin.method(name, d, 0, 0, (i, a) -> new DictView("dict_items", d));
            case "pop" -> Builtin.method(name, d, 1, 2, (i, a) -> {
                Object v = d.map.remove(new Key(a.get(0)));
                if (v == null) {
                    if (a.size() > 1) {
                        return a.get(1);
                    }
                    throw PyException.of(Exceptions.KEY, a.get(0));
                }
                return v;
            });
            case "popitem" -> Builtin.method(name, d, 0, 0, (i, a) -> {
                if (d.map.isEmpty()) {
                    throw PyException.of(Exceptions.KEY, "popitem(): dictionary is empty");
                }
                Key last = null;
                for (Key k : d.map.keySet()) {
                    last = k;
                }
                return PyTuple.of(last.value(), d.map.remove(last));
            });
            case "setdefault" -> Builtin.method(name, d, 1, 2, (i, a) -> {
                Object v = d.get(a.get(0));
                if (v == null) {
                    v = a.size() > 1 ? a.get(1) : PyNone.NONE;
                    d.put(a.get(0), v);
                }
                return v;
            });
            case "update" -> new Builtin(name, d, (i, a, kw) -> {
                Args.count("update", a, 0, 1);
                if (!a.isEmpty()) {
                    Builtins.fillDict(i, d, a.get(0));
                }
                kw.forEach(d::put);
                return PyNone.NONE;
            });
            case "copy" -> Builtin.method(name, d, 0, 0, (i, a) -> {
                PyDict c = new PyDict();
                c.map.putAll(d.map);
                return c;
            });
            case "clear" -> Builtin.method(name, d, 0, 0, (i, a) -> {
                d.map.clear();
                return PyNone.NONE;
            });
            default -> null;
        };
    }

    private static Object set(PySet s, String name) {
        return switch (name) {
            case "add" -> Builtin.method(name, s, 1, 1, (i, a) -> {
                s.add(a.get(0));
                return PyNone.NONE;
            });
            case "remove", "discard" -> Builtin.method(name, s, 1, 1, (i, a) -> {
                if (!s.items.remove(new Key(a.get(0))) && name.equals("remove")) {
                    throw PyException.of(Exceptions.KEY, a.get(0));
                }
                return PyNone.NONE;
            });
            case "pop" -> Builtin.method(name, s, 0, 0, (i, a) -> {
                if (s.items.isEmpty()) {
                    throw PyException.of(Exceptions.KEY, "pop from an empty set");
                }
                Object first = Iter.setOrder(s).get(0);
                s.items.remove(new Key(first));
                return first;
            });
            case "union" -> Builtin.method(name, s, 0, 9, (i, a) -> fold(i, "|", s, a));
            case "intersection" -> Builtin.method(name, s, 0, 9, (i, a) -> fold(i, "&", s, a));
            case "difference" -> Builtin.method(name, s, 0, 9, (i, a) -> fold(i, "-", s, a));
            case "update" -> Builtin.method(name, s, 0, 9, (i, a) -> {
                for (Object o : a) {
                    Iter.list(i, o).forEach(s::add);
                }
                return PyNone.NONE;
            });
            case "issubset" -> Builtin.method(name, s, 1, 1, (i, a) -> toSet(i, a.get(0)).items.containsAll(s.items));
            case "issuperset" -> Builtin.method(name, s, 1, 1, (i, a) -> s.items.containsAll(toSet(i, a.get(0)).items));
            case "copy" -> Builtin.method(name, s, 0, 0, (i, a) -> fold(i, "|", s, List.of()));
            case "clear" -> Builtin.method(name, s, 0, 0, (i, a) -> {
                s.items.clear();
                return PyNone.NONE;
            });
            default -> null;
        };
    }

    private static PySet toSet(Interp in, Object o) {
        if (o instanceof PySet s) {
            return s;
        }
        PySet s = new PySet();
        Iter.list(in, o).forEach(s::add);
        return s;
    }

    private static PySet fold(Interp in, String op, PySet s, List<Object> others) {
        PySet r = setOp("|", s, new PySet());
        for (Object o : others) {
            r = setOp(op, r, toSet(in, o));
        }
        return r;
    }

    static PySet setOp(String op, PySet a, PySet b) {
        PySet r = new PySet();
        switch (op) {
            case "|" -> {
                r.items.addAll(a.items);
                r.items.addAll(b.items);
            }
            case "&" -> a.items.stream().filter(b.items::contains).forEach(r.items::add);
            case "-" -> a.items.stream().filter(k -> !b.items.contains(k)).forEach(r.items::add);
            default -> {
                a.items.stream().filter(k -> !b.items.contains(k)).forEach(r.items::add);
                b.items.stream().filter(k -> !a.items.contains(k)).forEach(r.items::add);
            }
        }
        return r;
    }
}
