package dev.glassbox.lab;

import dev.glassbox.trace.Trace;
import dev.glassbox.trace.TraceEvent;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A command of this step took a step in its trace that matches: its {@code layer} (client, api, daemon,
 * registry, runtime, kernel), its {@code action} (the word the trace shows, as {@code DNAT} or
 * {@code clone}), and {@code matches}, a regular expression searched in its object, sentence and
 * real-world equivalent. Met once such a trace was seen in this step.
 */
public record TraceGoal(String id, String text, String layer, String action, String matches) implements Goal {
    public TraceGoal {
        if (layer == null && action == null && matches == null) {
            throw new IllegalArgumentException("a 'trace' goal needs a layer, an action or a pattern to look for");
        }
        if (matches != null) {
            Pattern.compile(matches);
        }
        id = id != null ? id : "trace-" + (action != null ? action : layer != null ? layer : "match").replace(' ', '-');
    }

    @Override
    public String describe() {
        return Goal.or(text, "the trace of a command shows " + what());
    }

    private String what() {
        String s = action != null ? ("aeiou".indexOf(Character.toLowerCase(action.charAt(0))) >= 0 ? "an " : "a ") + action + " step" : "a step";
        if (layer != null) {
            s += " in the " + layer + " layer";
        }
        return matches != null ? s + " matching " + matches : s;
    }

    @Override
    public Verdict check(Probe p) {
        if (p.traced(id)) {
            return Verdict.MET;
        }
        // with the author's own words for it, the pattern (a regular expression) stays out of the sentence
        String seen = text != null && !text.isBlank() && matches != null ? what().substring(0, what().indexOf(" matching ")) + " like that" : what();
        return Verdict.unmet("no command of this step has traced " + seen + " yet (`trace` shows the last command's steps)");
    }

    /** Whether the trace has a matching step. */
    boolean seenIn(Trace t) {
        if (t == null) {
            return false;
        }
        Pattern pattern = matches == null ? null : Pattern.compile(matches, Pattern.CASE_INSENSITIVE);
        for (TraceEvent e : t.events()) {
            if (layer != null && !e.layer().name().toLowerCase(Locale.ROOT).equals(layer.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (action != null && !e.action().equalsIgnoreCase(action)) {
                continue;
            }
            if (pattern != null && !pattern.matcher(e.object() + "\n" + e.sentence() + "\n" + e.equivalent()).find()) {
                continue;
            }
            return true;
        }
        return false;
    }
}
