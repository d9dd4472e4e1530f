package dev.glassbox.sim.programs.python;

import dev.glassbox.sim.programs.python.Ast.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates expressions and binds targets. Before an operation that can fail it marks the frame's current
 * node, so a traceback points at the operation that raised ({@code 1/0}, {@code d['k']}, {@code f(x)}).
 */
final class Eval {
    private final Interp in;

    Eval(Interp in) {
        this.in = in;
    }

    private void at(Object node) {
        in.frame.node = node;
    }

    Object eval(Expr e) {
        if (e instanceof Const c) {
            return c.value();
        } else if (e instanceof Name n) {
            at(n);
            return in.frame.scope.load(n.id());
        } else if (e instanceof BinOp b) {
            Object l = eval(b.left());
            Object r = eval(b.right());
            at(b);
            return Arith.binary(in, b.op(), l, r);
        } else if (e instanceof Unary u) {
            Object v = eval(u.operand());
            at(u);
            return Arith.unary(in, u.op(), v);
        } else if (e instanceof BoolOp b) {
            Object v = null;
            for (Expr x : b.values()) {
                v = eval(x);
                if (Ops.truthy(in, v) != b.and()) {
                    return v;
                }
            }
            return v;
        } else if (e instanceof Compare c) {
            return compare(c);
        } else if (e instanceof Call c) {
            return callExpr(c);
        } else if (e instanceof Attr a) {
            Object o = eval(a.obj());
            at(a);
            return Attrs.get(in, o, a.name());
        } else if (e instanceof Index x) {
            Object o = eval(x.obj());
            Object i = eval(x.index());
            at(x);
            return Items.get(in, o, i);
        } else if (e instanceof Slice s) {
            return new Items.SliceValue(s.lo() == null ? PyNone.NONE : eval(s.lo()), s.hi() == null ? PyNone.NONE
                    : eval(s.hi()), s.step() == null ? PyNone.NONE : eval(s.step()));
        } else if (e instanceof Seq s) {
            List<Object> items = new ArrayList<>();
            for (Expr x : s.items()) {
                if (x instanceof Starred st) {
                    items.addAll(Iter.list(in, eval(st.value())));
                } else {
                    items.add(eval(x));
                }
            }
            return switch (s.kind()) {
                case LIST -> new PyList(items);
                case TUPLE -> new PyTuple(items);
                case SET -> {
                    PySet set = new PySet();
                    items.forEach(set::add);
                    yield set;
                }
            };
        } else if (e instanceof DictE d) {
            PyDict out = new PyDict();
            for (int i = 0; i < d.keys().size(); i++) {
                if (d.keys().get(i) == null) {
                    Object m = eval(d.values().get(i));
                    if (!(m instanceof PyDict md)) {
                        throw PyException.type("'" + Ops.typeName(m) + "' object is not a mapping");
                    }
                    out.map.putAll(md.map);
                } else {
                    Object k = eval(d.keys().get(i));
                    out.put(k, eval(d.values().get(i)));
                }
            }
            return out;
        } else if (e instanceof FStr f) {
            return fstring(f);
        } else if (e instanceof Comp c) {
            return comprehension(c);
        } else if (e instanceof Lambda l) {
            return in.function("<lambda>", l.params(), null, l.body());
        } else if (e instanceof IfExp i) {
            return Ops.truthy(in, eval(i.cond())) ? eval(i.then()) : eval(i.orElse());
        } else if (e instanceof Starred s) {
            at(s);
            throw PyException.type("can't use starred expression here");
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    private Object compare(Compare c) {
        Object left = eval(c.first());
        for (int i = 0; i < c.ops().size(); i++) {
            Object right = eval(c.rest().get(i));
            at(c);
            boolean ok = switch (c.ops().get(i)) {
                case "==" -> Ops.eq(in, left, right);
                case "!=" -> !Ops.eq(in, left, right);
                case "is" -> same(left, right);
                case "is not" -> !same(left, right);
                case "in" -> Iter.contains(in, right, left);
                case "not in" -> !Iter.contains(in, right, left);
                default -> Ops.order(in, c.ops().get(i), left, right);
            };
            if (!ok) {
                return false;
            }
            left = right;
        }
        return true;
    }

    /** {@code is}: identity; small ints, bools and interned strings are the same object in CPython too. */
    private static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            return a.equals(b);
        }
        if (a instanceof java.math.BigInteger x && b instanceof java.math.BigInteger y) {
            return x.equals(y) && x.bitLength() < 9;
        }
        return a instanceof String s && s.equals(b) && s.length() < 20;
    }

