package dev.glassbox.sim.programs.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Subscripts: {@code seq[i]}, {@code seq[a:b:c]}, {@code d[k]}, and assigning or deleting them. */
final class Items {
    private Items() {}

    /** A slice object ({@code a:b:c}). */
    record SliceValue(Object lo, Object hi, Object step) {
        /** start, stop, step and count over a sequence of this length, clamped as Python clamps them. */
        long[] indices(long len) {
            long st = step == PyNone.NONE ? 1 : Ops.toLong(step, "slice indices");
            if (st == 0) {
                throw PyException.value("slice step cannot be zero");
            }
            long start = bound(lo, len, st, st > 0 ? 0 : len - 1);
            long stop = bound(hi, len, st, st > 0 ? len : -1);
            long count = st > 0 ? (stop > start ? (stop - start + st - 1) / st : 0) : (start > stop ? (start - stop - st - 1) / -st : 0);
            return new long[] {start, stop, st, count};
        }

        private static long bound(Object v, long len, long step, long dflt) {
            if (v == PyNone.NONE) {
                return dflt;
            }
            long i = Ops.toLong(v, "slice indices");
            if (i < 0) {
                i += len;
                if (i < 0) {
                    i = step < 0 ? -1 : 0;
                }
            } else if (i >= len) {
                i = step < 0 ? len - 1 : len;
            }
            return i;
        }
    }

    static Object get(Interp in, Object o, Object idx) {
        if (o instanceof PyList l) {
            return idx instanceof SliceValue s ? new PyList(slice(l.items, s)) : l.items.get(index(l.items.size(), idx, "list"));
        } else if (o instanceof PyTuple t) {
            return idx instanceof SliceValue s ? new PyTuple(slice(t.items, s)) : t.items.get(index(t.items.size(), idx, "tuple"));
        } else if (o instanceof String s) {
            int[] cps = s.codePoints().toArray();
            if (idx instanceof SliceValue sl) {
                long[] r = sl.indices(cps.length);
                StringBuilder sb = new StringBuilder();
                for (long k = 0, i = r[0]; k < r[3]; k++, i += r[2]) {
                    sb.appendCodePoint(cps[(int) i]);
                }
                return sb.toString();
            }
            return new String(Character.toChars(cps[index(cps.length, idx, "string")]));
        } else if (o instanceof PyDict d) {
            Object v = d.get(idx);
            if (v == null) {
                throw PyException.of(Exceptions.KEY, idx);
            }
            return v;
        } else if (o instanceof PyRange r) {
            if (idx instanceof SliceValue) {
                throw PyException.type("glassbox's python cannot slice a range; use list(range(...))[a:b]");
            }
            return Ops.integer(r.get(index(r.length(), idx, "range object")));
        } else if (o instanceof PyObject p && (p.cls.lookup("__getitem__") instanceof PyFunction f)) {
            return f.call(in, List.of(p, idx), Map.of());
        } else if (o instanceof PyClass c) {
            return c;
        } else {
            throw PyException.type("'" + Ops.typeName(o) + "' object is not subscriptable");
        }
    }

    static int index(long len, Object idx, String what) {
        if (!Ops.isInt(idx)) {
            String kind = what.equals("string") ? "string" : what.equals("range object") ? "range" : what;
            throw PyException.type(kind + " indices must be integers or slices, not " + Ops.typeName(idx));
        }
        long i = Ops.toLong(idx, what + " index");
        if (i < 0) {
            i += len;
        }
        if (i < 0 || i >= len) {
            throw PyException.index(what + " index out of range");
        }
        return (int) i;
    }

    static List<Object> slice(List<Object> items, SliceValue s) {
        long[] r = s.indices(items.size());
        List<Object> out = new ArrayList<>();
        for (long k = 0, i = r[0]; k < r[3]; k++, i += r[2]) {
            out.add(items.get((int) i));
        }
        return out;
    }

    static void set(Interp in, Object o, Object idx, Object value) {
        if (o instanceof PyList l) {
            if (idx instanceof SliceValue s) {
                long[] r = s.indices(l.items.size());
                List<Object> repl = Iter.list(in, value);
                if (r[2] != 1) {
                    if (repl.size() != r[3]) {
                        throw PyException.value("attempt to assign sequence of size " + repl.size()
                                + " to extended slice of size " + r[3]);
                    }
                    for (long k = 0, i = r[0]; k < r[3]; k++, i += r[2]) {
                        l.items.set((int) i, repl.get((int) k));
                    }
                    return;
                }
                int from = (int) r[0];
                int to = (int) Math.max(r[0], r[1]);
                l.items.subList(from, to).clear();
                l.items.addAll(from, repl);
                return;
            }
            if (!Ops.isInt(idx)) {
                throw PyException.type("list indices must be integers or slices, not " + Ops.typeName(idx));
            }
            int i = indexForStore(l.items.size(), idx);
            l.items.set(i, value);
        } else if (o instanceof PyDict d) {
            d.put(idx, value);
        } else if (o instanceof PyObject p && (p.cls.lookup("__setitem__") instanceof PyFunction f)) {
            f.call(in, List.of(p, idx, value), Map.of());
        } else {
            throw PyException.type("'" + Ops.typeName(o) + "' object does not support item assignment");
        }
    }

    private static int indexForStore(int len, Object idx) {
        long i = Ops.toLong(idx, "list index");
        if (i < 0) {
            i += len;
        }
        if (i < 0 || i >= len) {
            throw PyException.index("list assignment index out of range");
        }
        return (int) i;
    }

    static void delete(Interp in, Object o, Object idx) {
        if (o instanceof PyList l) {
            if (idx instanceof SliceValue s) {
                long[] r = s.indices(l.items.size());
                List<Integer> gone = new ArrayList<>();
                for (long k = 0, i = r[0]; k < r[3]; k++, i += r[2]) {
                    gone.add((int) i);
                }
                gone.sort(java.util.Comparator.reverseOrder());
                for (int i : gone) {
                    l.items.remove(i);
                }
                return;
            }
            long i = Ops.toLong(idx, "list index");
            if (i < 0) {
                i += l.items.size();
            }
            if (i < 0 || i >= l.items.size()) {
                throw PyException.index("list assignment index out of range");
            }
            l.items.remove((int) i);
        } else if (o instanceof PyDict d) {
            if (d.map.remove(new Key(idx)) == null) {
                throw PyException.of(Exceptions.KEY, idx);
            }
        } else {
            throw PyException.type("'" + Ops.typeName(o) + "' object doesn't support item deletion");
        }
    }
}
