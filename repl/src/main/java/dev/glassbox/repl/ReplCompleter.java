package dev.glassbox.repl;

import dev.glassbox.Engine;
import dev.glassbox.Completion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completion in the REPL: sim-core's {@link Completion} with the REPL's built-ins ({@code step CMD}, {@code trace --json}). */
final class ReplCompleter implements Completer {
    private final Completion completion;

    ReplCompleter(Supplier<Engine> engine) {
        this.completion = new Completion(engine, Session.BUILTINS, Set.of("step"), Map.of("trace", List.of("--json")));
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        try {
            for (String word : words(line.words(), line.wordIndex(), line.word())) {
                candidates.add(new Candidate(word));
            }
        } catch (RuntimeException e) {
            // an engine or CLI table that cannot answer yet offers nothing rather than breaking the line
        }
    }

    /** The words that fit at {@code index} in {@code words}, {@code current} being the word under the cursor. */
    List<String> words(List<String> words, int index, String current) {
        return completion.words(words, index, current);
    }
}