    private Object callExpr(Call c) {
        Object fn = eval(c.fn());
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (Arg a : c.args()) {
            Object v = eval(a.value());
            if (a.star()) {
                args.addAll(Iter.list(in, v));
            } else if (a.dstar()) {
                if (!(v instanceof PyDict d)) {
                    throw PyException.type("argument after ** must be a mapping, not " + Ops.typeName(v));
                }
                d.map.forEach((k, val) -> kwargs.put(Format.str(in, k.value()), val));
            } else if (a.name() != null) {
                kwargs.put(a.name(), v);
            } else {
                args.add(v);
            }
        }
        at(c);
        return call(fn, args, kwargs);
    }

    Object call(Object fn, List<Object> args, Map<String, Object> kwargs) {
        if (fn instanceof PyCallable pc) {
            return pc.call(in, args, kwargs);
        }
        if (fn instanceof PyObject p && p.cls.lookup("__call__") instanceof PyFunction f) {
            return f.call(in, PyClass.prepend(p, args), kwargs);
        }
        throw PyException.type("'" + Ops.typeName(fn) + "' object is not callable");
    }

    private String fstring(FStr f) {
        StringBuilder sb = new StringBuilder();
        for (Object part : f.parts()) {
            if (part instanceof String s) {
                sb.append(s);
                continue;
            }
            FField field = (FField) part;
            Object v = eval(field.expr());
            if (field.selfDoc() != null) {
                sb.append(field.selfDoc());
            }
            if (field.conv() == 'r') {
                v = Format.repr(in, v);
            } else if (field.conv() == 's') {
                v = Format.str(in, v);
            }
            String spec = field.spec() == null ? "" : fstring(field.spec());
            sb.append(FormatSpec.format(in, v, spec));
        }
        return sb.toString();
    }

    private Object comprehension(Comp c) {
        List<Expr> targets = new ArrayList<>();
        c.fors().forEach(f -> targets.add(f.target()));
        Scope outer = in.frame.scope;
        Object first = eval(c.fors().get(0).iter());
        Scope inner = new Scope(new HashMap<>(), outer.closure() == outer ? outer : outer.closure(), outer.globals,
                Analyzer.ofTargets(targets));
        List<Object> out = new ArrayList<>();
        PyDict dict = c.kind() == CompKind.DICT ? new PyDict() : null;
        in.frame.scope = inner;
        try {
            loop(c, 0, first, out, dict);
        } finally {
            in.frame.scope = outer;
        }
        return switch (c.kind()) {
            case LIST -> new PyList(out);
            case DICT -> dict;
            case SET -> {
                PySet s = new PySet();
                out.forEach(s::add);
                yield s;
            }
            case GEN -> new PyIter("generator", out.iterator());
        };
    }

    private void loop(Comp c, int level, Object iterable, List<Object> out, PyDict dict) {
        For f = c.fors().get(level);
        Iterator<Object> it = Iter.iter(in, iterable == null ? eval(f.iter()) : iterable);
        while (it.hasNext()) {
            in.tick();
            assign(f.target(), it.next());
            boolean keep = true;
            for (Expr cond : f.ifs()) {
                if (!Ops.truthy(in, eval(cond))) {
                    keep = false;
                    break;
                }
            }
            if (!keep) {
                continue;
            }
            if (level + 1 < c.fors().size()) {
                loop(c, level + 1, null, out, dict);
            } else if (dict != null) {
                Object k = eval(c.elt());
                dict.put(k, eval(c.value()));
            } else {
                Arith.checkLen(out.size() + 1L, null);
                out.add(eval(c.elt()));
            }
        }
    }

