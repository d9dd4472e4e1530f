package dev.glassbox.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The changes between two of the state's values, the same list {@link JsonDiff} gives for their JSON
 * ({@link StateJson}), found on the values themselves: members that are equal (most of an object that changed) are
 * skipped without being turned into JSON, and only what differs is. Maps and records are compared member by member
 * in the order of their JSON names, as JsonDiff compares objects; any other value is compared as JSON whole.
 * StateDiffTest holds the two equal.
 */
final class StateDiff {
    private static final Map<Class<?>, Member[]> MEMBERS = new ConcurrentHashMap<>();

    private StateDiff() {}

    /**
     * A record component by its JSON name, with that name as a JSON-pointer step ({@code /name}, escaped) and a function
     * that reads it: a lambda made for the accessor where it is public (a reflective call costs several times more, and
     * every changed object of every step is read member by member), else the accessor called by reflection.
     */
    private record Member(String name, String step, java.util.function.Function<Object, Object> read) {
        static Member of(Method accessor) {
            return new Member(accessor.getName(), "/" + JsonDiff.escape(accessor.getName()), reader(accessor));
        }

        @SuppressWarnings("unchecked")
        private static java.util.function.Function<Object, Object> reader(Method accessor) {
            try {
                java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.lookup();
                java.lang.invoke.MethodHandle handle = lookup.unreflect(accessor);
                return (java.util.function.Function<Object, Object>) java.lang.invoke.LambdaMetafactory.metafactory(lookup, "apply",
                        java.lang.invoke.MethodType.methodType(java.util.function.Function.class),
                        java.lang.invoke.MethodType.methodType(Object.class, Object.class), handle, handle.type().wrap())
                        .getTarget().invokeExact();
            } catch (Throwable notPublic) {
                return r -> {
                    try {
                        return accessor.invoke(r);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                };
            }
        }
    }

    static void diff(String path, Object a, Object b, List<Change> out) {
        if (a == b || Objects.equals(a, b)) { // equal values are equal JSON
            return;
        }
        unequal(path, a, b, out);
    }

    /** {@link #diff} of two values already found unequal (the caller compared them before making their path). */
    static void unequal(String path, Object a, Object b, List<Change> out) {
        if (a instanceof Record ra && b != null && a.getClass() == b.getClass()) { // the same names on both sides
            Member[] ms = members(ra);
            if (ms != null) {
                for (Member m : ms) {
                    Object va = m.read().apply(a);
                    Object vb = m.read().apply(b);
                    if (va != vb && !Objects.equals(va, vb)) { // most members of a changed record are the same: no path for them
                        unequal(path + m.step(), va, vb, out);
                    }
                }
                return;
            }
        }
        if (scalar(a) && scalar(b) && (a == null || b == null || a.getClass() == b.getClass())) { // unequal: unequal JSON
            out.add(Change.replaced(path, a, b));
            return;
        }
        SortedMap<String, Object> ma = members(a);
        SortedMap<String, Object> mb = ma == null ? null : members(b);
        if (ma == null || mb == null) {
            JsonDiff.diff(path, StateJson.tree(a), StateJson.tree(b), out);
            return;
        }
        sideBySide(mb, ma, (name, now) -> out.add(Change.added(path + "/" + JsonDiff.escape(name.toString()), now)),
                (name, was) -> out.add(Change.removed(path + "/" + JsonDiff.escape(name.toString()), was)),
                (name, now, was) -> {
                    if (!Objects.equals(now, was)) {
                        unequal(path + "/" + JsonDiff.escape(name.toString()), was, now, out);
                    }
                });
    }

    /** What a side-by-side walk finds under a key on both sides. */
    @FunctionalInterface
    interface Both {
        void found(Object key, Object now, Object was);
    }

