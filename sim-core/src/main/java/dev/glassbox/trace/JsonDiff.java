package dev.glassbox.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Differences between two JSON trees as {@link Change}s, and applying them forward or back. */
public final class JsonDiff {
    private JsonDiff() {}

    public static List<Change> diff(JsonNode before, JsonNode after) {
        List<Change> out = new ArrayList<>();
        diff("", before, after, out);
        return out;
    }

    /** Appends the differences of two values found at {@code path} (a JSON pointer) to {@code out}. */
    public static void diff(String path, JsonNode a, JsonNode b, List<Change> out) {
        if (a == null && b == null) {
            return;
        }
        if (a == null || b == null) {
            out.add(new Change(path, a, b));
            return;
        }
        if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path + "/" + escape(name), a.get(name), b.get(name), out);
            }
            return;
        }
        if (!a.equals(b)) {
            out.add(new Change(path, a, b));
        }
    }

    /** Applies changes in order to a copy of {@code state}; pass inverses in reverse order to go back. */
    public static JsonNode apply(JsonNode state, List<Change> changes) {
        JsonNode root = state.deepCopy();
        for (Change c : changes) {
            root = set(root, c.path(), c.after());
        }
        return root;
    }

    private static JsonNode set(JsonNode root, String path, JsonNode value) {
        if (path.isEmpty()) {
            return value;
        }
        String[] parts = path.substring(1).split("/", -1);
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            String part = unescape(parts[i]);
            JsonNode next = node.isArray() ? node.get(Integer.parseInt(part)) : node.get(part);
            if (next == null || next.isNull()) {
                JsonNode made = StateModel.isIndex(parts[i + 1]) ? ((ObjectNode) root).arrayNode() : ((ObjectNode) root).objectNode();
                put(node, part, made);
                next = made;
            }
            node = next;
        }
        String last = unescape(parts[parts.length - 1]);
        if (value == null) {
            if (node instanceof ObjectNode o) {
                o.remove(last);
            } else if (node instanceof ArrayNode a && Integer.parseInt(last) < a.size()) {
                a.set(Integer.parseInt(last), NullNode.instance);
            }
        } else {
            put(node, last, value.deepCopy());
        }
        return root;
    }

    /** Sets a field of an object, or an element of an array (a number), growing the array as needed. */
    static void put(JsonNode node, String part, JsonNode value) {
        if (node instanceof ArrayNode a) {
            int i = Integer.parseInt(part);
            while (a.size() <= i) {
                a.addNull();
            }
            a.set(i, value);
        } else {
            ((ObjectNode) node).set(part, value);
        }
    }

    static String escape(String name) {
        if (name.indexOf('~') < 0 && name.indexOf('/') < 0) {
            return name; // most names: nothing to escape
        }
        return name.replace("~", "~0").replace("/", "~1"); // in that order: a ~ that escapes a / is not escaped again
    }

    static String unescape(String part) {
        return part.replace("~1", "/").replace("~0", "~");
    }
}
