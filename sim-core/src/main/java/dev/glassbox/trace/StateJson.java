package dev.glassbox.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state's values as JSON, built directly: strings, numbers, booleans, enums by name, maps with their keys
 * sorted, collections, and records by their components in order. This is what Jackson's {@code valueToTree} gives
 * for them with map entries ordered by key (StateJsonTest holds the two equal), without its round trip through a
 * token buffer, which was most of a trace step's cost. Anything else goes to Jackson.
 */
final class StateJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<Class<?>, Method[]> RECORDS = new ConcurrentHashMap<>();

    private StateJson() {}

    static JsonNode tree(Object v) {
        if (v == null) {
            return NullNode.instance;
        }
        if (v instanceof String s) {
            return NODES.textNode(s);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i.intValue());
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l.longValue());
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sorted.put(String.valueOf(e.getKey()), e.getValue());
            }
            sorted.forEach((k, x) -> o.set(k, tree(x)));
            return o;
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode(c.size());
            for (Object x : c) {
                a.add(tree(x));
            }
            return a;
        }
        if (v instanceof Record r) {
            Method[] accessors = recordAccessors(r);
            if (accessors != null) {
                ObjectNode o = NODES.objectNode();
                try {
                    for (Method m : accessors) {
                        o.set(m.getName(), tree(m.invoke(r)));
                    }
                    return o;
                } catch (ReflectiveOperationException e) {
                    // not readable here: Jackson decides below
                }
            }
        }
        return StateModel.JSON.valueToTree(v);
    }

    /** A record's accessors in component order, or null when Jackson, not this class, turns it into JSON. */
    static Method[] recordAccessors(Record r) {
        return RECORDS.computeIfAbsent(r.getClass(), StateJson::accessors);
    }

    /** A record's accessors, or null when it has other bean properties Jackson would add (then Jackson serializes it). */
    private static Method[] accessors(Class<?> type) {
        for (Method m : type.getMethods()) {
            String n = m.getName();
            if (m.getParameterCount() == 0 && m.getDeclaringClass() == type && !java.lang.reflect.Modifier.isStatic(m.getModifiers())
                    && ((n.startsWith("get") && n.length() > 3) || (n.startsWith("is") && n.length() > 2 && m.getReturnType() == boolean.class))) {
                return null;
            }
        }
        RecordComponent[] cs = type.getRecordComponents();
        Method[] out = new Method[cs.length];
        for (int i = 0; i < cs.length; i++) {
            out[i] = cs[i].getAccessor();
            out[i].setAccessible(true);
        }
        return out;
    }
}
