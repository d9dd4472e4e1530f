package dev.glassbox.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The engine's state kept as the trace goes, part by part. The state is a list of {@link Slot}s, each a place in
 * the JSON tree with the owner's word on whether it was edited since the last read. At each trace step only the
 * edited slots are read again; a slot holding a map is compared key by key with what it held, and only the
 * objects that differ are turned into JSON and diffed, so a step costs what it changed, not the size of the
 * state. {@link #render} reads every slot afresh: what {@code Engine.state()} answers, and what the tracer checks
 * the kept state against when {@code glassbox.trace.verify} is set (the tests set it).
 */
public final class StateModel implements StateCapture {
    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /**
     * A place in the state: its JSON-pointer {@code path} (a number indexes an array), whether its owner edited it
     * since the last call (and forgets that), and how to read it: a {@code Map} (compared key by key; a new map at
     * each read, which the model keeps) or any other value (compared whole).
     */
    public record Slot(String path, BooleanSupplier edited, Supplier<Object> read, Object source) {
        public Slot {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a slot's path starts with /: " + path);
            }
        }

        /**
         * {@code source}: whose part it is (a host's engine). When another source's part comes to the same path (a host
         * left the world and the next moved up a place), the slot is read afresh whatever its edits say.
         */
        public Slot(String path, BooleanSupplier edited, Supplier<Object> read) {
            this(path, edited, read, null);
        }

        /** A slot read at every step (a clock, a name). */
        public static Slot always(String path, Supplier<Object> read) {
            return new Slot(path, () -> true, read);
        }
    }

    /** What a slot held when last read: the value and its JSON (for a map: each key's value and JSON). */
    private static final class Held {
        Object value;
        JsonNode node;
        Object source;
    }

    private final Supplier<List<Slot>> slots;
    private final ObjectNode root = JsonNodeFactory.instance.objectNode();
    private final Map<String, Held> held = new LinkedHashMap<>();
    /** The JSON containers this model edits in place (the tree above the slots, and the keyed slots' objects). */
    private final Set<JsonNode> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private final boolean verify;

    public StateModel(Supplier<List<Slot>> slots) {
        this(slots, Boolean.getBoolean("glassbox.trace.verify"));
    }

    public StateModel(Supplier<List<Slot>> slots, boolean verify) {
        this.slots = slots;
        this.verify = verify;
        owned.add(root);
    }

    /** The whole state, every slot read afresh. */
    public static ObjectNode render(List<Slot> slots) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Slot s : slots) {
            attach(root, s.path(), toTree(s.read().get()), null);
        }
        return root;
    }

    @Override
    public List<Change> changes() {
        List<Change> out = new ArrayList<>();
        List<Slot> now = slots.get();
        Set<String> seen = new HashSet<>();
        Set<String> skipped = new HashSet<>();
        for (Slot s : now) {
            seen.add(s.path());
            Held h = held.get(s.path());
            boolean edited = s.edited().getAsBoolean();
            if (h != null && !edited && h.source == s.source()) {
                skipped.add(s.path());
                continue;
            }
            Object value = s.read().get();
            if (h == null) {
                h = new Held();
                held.put(s.path(), h);
                h.value = value instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : value;
                h.node = toTree(value);
                if (value instanceof Map) {
                    owned.add(h.node);
                }
                String made = attach(root, s.path(), h.node, owned);
                if (made == null) {
                    out.add(new Change(s.path(), null, h.node));
                } else { // told as the addition of the outermost object or array it made, as it is now
                    out.add(new Change(made, null, root.at(made).deepCopy()));
                }
            } else if (value instanceof Map<?, ?> map && h.value instanceof Map<?, ?> was && h.node instanceof ObjectNode node) {
                keyed(s.path(), map, was, node, out);
                h.value = map;
            } else if (!Objects.equals(h.value, value)) {
                JsonNode n = toTree(value);
                JsonDiff.diff(s.path(), h.node, n, out);
                owned.remove(h.node);
                if (value instanceof Map) {
                    owned.add(n);
                }
                attach(root, s.path(), n, owned);
                h.value = value instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : value;
                h.node = n;
            }
            h.source = s.source();
        }
        if (held.size() > seen.size()) {
            vanished(seen, out);
        }
        if (verify) {
            check(now, skipped);
        }
        return out;
    }

    /**
     * Slots that are no longer there (a host left the world): each is taken out with the objects and array places
     * left empty above it, and the change is told for the whole top-level member they were under.
     */
    private void vanished(Set<String> seen, List<Change> out) {
        Set<String> tops = new java.util.TreeSet<>();
        for (String path : held.keySet()) {
            if (!seen.contains(path)) {
                tops.add(path.substring(1).split("/", -1)[0]);
            }
        }
        Map<String, JsonNode> was = new LinkedHashMap<>();
        for (String top : tops) {
            JsonNode n = root.get(top);
            was.put(top, n == null ? null : n.deepCopy());
        }
        for (var it = held.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (!seen.contains(e.getKey())) {
                detach(root, e.getKey());
                owned.remove(e.getValue().node);
                it.remove();
            }
        }
        for (String top : tops) {
            JsonNode n = root.get(top);
            if (n != null && prune(n)) {
                root.remove(top);
                owned.remove(n);
                n = null;
            }
            JsonDiff.diff("/" + JsonDiff.escape(top), was.get(top), n, out);
        }
    }

    /** Takes out the empty objects and the trailing empty places of arrays this model made; true if {@code n} is left empty. */
    private boolean prune(JsonNode n) {
        if (!owned.contains(n) || held.values().stream().anyMatch(h -> h.node == n)) {
            return false;
        }
        if (n instanceof ObjectNode o) {
            List<String> empty = new ArrayList<>();
            o.fields().forEachRemaining(f -> {
                if (f.getValue().isContainerNode() && prune(f.getValue())) {
                    empty.add(f.getKey());
                }
            });
            for (String k : empty) {
                owned.remove(o.get(k));
                o.remove(k);
            }
            return o.isEmpty();
        }
        ArrayNode a = (ArrayNode) n;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).isContainerNode() && prune(a.get(i))) {
                owned.remove(a.get(i));
                a.set(i, NullNode.instance);
            }
        }
        while (!a.isEmpty() && a.get(a.size() - 1).isNull()) {
            a.remove(a.size() - 1);
        }
        return a.isEmpty();
    }

    /** The changes of one keyed slot: keys added, removed, and the fields of each object that differs. */
    private static void keyed(String path, Map<?, ?> map, Map<?, ?> was, ObjectNode node, List<Change> out) {
        int additions = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object old = was.get(e.getKey());
            boolean added = old == null && !was.containsKey(e.getKey());
            additions += added ? 1 : 0;
            if (!added && Objects.equals(old, e.getValue())) {
                continue;
            }
            String key = String.valueOf(e.getKey());
            String at = path + "/" + JsonDiff.escape(key);
            JsonNode n = toTree(e.getValue());
            if (added) {
                out.add(new Change(at, null, n));
            } else {
                JsonDiff.diff(at, node.get(key), n, out);
            }
            node.set(key, n);
        }
        if (map.size() - additions == was.size()) {
            return; // every key it held is still there
        }
        for (Object k : was.keySet()) {
            if (!map.containsKey(k)) {
                String key = String.valueOf(k);
                out.add(new Change(path + "/" + JsonDiff.escape(key), node.get(key), null));
                node.remove(key);
            }
        }
    }

    /** The state as of the last {@link #changes}: a copy that later steps do not touch. */
    @Override
    public JsonNode snapshot() {
        return copy(root);
    }

    private JsonNode copy(JsonNode n) {
        if (!owned.contains(n)) {
            return n; // replaced, never edited in place: safe to share
        }
        if (n instanceof ObjectNode o) {
            ObjectNode c = JsonNodeFactory.instance.objectNode();
            o.fields().forEachRemaining(f -> c.set(f.getKey(), copy(f.getValue())));
            return c;
        }
        ArrayNode a = (ArrayNode) n;
        ArrayNode c = JsonNodeFactory.instance.arrayNode();
        a.forEach(x -> c.add(copy(x)));
        return c;
    }

    /**
     * Fails when the kept state differs from a fresh read: an owner edited a part without marking it. The parts read
     * at this step are taken as read (a clock, or the Linux kernel's state, may have moved on since), the others are
     * read again.
     */
    private void check(List<Slot> now, Set<String> skipped) {
        ObjectNode fresh = JsonNodeFactory.instance.objectNode();
        for (Slot s : now) {
            attach(fresh, s.path(), skipped.contains(s.path()) ? toTree(s.read().get()) : held.get(s.path()).node, null);
        }
        if (!fresh.equals(root)) {
            List<Change> drift = JsonDiff.diff(root, fresh);
            List<String> paths = new ArrayList<>();
            for (Change c : drift) {
                paths.add(c.path());
            }
            throw new IllegalStateException("the traced state missed edits (a part changed without being marked): "
                    + String.join(", ", paths.subList(0, Math.min(8, paths.size()))));
        }
    }

    static JsonNode toTree(Object value) {
        return StateJson.tree(value);
    }

    /**
     * Puts {@code node} at {@code path}, making the objects (or arrays, for a number) above it and noting them as
     * owned; returns the path of the outermost one it made, or null if it made none.
     */
    private static String attach(ObjectNode root, String path, JsonNode node, Set<JsonNode> owned) {
        String[] parts = path.substring(1).split("/", -1);
        ContainerNode<?> cur = root;
        String made = null;
        for (int i = 0; i < parts.length - 1; i++) {
            String part = JsonDiff.unescape(parts[i]);
            boolean nextIsIndex = isIndex(parts[i + 1]);
            JsonNode next = get(cur, part);
            if (next == null || next.isNull()) {
                next = nextIsIndex ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
                JsonDiff.put(cur, part, next);
                if (owned != null) {
                    owned.add(next);
                }
                if (made == null) {
                    made = "/" + String.join("/", java.util.Arrays.asList(parts).subList(0, i + 1));
                }
            }
            cur = (ContainerNode<?>) next;
        }
        JsonDiff.put(cur, JsonDiff.unescape(parts[parts.length - 1]), node);
        return made;
    }

    private static void detach(ObjectNode root, String path) {
        String[] parts = path.substring(1).split("/", -1);
        JsonNode cur = root;
        for (int i = 0; i < parts.length - 1 && cur != null; i++) {
            cur = get(cur, JsonDiff.unescape(parts[i]));
        }
        String last = JsonDiff.unescape(parts[parts.length - 1]);
        if (cur instanceof ObjectNode o) {
            o.remove(last);
        } else if (cur instanceof ArrayNode a && isIndex(last) && Integer.parseInt(last) < a.size()) {
            a.set(Integer.parseInt(last), NullNode.instance);
        }
    }

    static boolean isIndex(String part) {
        return !part.isEmpty() && part.length() < 9 && part.chars().allMatch(Character::isDigit);
    }

    private static JsonNode get(JsonNode node, String part) {
        if (node instanceof ArrayNode a) {
            int i = Integer.parseInt(part);
            return i < a.size() ? a.get(i) : null;
        }
        return node.get(part);
    }
}
