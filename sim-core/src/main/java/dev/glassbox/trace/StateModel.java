package dev.glassbox.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The engine's state kept as the trace goes, part by part. The state is a list of {@link Slot}s, each a place in
 * the JSON tree with the owner's word on whether it was edited since the last read. At each trace step only the
 * edited slots are read again; a slot holding a map is compared key by key with what it held, and only the
 * objects that differ are turned into JSON and diffed, so a step costs what it changed, not the size of the
 * state. What is kept is the values read (immutable records, mostly the very objects the owners' views reuse), not
 * their JSON: a snapshot is a list of them, turned into JSON when somebody steps through it. {@link #render} reads every slot afresh: what {@code Engine.state()} answers, and what the tracer checks
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

    /** What a slot held when last read: the value (for a map, the map as read) and whose part it was. */
    private static final class Held {
        Object value;
        Object source;
    }

    private final Supplier<List<Slot>> slots;
    /** The values read, by path, in the order the paths first appeared: the state is these, turned into JSON on demand. */
    private final Map<String, Held> held = new LinkedHashMap<>();
    private final boolean verify;

    public StateModel(Supplier<List<Slot>> slots) {
        this(slots, Boolean.getBoolean("glassbox.trace.verify"));
    }

    public StateModel(Supplier<List<Slot>> slots, boolean verify) {
        this.slots = slots;
        this.verify = verify;
    }

    /** The whole state, every slot read afresh. */
    public static ObjectNode render(List<Slot> slots) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Slot s : slots) {
            attach(root, s.path(), toTree(s.read().get()));
        }
        return root;
    }

    @Override
    public List<Change> changes() {
        List<Change> out = new ArrayList<>();
        List<Slot> now = slots.get();
        Set<String> skipped = verify ? new HashSet<>() : null;
        for (Slot s : now) {
            Held h = held.get(s.path());
            boolean edited = s.edited().getAsBoolean();
            if (h != null && !edited && h.source == s.source()) {
                if (skipped != null) {
                    skipped.add(s.path());
                }
                continue;
            }
            Object value = sorted(s.read().get());
            if (h != null && value == h.value) { // a part read as the very map it was (SortedArrayMap.Kept): nothing changed
                h.source = s.source();
                continue;
            }
            if (h == null) {
                added(s.path(), value, out);
                h = new Held();
                held.put(s.path(), h);
            } else if (value instanceof SortedMap<?, ?> map && h.value instanceof SortedMap<?, ?> was) {
                keyed(s.path(), map, was, out);
            } else if (!Objects.equals(h.value, value)) {
                StateDiff.unequal(s.path(), h.value, value, out);
            }
            h.value = value;
            h.source = s.source();
        }
        if (held.size() > now.size()) { // the paths are distinct, and every slot read is held
            Set<String> seen = new HashSet<>();
            for (Slot s : now) {
                seen.add(s.path());
            }
            vanished(seen, out);
        }
        if (skipped != null) {
            check(now, skipped);
        }
        return out;
    }

    /**
     * A slot read for the first time. When the objects (or arrays) above it are not there yet, the change is told as
     * the addition of the outermost one, holding this slot alone.
     */
    private void added(String path, Object value, List<Change> out) {
        JsonNode node = toTree(value);
        String made = outermostMissing(path);
        if (made == null) {
            out.add(new Change(path, null, node));
        } else {
            ObjectNode alone = JsonNodeFactory.instance.objectNode();
            attach(alone, path, node);
            out.add(new Change(made, null, alone.at(made)));
        }
    }

    /** The outermost object or array above {@code path} that no slot held now lives in, or null if all are there. */
    private String outermostMissing(String path) {
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String above = path.substring(0, slash + 1);
            boolean there = false;
            for (String p : held.keySet()) {
                if (p.startsWith(above)) {
                    there = true;
                    break;
                }
            }
            if (!there) {
                return path.substring(0, slash);
            }
        }
        return null;
    }

    /**
     * Slots that are no longer there (a host left the world): each is taken out with the objects and array places
     * left empty above it, and the change is told for the whole top-level member they were under.
     */
    private void vanished(Set<String> seen, List<Change> out) {
        Set<String> tops = new java.util.TreeSet<>();
        for (String path : held.keySet()) {
            if (!seen.contains(path)) {
                tops.add(top(path));
            }
        }
        Map<String, JsonNode> was = new LinkedHashMap<>();
        for (String top : tops) {
            was.put(top, renderTop(top));
        }
        held.keySet().removeIf(path -> !seen.contains(path));
        for (String top : tops) {
            JsonDiff.diff("/" + JsonDiff.escape(top), was.get(top), renderTop(top), out);
        }
    }

    private static String top(String path) {
        int slash = path.indexOf('/', 1);
        return JsonDiff.unescape(slash < 0 ? path.substring(1) : path.substring(1, slash));
    }

    /** The top-level member {@code top} as the held slots make it, or null when none lives there. */
    private JsonNode renderTop(String top) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        held.forEach((path, h) -> {
            if (top(path).equals(top)) {
                attach(root, path, toTree(h.value));
            }
        });
        return root.get(top);
    }

    /**
     * A keyed slot's map as the model keeps it: in its keys' natural order, as the owners' maps are (a map in another
     * order is copied, keyed by the names its JSON shows), so that two reads compare side by side.
     */
    private static Object sorted(Object value) {
        if (!(value instanceof Map<?, ?> m) || value instanceof SortedMap<?, ?> s && s.comparator() == null) {
            return value;
        }
        SortedMap<String, Object> byName = new TreeMap<>();
        m.forEach((k, v) -> byName.put(String.valueOf(k), v));
        return byName;
    }

    /**
     * The changes of one keyed slot: keys added, removed, and the fields of each object that differs, found by one walk
     * through both maps side by side (a part of a few hundred objects, of which a step changed one or two). Additions
     * and replacements come in key order, then removals.
     */
    private static void keyed(String path, SortedMap<?, ?> map, SortedMap<?, ?> was, List<Change> out) {
        List<Change> removed = new ArrayList<>(0);
        StateDiff.sideBySide(map, was, (key, now) -> out.add(Change.added(path + "/" + JsonDiff.escape(String.valueOf(key)), now)),
                (key, then) -> removed.add(Change.removed(path + "/" + JsonDiff.escape(String.valueOf(key)), then)),
                (key, now, then) -> {
                    if (!Objects.equals(now, then)) { // most are: no path is made for them
                        StateDiff.unequal(path + "/" + JsonDiff.escape(String.valueOf(key)), then, now, out);
                    }
                });
        out.addAll(removed);
    }

    /**
     * The state as of the last {@link #changes}: the values held then, turned into JSON only when asked (a trace
     * that nobody steps through never builds it). The values are never edited in place (a keyed slot's map is a new
     * map at each read), so holding them is enough.
     */
    @Override
    public Supplier<JsonNode> snapshot() {
        List<Map.Entry<String, Object>> then = new ArrayList<>(held.size());
        held.forEach((path, h) -> then.add(new java.util.AbstractMap.SimpleImmutableEntry<>(path, h.value)));
        return new dev.glassbox.registry.Lazy<>(() -> {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, Object> e : then) {
                attach(root, e.getKey(), toTree(e.getValue()));
            }
            return root;
        });
    }

    /**
     * Fails when the kept state differs from a fresh read: an owner edited a part without marking it. The parts read
     * at this step are taken as read (a clock, or the Linux kernel's state, may have moved on since), the others are
     * read again.
     */
    private void check(List<Slot> now, Set<String> skipped) {
        List<String> paths = new ArrayList<>();
        for (Slot s : now) {
            if (skipped.contains(s.path())) {
                List<Change> drift = JsonDiff.diff(toTree(held.get(s.path()).value), toTree(s.read().get()));
                for (Change c : drift) {
                    paths.add(s.path() + c.path());
                }
            }
        }
        if (!paths.isEmpty()) {
            throw new IllegalStateException("the traced state missed edits (a part changed without being marked): "
                    + String.join(", ", paths.subList(0, Math.min(8, paths.size()))));
        }
    }

    static JsonNode toTree(Object value) {
        return StateJson.tree(value);
    }

    /** Puts {@code node} at {@code path}, making the objects (or arrays, for a number) above it. */
    private static void attach(ObjectNode root, String path, JsonNode node) {
        String[] parts = path.substring(1).split("/", -1);
        ContainerNode<?> cur = root;
        for (int i = 0; i < parts.length - 1; i++) {
            String part = JsonDiff.unescape(parts[i]);
            JsonNode next = get(cur, part);
            if (next == null || next.isNull()) {
                next = isIndex(parts[i + 1]) ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
                JsonDiff.put(cur, part, next);
            }
            cur = (ContainerNode<?>) next;
        }
        JsonDiff.put(cur, JsonDiff.unescape(parts[parts.length - 1]), node);
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
