package dev.glassbox.repl;

import dev.glassbox.Engine;
import dev.glassbox.client.Cli;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion for what a learner types: the first word ({@code docker} or a built-in), docker
 * subcommands, their flags, and the names of the containers and images the engine has now. Works on
 * the last command of a chain ({@code … && docker stop w<TAB>}) and after {@code step}.
 */
final class ReplCompleter implements Completer {
    private static final Set<String> CHAIN = Set.of("&&", "||", ";");
    private static final Set<String> GROUPS = Set.copyOf(Cli.groups());

    private final Supplier<Engine> engine;

    ReplCompleter(Supplier<Engine> engine) {
        this.engine = engine;
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
        int start = 0;
        for (int i = 0; i < index; i++) {
            if (CHAIN.contains(words.get(i))) {
                start = i + 1;
            }
        }
        boolean stepped = start < index && words.get(start).equals("step");
        if (stepped) {
            start++;
        }
        if (index == start) {
            List<String> first = new ArrayList<>(List.of("docker"));
            if (start == 0) {
                first.addAll(Session.BUILTINS);
            }
            return first;
        }
        String head = words.get(start);
        if (head.equals("trace") && start == 0) {
            return index == 1 ? List.of("--json") : List.of();
        }
        int cmdAt = head.equals("docker") ? start + 1 : start;
        if (index == cmdAt) {
            return Cli.commands();
        }
        String command = words.get(cmdAt);
        if (GROUPS.contains(command)) {
            if (index == cmdAt + 1) {
                return subcommands(command);
            }
            command = command + " " + words.get(cmdAt + 1);
        }
        if (Cli.flags(command).isEmpty()) {
            return List.of();
        }
        return arguments(command, current);
    }

    /** {@code container ls}, {@code image pull}: the words after a group that name a command glassbox has. */
    private static List<String> subcommands(String group) {
        List<String> out = new ArrayList<>();
        for (String word : Cli.commands()) {
            if (!Cli.flags(group + " " + word).isEmpty()) {
                out.add(word);
            }
        }
        for (String word : List.of("ls", "list", "prune")) {
            if (!out.contains(word) && !Cli.flags(group + " " + word).isEmpty()) {
                out.add(word);
            }
        }
        return out;
    }

    private List<String> arguments(String command, String current) {
        if (current.startsWith("-")) {
            return Cli.flags(command);
        }
        List<String> names = new ArrayList<>();
        if (Cli.takesContainer(command)) {
            names.addAll(engine.get().containerNames());
        }
        if (Cli.takesImage(command)) {
            addAbsent(names, engine.get().imageNames());
        }
        if (Cli.takesVolume(command)) {
            addAbsent(names, engine.get().volumeNames());
        }
        if (Cli.takesNetwork(command)) {
            addAbsent(names, engine.get().networkNames());
        }
        return names.isEmpty() ? Cli.flags(command) : names;
    }

    private static void addAbsent(List<String> into, Collection<String> more) {
        for (String s : more) {
            if (!into.contains(s)) {
                into.add(s);
            }
        }
    }
}
