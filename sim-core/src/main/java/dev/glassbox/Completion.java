package dev.glassbox;

import dev.glassbox.client.Cli;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What may come next on a line a learner is typing, for the REPL's Tab and the web terminal's: the
 * first word ({@code docker} or a front end's built-ins), docker subcommands, their flags, and the
 * names of the containers, images, volumes and networks the engine has now. Works on the last
 * command of a chain ({@code … && docker stop w<TAB>}) and after a built-in that takes a command.
 */
public final class Completion {
    private static final Set<String> CHAIN = Set.of("&&", "||", ";");
    private static final Set<String> GROUPS = Set.copyOf(Cli.groups());

    private final Supplier<Engine> engine;
    private final List<String> builtins;
    private final Set<String> takingACommand;
    private final Map<String, List<String>> builtinArguments;

    /**
     * @param builtins         the front end's own first words
     * @param takingACommand   built-ins followed by a command line ({@code step docker run …})
     * @param builtinArguments what may follow another built-in ({@code trace --json})
     */
    public Completion(Supplier<Engine> engine, List<String> builtins, Set<String> takingACommand, Map<String, List<String>> builtinArguments) {
        this.engine = engine;
        this.builtins = List.copyOf(builtins);
        this.takingACommand = Set.copyOf(takingACommand);
        this.builtinArguments = Map.copyOf(builtinArguments);
    }

    /** The words that fit at {@code index} in {@code words}, {@code current} being the word under the cursor (not filtered by it). */
    public List<String> words(List<String> words, int index, String current) {
        int start = 0;
        for (int i = 0; i < index && i < words.size(); i++) {
            if (CHAIN.contains(words.get(i))) {
                start = i + 1;
            }
        }
        if (start < index && takingACommand.contains(words.get(start))) {
            start++;
        }
        if (index == start) {
            List<String> first = new ArrayList<>(List.of("docker"));
            if (start == 0) {
                first.addAll(builtins);
            }
            return first;
        }
        String head = words.get(start);
        if (start == 0 && builtinArguments.containsKey(head)) {
            return index == 1 ? builtinArguments.get(head) : List.of();
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
