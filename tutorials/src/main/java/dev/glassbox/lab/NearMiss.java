package dev.glassbox.lab;

import java.util.List;

/**
 * A wrong path an author expects students to take: from the lesson's start state and the solutions of
 * the steps before {@code step}, these {@code commands} leave the goal {@code unmet} of that step unmet,
 * and its sentence says {@code says}.
 */
public record NearMiss(String name, int step, List<String> commands, String unmet, String says) {
    public NearMiss {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a near miss needs a name");
        }
        commands = commands == null ? List.of() : List.copyOf(commands);
        if (unmet == null || unmet.isBlank()) {
            throw new IllegalArgumentException("near miss '" + name + "' must name the goal it leaves unmet");
        }
        says = says == null ? "" : says;
    }
}
