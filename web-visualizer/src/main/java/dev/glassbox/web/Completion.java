package dev.glassbox.web;

import dev.glassbox.Engine;
import dev.glassbox.client.Cli;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tab completion for the page's terminal, the same idea as the REPL's completer (which this module
 * cannot depend on): the first word, docker subcommands, their flags, and the names of the session's
 * containers and images. Works on the last command of a chain ({@code … && docker stop w<TAB>}).
 */
final class Completion {
    /** Words the page's terminal answers itself. */
    static final List<String> BUILTINS = List.of("clear", "help");
    private static final Set<String> CHAIN = Set.of("&&", "||", ";");
    private static final Set<String> GROUPS = Set.of("container", "image");

    private final Engine engine;

    Completion(Engine engine) {
        this.engine = engine;
    }

    /** The words that fit at {@code index} in {@code words}, {@code current} being the (partial) word there; filtered by it. */
    List<String> words(List<String> words, int index, String current) {
        List<String> out = new ArrayList<>();
        for (String w : candidates(words, index, current)) {
            if (w.startsWith(current) && !out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    private List<String> candidates(List<String> words, int index, String current) {
        int start = 0;
        for (int i = 0; i < index && i < words.size(); i++) {
            if (CHAIN.contains(words.get(i))) {
                start = i + 1;
            }
        }
        if (index == start) {
            List<String> first = new ArrayList<>(List.of("docker"));
            if (start == 0) {
                first.addAll(BUILTINS);
            }
            return first;
        }
        String head = words.get(start);
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
        if (current.startsWith("-")) {
            return Cli.flags(command);
        }
        List<String> names = new ArrayList<>();
        if (Cli.takesContainer(command)) {
            names.addAll(engine.containerNames());
        }
        if (Cli.takesImage(command)) {
            names.addAll(engine.imageNames());
        }
        return names.isEmpty() ? Cli.flags(command) : names;
    }

    private static List<String> subcommands(String group) {
        List<String> out = new ArrayList<>();
        List<String> all = new ArrayList<>(Cli.commands());
        all.addAll(List.of("ls", "list", "prune"));
        for (String word : all) {
            if (!out.contains(word) && !Cli.flags(group + " " + word).isEmpty()) {
                out.add(word);
            }
        }
        return out;
    }
}
