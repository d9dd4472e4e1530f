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

    Flag longFlag(String name) {
        for (Flag f : flags) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return name.equals("help") ? HELP : null;
    }

    Flag shortFlag(String c) {
        for (Flag f : flags) {
            if (f.shorthand().equals(c)) {
                return f;
            }
        }
        return c.equals("h") ? HELP : null;
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
