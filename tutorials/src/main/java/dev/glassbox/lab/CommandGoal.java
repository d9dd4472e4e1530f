package dev.glassbox.lab;

import dev.glassbox.Result;
import java.util.regex.Pattern;

/**
 * The escape hatch: command line {@code run}, run for the check (no trace kept), prints something that
 * {@code matches} (a regular expression searched in its output) and exits with {@code status} (0
 * unless given). Prefer a read-only command: what it changes, it changes in the student's engine.
 */
public record CommandGoal(String id, String text, String run, String matches, Integer status) implements Goal {
    public CommandGoal {
        Goal.require(run, "a command line to run", "command");
        if (matches == null && status == null) {
            throw new IllegalArgumentException("a 'command' goal needs 'matches' or 'status'");
        }
        if (matches != null) {
            Pattern.compile(matches);
        }
        id = id != null ? id : "command-" + run.strip().split("\\s+")[run.strip().startsWith("docker ") ? 1 : 0];
    }

    @Override
    public String describe() {
        return Goal.or(text, "`" + run + "` " + (matches != null ? "prints a line matching " + matches : "exits with status " + status));
    }

    @Override
    public Verdict check(Probe p) {
        Result r = p.quietly(run);
        int want = status == null ? 0 : status;
        if (r.exitStatus() != want) {
            String err = r.err().strip();
            return Verdict.unmet("`" + run + "` exits with status " + r.exitStatus() + ", not " + want
                    + (err.isEmpty() ? "" : ": " + err.lines().findFirst().orElse("")));
        }
        if (matches != null && !Pattern.compile(matches, Pattern.MULTILINE).matcher(r.out()).find()) {
            return Verdict.unmet("`" + run + "` prints " + FileGoal.begin(r.out()) + ", with no line matching " + matches);
        }
        return Verdict.MET;
    }
}
