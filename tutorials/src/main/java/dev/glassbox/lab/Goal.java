package dev.glassbox.lab;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A predicate over the engine's state and the trace, never over what the student typed, so any correct
 * path meets it. In a lesson file a goal is a map whose {@code goal} key names its kind; {@code id}
 * (defaulted from its fields) names it for near misses, {@code text} replaces the generated description.
 * Unmet, it says in one sentence what is missing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "goal")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ContainerGoal.class, name = "container"),
        @JsonSubTypes.Type(value = PortGoal.class, name = "port"),
        @JsonSubTypes.Type(value = FileGoal.class, name = "file"),
        @JsonSubTypes.Type(value = TraceGoal.class, name = "trace"),
        @JsonSubTypes.Type(value = VolumeGoal.class, name = "volume"),
        @JsonSubTypes.Type(value = ReachGoal.class, name = "reach"),
        @JsonSubTypes.Type(value = ImageGoal.class, name = "image"),
        @JsonSubTypes.Type(value = NetworkGoal.class, name = "network"),
        @JsonSubTypes.Type(value = InspectGoal.class, name = "inspect"),
        @JsonSubTypes.Type(value = CommandGoal.class, name = "command"),
})
public sealed interface Goal permits ContainerGoal, PortGoal, FileGoal, TraceGoal, VolumeGoal, ReachGoal, ImageGoal, NetworkGoal,
        InspectGoal, CommandGoal {
    String id();

    /** What the goal asks for, in a line: the author's {@code text}, or one made from its fields. */
    String describe();

    Verdict check(Probe probe);

    static String or(String text, String made) {
        return text == null || text.isBlank() ? made : text.strip();
    }

    static String require(String value, String what, String kind) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a '" + kind + "' goal needs " + what);
        }
        return value;
    }
}
