package dev.glassbox.lab;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One step of a lesson: its title (what the student has done once it is met, shown after the ✓), its
 * text in Markdown, commands the page can put into the terminal, the goals that make it met, hints
 * from gentle to explicit, and the reference solution. A step with a {@code quiz} is met by the right
 * answer; it may have goals too. {@code refused} says, for a step that needs something this engine
 * refuses, what happens instead.
 */
public record Step(String title, String text, List<String> commands, List<Goal> goals, List<String> hints, List<String> solution,
                   Quiz quiz, String refused) {
    public Step {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a step needs a title");
        }
        text = text == null ? "" : text.strip();
        commands = commands == null ? List.of() : List.copyOf(commands);
        goals = goals == null ? List.of() : List.copyOf(goals);
        hints = hints == null ? List.of() : List.copyOf(hints);
        solution = solution == null ? List.of() : List.copyOf(solution);
        refused = refused == null ? "" : refused.strip();
        if (goals.isEmpty() && quiz == null) {
            throw new IllegalArgumentException("step '" + title + "' has neither goals nor a quiz: nothing could tell it is done");
        }
        if (quiz == null && solution.isEmpty()) {
            throw new IllegalArgumentException("step '" + title + "' has goals but no solution");
        }
        Set<String> ids = new HashSet<>();
        List<String> twice = new ArrayList<>();
        for (Goal g : goals) {
            if (!ids.add(g.id())) {
                twice.add(g.id());
            }
        }
        if (!twice.isEmpty()) {
            throw new IllegalArgumentException("step '" + title + "' has two goals with the id " + twice.get(0) + ": give each an id of its own");
        }
    }
}
