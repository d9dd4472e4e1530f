package dev.glassbox.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One reversible edit of the engine state: the value at a JSON-pointer path before and after an
 * event. {@code before == null} means the path was added, {@code after == null} that it was removed.
 */
public record Change(String path, JsonNode before, JsonNode after) {
    public Change {
        Objects.requireNonNull(path, "path");
        if (before == null && after == null) {
            throw new IllegalArgumentException("a change needs a before or an after value: " + path);
        }
    }

    public String op() {
        return before == null ? "add" : after == null ? "remove" : "replace";
    }

    public Change inverse() {
        return new Change(path, after, before);
    }
}
