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

    /** A record component by its JSON name. */
    private record Member(String name, Method accessor) {}

    static void diff(String path, Object a, Object b, List<Change> out) {
        if (a == b) {
            return;
        }
        if (a instanceof Record ra && b != null && a.getClass() == b.getClass()) { // the same names on both sides
            Member[] ms = members(ra);
            if (ms != null) {
                if (a.equals(b)) {
                    return;
                }
                try {
                    for (Member m : ms) {
                        diff(path + "/" + JsonDiff.escape(m.name()), m.accessor().invoke(a), m.accessor().invoke(b), out);
                    }
                    return;
                } catch (ReflectiveOperationException e) {
                    // compared as JSON below
                }
            }
        }
        if (scalar(a) && scalar(b) && (a == null || b == null || a.getClass() == b.getClass())) { // unequal: unequal JSON
            if (!Objects.equals(a, b)) {
                out.add(Change.replaced(path, a, b));
            }
            return;
        }
        SortedMap<String, Object> ma = members(a);
        SortedMap<String, Object> mb = ma == null ? null : members(b);
        if (ma == null || mb == null) {
            if (!Objects.equals(a, b)) {
                JsonDiff.diff(path, StateJson.tree(a), StateJson.tree(b), out);
            }
            return;
        }
        if (Objects.equals(a, b)) {
            return;
        }
        var ia = ma.entrySet().iterator();
        var ib = mb.entrySet().iterator();
        Map.Entry<String, Object> x = ia.hasNext() ? ia.next() : null;
        Map.Entry<String, Object> y = ib.hasNext() ? ib.next() : null;
        while (x != null || y != null) {
            int c = x == null ? 1 : y == null ? -1 : x.getKey().compareTo(y.getKey());
            if (c < 0) {
                out.add(Change.removed(path + "/" + JsonDiff.escape(x.getKey()), x.getValue()));
                x = ia.hasNext() ? ia.next() : null;
            } else if (c > 0) {
                out.add(Change.added(path + "/" + JsonDiff.escape(y.getKey()), y.getValue()));
                y = ib.hasNext() ? ib.next() : null;
            } else {
                diff(path + "/" + JsonDiff.escape(x.getKey()), x.getValue(), y.getValue(), out);
                x = ia.hasNext() ? ia.next() : null;
                y = ib.hasNext() ? ib.next() : null;
            }
        }
    }

    /** A value StateJson turns into a JSON scalar of its own kind: two that are not equal give JSON that is not equal. */
    private static boolean scalar(Object v) {
        return v == null || v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Boolean || v instanceof Enum<?>;
    }

    /** A record's components sorted by JSON name, or null when its JSON is Jackson's (see StateJson). */
    private static Member[] members(Record r) {
        Member[] ms = MEMBERS.computeIfAbsent(r.getClass(), t -> sorted(StateJson.recordAccessors(r)));
        return ms.length == 0 && StateJson.recordAccessors(r) == null ? null : ms;
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
            try {
                for (Member m : ms) {
                    out.put(m.name(), m.accessor().invoke(r));
                }
            } catch (ReflectiveOperationException e) {
                return null;
            }
            return out;
        }
        return null;
    }

    private static Member[] sorted(Method[] accessors) {
        if (accessors == null) {
            return new Member[0];
        }
        return Arrays.stream(accessors).map(m -> new Member(m.getName(), m)).sorted(Comparator.comparing(Member::name))
                .toArray(Member[]::new);
    }
}
