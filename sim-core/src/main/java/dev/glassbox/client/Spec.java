package dev.glassbox.client;

import dev.glassbox.api.UsageException;
import java.util.List;

/**
 * A command as cobra declares it: usage, description, aliases, flags, how many arguments it takes,
 * and whether flags may follow arguments ({@code run}, {@code exec} and {@code top} stop at the first
 * argument so the container's command keeps its own flags).
 */
record Spec(String id, String usage, String description, List<String> aliases, List<Flag> flags,
            int minArgs, int maxArgs, boolean interspersed) {
    static final int ANY = -1;

    Spec {
        flags = Flags.of(flags);
    }

    /**
     * The flags in their order, with an index by name and by shorthand: reading a command's options asks for each of
     * its flags by name (docker run has about a hundred), and a walk of the list for each made that quadratic.
     */
    static final class Flags extends java.util.AbstractList<Flag> implements java.util.RandomAccess {
        private final List<Flag> all;
        private final java.util.Map<String, Flag> byName = new java.util.HashMap<>();
        private final java.util.Map<String, Flag> byShorthand = new java.util.HashMap<>();

        private Flags(List<Flag> flags) {
            all = List.copyOf(flags);
            for (Flag f : all) {
                byName.putIfAbsent(f.name(), f); // the first declared wins, as the walk found it
                byShorthand.putIfAbsent(f.shorthand(), f);
            }
        }

        static Flags of(List<Flag> flags) {
            return flags instanceof Flags f ? f : new Flags(flags);
        }

        @Override
        public Flag get(int i) {
            return all.get(i);
        }

        @Override
        public int size() {
            return all.size();
        }
    }

    Flag longFlag(String name) {
        Flag f = ((Flags) flags).byName.get(name);
        return f != null ? f : name.equals("help") ? HELP : null;
    }

    Flag shortFlag(String c) {
        Flag f = ((Flags) flags).byShorthand.get(c);
        return f != null ? f : c.equals("h") ? HELP : null;
    }

    private static final Flag HELP = Flag.bool("h", "help", "Print usage");

    /**
     * cobra's argument validators, in the docker CLI's wording (exit status 1), followed by the usage
     * line and "See '… --help'" as the CLI's argument checks print them.
     */
    void checkArgs(String path, int n) {
        String problem = argsProblem(n);
        if (problem != null) {
            throw new UsageException("docker: '" + path + "' " + problem + usageFooter(path, pointerVerb(problem)), 1);
        }
    }

    /**
     * docker 28's argument checks end in three ways: "See '…'" after too few ("requires at least"), "Run '…'"
     * after an exact count or none, and "SRun '…'" after too many ("requires at most": a slip in the CLI's
     * RequiresMaxArgs, printed as it is).
     */
    private static String pointerVerb(String problem) {
        if (problem.startsWith("requires at least")) {
            return "See";
        }
        return problem.startsWith("requires at most") ? "SRun" : "Run";
    }

    private String argsProblem(int n) {
        if (maxArgs == 0 && n > 0) {
            return "accepts no arguments";
        }
        if (minArgs == maxArgs && n != minArgs) {
            return "requires " + minArgs + " " + plural(minArgs);
        }
        if (n < minArgs) {
            return "requires at least " + minArgs + " " + plural(minArgs);
        }
        if (maxArgs != ANY && n > maxArgs) {
            return "requires at most " + maxArgs + " " + plural(maxArgs);
        }
        return null;
    }

    /**
     * What the docker CLI prints after a usage error: a blank line, {@code Usage:  docker run [OPTIONS] IMAGE …},
     * a blank line, and {@code VERB 'docker run --help' for more information} ("Run" after a bad flag; after a
     * wrong number of arguments, see {@link #pointerVerb}).
     */
    String usageFooter(String path, String verb) {
        return "\n\nUsage:  " + path + " " + usage() + "\n\n" + verb + " '" + path + " --help' for more information";
    }

    private static String plural(int n) {
        return n == 1 ? "argument" : "arguments";
    }
}