    // ---- targets

    void assign(Expr target, Object value) {
        if (target instanceof Name n) {
            in.frame.scope.store(n.id(), value);
        } else if (target instanceof Attr a) {
            Object o = eval(a.obj());
            at(a);
            Attrs.set(in, o, a.name(), value);
        } else if (target instanceof Index x) {
            Object o = eval(x.obj());
            Object i = eval(x.index());
            at(x);
            Items.set(in, o, i, value);
        } else if (target instanceof Seq s) {
            unpack(s.items(), value);
        } else if (target instanceof Starred s) {
            assign(s.value(), value);
        } else {
            throw PyException.type("cannot assign to " + Ops.typeName(target));
        }
    }

    private void unpack(List<Expr> targets, Object value) {
        List<Object> items = Iter.list(in, value);
        int star = -1;
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i) instanceof Starred) {
                star = i;
            }
        }
        if (star < 0) {
            if (items.size() > targets.size()) {
                throw PyException.value("too many values to unpack (expected " + targets.size() + ")");
            }
            if (items.size() < targets.size()) {
                throw PyException.value("not enough values to unpack (expected " + targets.size() + ", got " + items.size() + ")");
            }
            for (int i = 0; i < targets.size(); i++) {
                assign(targets.get(i), items.get(i));
            }
            return;
        }
        int after = targets.size() - star - 1;
        if (items.size() < targets.size() - 1) {
            throw PyException.value("not enough values to unpack (expected at least " + (targets.size() - 1) + ", got "
                    + items.size() + ")");
        }
        for (int i = 0; i < star; i++) {
            assign(targets.get(i), items.get(i));
        }
        assign(targets.get(star), new PyList(items.subList(star, items.size() - after)));
        for (int i = 0; i < after; i++) {
            assign(targets.get(star + 1 + i), items.get(items.size() - after + i));
        }
    }

    void augAssign(AugAssign a) {
        Object rhs = eval(a.value());
        if (a.target() instanceof Name n) {
            at(n);
            Object cur = in.frame.scope.load(n.id());
            at(a);
            in.frame.scope.store(n.id(), inPlace(a.op(), cur, rhs));
        } else if (a.target() instanceof Attr t) {
            Object o = eval(t.obj());
            at(t);
            Object cur = Attrs.get(in, o, t.name());
            at(a);
            Attrs.set(in, o, t.name(), inPlace(a.op(), cur, rhs));
        } else if (a.target() instanceof Index x) {
            Object o = eval(x.obj());
            Object i = eval(x.index());
            at(x);
            Object cur = Items.get(in, o, i);
            at(a);
            Items.set(in, o, i, inPlace(a.op(), cur, rhs));
        } else {
            throw PyException.type("illegal expression for augmented assignment");
        }
    }

    /** {@code +=} on a list extends it in place, as {@code list.__iadd__} does; everything else rebinds. */
    private Object inPlace(String op, Object cur, Object rhs) {
        if (op.equals("+") && cur instanceof PyList l && !(rhs instanceof String)) {
            l.items.addAll(Iter.list(in, rhs));
            return l;
        }
        return Arith.binary(in, op, cur, rhs);
    }

    void delete(Expr target) {
        if (target instanceof Name n) {
            at(n);
            if (!in.frame.scope.delete(n.id())) {
                throw PyException.of(Exceptions.NAME, "name '" + n.id() + "' is not defined");
            }
        } else if (target instanceof Index x) {
            Object o = eval(x.obj());
            Object i = eval(x.index());
            at(x);
            Items.delete(in, o, i);
        } else if (target instanceof Attr a) {
            Object o = eval(a.obj());
            at(a);
            Attrs.delete(o, a.name());
        } else if (target instanceof Seq s) {
            s.items().forEach(this::delete);
        } else {
            throw PyException.type("cannot delete " + Ops.typeName(target));
        }
    }
}
