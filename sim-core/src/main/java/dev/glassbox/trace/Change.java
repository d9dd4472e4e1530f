package dev.glassbox.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One reversible edit of the engine state: the value at a JSON-pointer path before and after an
 * event. {@code before == null} means the path was added, {@code after == null} that it was removed.
 *
 * <p>A change the state model finds holds the state's own values (immutable records, maps and strings) and turns
 * each side into JSON the first time it is asked, once: most steps of most traces are never looked at, and a value
 * is smaller than its JSON.
 */
public final class Change {
    /** A side that is not there (the path was added or removed). */
    private static final Object ABSENT = new Object();

    /** A side still held as the state's value (see StateJson), not yet JSON. */
    private record Value(Object value) {}

    private final String path;
    /** Each side: a JsonNode, a {@link Value} until first asked, or {@link #ABSENT}. */
    private Object before;
    private Object after;

    public Change(String path, JsonNode before, JsonNode after) {
        this(path, before == null ? ABSENT : before, after == null ? (Object) ABSENT : after);
    }

    /** Each side a JsonNode, a {@link Value} or {@link #ABSENT}. */
    private Change(String path, Object before, Object after) {
        this.path = Objects.requireNonNull(path, "path");
        if (before == ABSENT && after == ABSENT) {
            throw new IllegalArgumentException("a change needs a before or an after value: " + path);
        }
        this.before = before;
        this.after = after;
    }

    /** A path added with this value (as the state holds it). */
    static Change added(String path, Object value) {
        return new Change(path, ABSENT, new Value(value));
    }

    /** A path removed that held this value. */
    static Change removed(String path, Object value) {
        return new Change(path, new Value(value), ABSENT);
    }

    /** A path whose value went from one to the other (which differ as JSON). */
    static Change replaced(String path, Object was, Object now) {
        return new Change(path, new Value(was), new Value(now));
    }

    public String path() {
        return path;
    }

    public synchronized JsonNode before() {
        before = json(before);
        return before == ABSENT ? null : (JsonNode) before;
    }

    public synchronized JsonNode after() {
        after = json(after);
        return after == ABSENT ? null : (JsonNode) after;
    }

    private static Object json(Object side) {
        return side instanceof Value v ? StateJson.tree(v.value()) : side;
    }

    public String op() {
        return before == ABSENT ? "add" : after == ABSENT ? "remove" : "replace";
    }

    public synchronized Change inverse() {
        return new Change(path, after, before);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Change c && path.equals(c.path) && Objects.equals(before(), c.before()) && Objects.equals(after(), c.after());
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, before(), after());
    }

    @Override
    public String toString() {
        return "Change[path=" + path + ", before=" + before() + ", after=" + after() + "]";
    }
}
