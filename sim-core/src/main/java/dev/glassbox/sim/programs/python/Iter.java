package dev.glassbox.sim.programs.python;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Iteration as Python does it: over every iterable, a user class's __iter__/__next__, and {@code in}. */
final class Iter {
    private Iter() {}

    static Iterator<Object> iter(Interp in, Object o) {
        if (o instanceof PyList l) {
            return new Iterator<>() {
                int i;

                @Override
                public boolean hasNext() {
                    return i < l.items.size();
                }

                @Override
                public Object next() {
                    return l.items.get(i++);
                }
            };
        } else if (o instanceof PyTuple t) {
            return t.items.iterator();
        } else if (o instanceof String s) {
            return s.codePoints().mapToObj(cp -> (Object) new String(Character.toChars(cp))).iterator();
        } else if (o instanceof PyDict d) {
            List<Object> keys = new ArrayList<>();
            d.map.keySet().forEach(k -> keys.add(k.value()));
            return keys.iterator();
        } else if (o instanceof PySet s) {
            return setOrder(s).iterator();
        } else if (o instanceof PyRange r) {
            return new Iterator<>() {
                long i;

                @Override
                public boolean hasNext() {
                    return i < r.length();
                }

                @Override
                public Object next() {
                    return BigInteger.valueOf(r.get(i++));
                }
            };
        } else if (o instanceof PyIter it) {
            return it;
        } else if (o instanceof PyFile f) {
            return f.lines(in);
        } else if (o instanceof Methods.DictView v) {
            return v.items().iterator();
        } else if (o instanceof PyObject p && (p.cls.lookup("__iter__") instanceof PyFunction f)) {
            Object it = f.call(in, List.of(p), Map.of());
            if (it instanceof PyObject q && q.cls.lookup("__next__") instanceof PyFunction next) {
                return userIterator(in, q, next);
            }
            return iter(in, it);
        } else {
            throw PyException.type("'" + Ops.typeName(o) + "' object is not iterable");
        }
    }
    private static Iterator<Object> userIterator(Interp in, PyObject it, PyFunction next) {
        return new Iterator<>() {
            Object ahead;
            boolean done;

            @Override
            public boolean hasNext() {
                if (ahead == null && !done) {
                    try {
                        ahead = next.call(in, List.of(it), Map.of());
                    } catch (PyException e) {
                        if (!e.is(Exceptions.STOP_ITERATION)) {
                            throw e;
                        }
                        done = true;
                    }
                }
                return ahead != null;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object r = ahead;
                ahead = null;
                return r;
            }
        };
    }
    /** A set's members in the order CPython would list them where that is predictable: small non-negative ints sorted. */
    static List<Object> setOrder(PySet s) {
        List<Object> out = new ArrayList<>();
        boolean smallInts = true;
        for (Key k : s.items) {
            out.add(k.value());
            smallInts &= k.value() instanceof BigInteger b && b.signum() >= 0 && b.bitLength() < 31;
        }
        if (smallInts) {
            out.sort((x, y) -> ((BigInteger) x).compareTo((BigInteger) y));
        }
        return out;
    }
    static List<Object> list(Interp in, Object o) {
        if (o instanceof PyList l) {
            return new ArrayList<>(l.items);
        }
        if (o instanceof PyTuple t) {
            return t.items;
        }
        List<Object> out = new ArrayList<>();
        Iterator<Object> it = iter(in, o);
        while (it.hasNext()) {
            out.add(it.next());
            in.tick();
        }
        return out;
    }
    static boolean contains(Interp in, Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String t)) {
                throw PyException.type("'in <string>' requires string as left operand, not " + Ops.typeName(item));
            }
            return s.contains(t);
        } else if (container instanceof PyDict d) {
            return d.map.containsKey(new Key(item));
        } else if (container instanceof Methods.DictView v && (v.kind().equals("dict_keys"))) {
            return v.dict().map.containsKey(new Key(item));
        } else if (container instanceof PySet s) {
            return s.contains(item);
        } else if (container instanceof PyRange r) {
            if (!Ops.isInt(item)) {
                return false;
            }
            long v = Ops.big(item).longValue();
            long off = v - r.start();
            return r.step() > 0 ? v >= r.start() && v < r.stop() && off % r.step() == 0
                    : v <= r.start() && v > r.stop() && off % r.step() == 0;
        } else if (container instanceof PyObject p && (p.cls.lookup("__contains__") instanceof PyFunction f)) {
            return Ops.truthy(in, f.call(in, List.of(p, item), Map.of()));
        } else {
            Iterator<Object> it = iter(in, container);
            while (it.hasNext()) {
                if (Ops.eq(in, it.next(), item)) {
                    return true;
                }
            }
            return false;
        }
    }
}