    /**
     * One walk through two maps in their keys' natural order, side by side: each key only in {@code now}, only in
     * {@code was}, or in both, in key order. A key whose value is the very same object on both sides may be left out
     * (two array maps, such as two reads of a {@link SortedArrayMap.Kept} part, are walked by index).
     */
    @SuppressWarnings("unchecked")
    static void sideBySide(SortedMap<?, ?> now, SortedMap<?, ?> was, java.util.function.BiConsumer<Object, Object> onlyNow,
            java.util.function.BiConsumer<Object, Object> onlyWas, Both both) {
        if (now instanceof SortedArrayMap<?, ?> n && was instanceof SortedArrayMap<?, ?> w) {
            byIndex(n, w, onlyNow, onlyWas, both);
            return;
        }
        var in = now.entrySet().iterator();
        var out = was.entrySet().iterator();
        Map.Entry<?, ?> a = in.hasNext() ? in.next() : null;
        Map.Entry<?, ?> b = out.hasNext() ? out.next() : null;
        while (a != null || b != null) {
            int c = a == null ? 1 : b == null ? -1 : ((Comparable<Object>) a.getKey()).compareTo(b.getKey());
            if (c < 0) {
                onlyNow.accept(a.getKey(), a.getValue());
                a = in.hasNext() ? in.next() : null;
            } else if (c > 0) {
                onlyWas.accept(b.getKey(), b.getValue());
                b = out.hasNext() ? out.next() : null;
            } else {
                both.found(a.getKey(), a.getValue(), b.getValue());
                a = in.hasNext() ? in.next() : null;
                b = out.hasNext() ? out.next() : null;
            }
        }
    }

    /**
     * The walk of two array maps by index, without an entry object per member; a key kept by its owner (the very
     * object on both sides, as most are, and all when the maps share their keys) is matched without comparing it.
     */
    @SuppressWarnings("unchecked")
    private static void byIndex(SortedArrayMap<?, ?> now, SortedArrayMap<?, ?> was, java.util.function.BiConsumer<Object, Object> onlyNow,
            java.util.function.BiConsumer<Object, Object> onlyWas, Both both) {
        int i = 0;
        int j = 0;
        int n = now.size();
        int m = was.size();
        while (i < n || j < m) {
            Object a = i < n ? now.keyAt(i) : null;
            Object b = j < m ? was.keyAt(j) : null;
            int c = a == null ? 1 : b == null ? -1 : a == b ? 0 : ((Comparable<Object>) a).compareTo(b);
            if (c < 0) {
                onlyNow.accept(a, now.valueAt(i++));
            } else if (c > 0) {
                onlyWas.accept(b, was.valueAt(j++));
            } else {
                Object x = now.valueAt(i++);
                Object y = was.valueAt(j++);
                if (x != y) {
                    both.found(a, x, y);
                }
            }
        }
    }

    /** A value StateJson turns into a JSON scalar of its own kind: two that are not equal give JSON that is not equal. */
    private static boolean scalar(Object v) {
        return v == null || v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Boolean || v instanceof Enum<?>;
    }

    /** What {@link #MEMBERS} holds for a record whose JSON is Jackson's. */
    private static final Member[] JACKSON = new Member[0];

    /** A record's components sorted by JSON name, or null when its JSON is Jackson's (see StateJson). */
    private static Member[] members(Record r) {
        Member[] ms = MEMBERS.computeIfAbsent(r.getClass(), t -> sorted(StateJson.recordAccessors(r)));
        return ms == JACKSON ? null : ms;
    }

    /** A map's or a record's members by JSON name, in that name's order; null for a value JSON shows as no object. */
    private static SortedMap<String, Object> members(Object v) {
        if (v instanceof Map<?, ?> m) {
            SortedMap<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), x));
            return out;
        }
        if (v instanceof Record r) {
            Member[] ms = members(r);
            if (ms == null) {
                return null;
            }
            SortedMap<String, Object> out = new TreeMap<>();
            for (Member m : ms) {
                out.put(m.name(), m.read().apply(r));
            }
            return out;
        }
        return null;
    }

    private static Member[] sorted(Method[] accessors) {
        if (accessors == null) {
            return JACKSON;
        }
        return Arrays.stream(accessors).map(Member::of).sorted(Comparator.comparing(Member::name))
                .toArray(Member[]::new);
    }
}
