package dev.glassbox.shell;

import dev.glassbox.Result;
import dev.glassbox.api.UsageException;
import dev.glassbox.client.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns parsed words into the arguments a command gets, as a POSIX shell expands them: each command
 * substitution runs and its output, trailing newlines cut, takes its place; outside double quotes that
 * output is split at blanks into words, and a word made only of substitutions that printed nothing is
 * no word at all. What the substituted commands wrote to stderr goes to the user's terminal.
 */
final class Expansion {
    /** The most one substitution's output may hold. */
    static final int MAX_OUTPUT = 1 << 20;

    private final Function<Word.Substitution, Result> runner;
    private final StringBuilder err = new StringBuilder();
    private int lastStatus;
    private boolean ran;

    Expansion(Function<Word.Substitution, Result> runner) {
        this.runner = runner;
    }

    /** What the substitutions printed on stderr, in order. */
    String err() {
        return err.toString();
    }

    /** The exit status of the last substitution (0 when none ran): a command line of substitutions only ends with it. */
    int lastStatus() {
        return ran ? lastStatus : 0;
    }

    List<String> fields(List<Word> words) {
        List<String> out = new ArrayList<>();
        for (Word w : words) {
            expand(w, out);
        }
        return out;
    }

    private void expand(Word w, List<String> out) {
        StringBuilder field = new StringBuilder();
        boolean open = false;
        for (Word.Part p : w.parts()) {
            if (p instanceof Word.Text t) {
                field.append(t.text());
                open = true;
            } else if (p instanceof Word.Substitution s) {
                String value = run(s);
                if (s.quoted()) {
                    field.append(value);
                    open = true;
                    continue;
                }
                for (char c : value.toCharArray()) {
                    if (c == ' ' || c == '\t' || c == '\n') {
                        if (open) {
                            out.add(field.toString());
                            field.setLength(0);
                            open = false;
                        }
                    } else {
                        field.append(c);
                        open = true;
                    }
                }
            }
        }
        if (open) {
            out.add(field.toString());
        }
    }

    private String run(Word.Substitution s) {
        Result r = runner.apply(s);
        ran = true;
        lastStatus = r.exitStatus();
        err.append(r.err());
        String value = r.out();
        if (value.length() > MAX_OUTPUT) {
            throw new UsageException("glassbox: " + s.source() + " printed more than " + (MAX_OUTPUT >> 20)
                    + " MiB, more than a command line here takes", 1);
        }
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == '\n') {
            end--;
        }
        return value.substring(0, end);
    }
}
