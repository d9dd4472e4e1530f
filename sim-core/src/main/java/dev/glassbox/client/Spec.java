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

    /** cobra's argument validators, in the docker CLI's wording (exit status 1). */
    void checkArgs(String path, int n) {
        String prefix = "docker: '" + path + "' ";
        if (maxArgs == 0 && n > 0) {
            throw new UsageException(prefix + "accepts no arguments", 1);
        }
        if (minArgs == maxArgs && n != minArgs) {
            throw new UsageException(prefix + "requires " + minArgs + " " + plural(minArgs), 1);
        }
        if (n < minArgs) {
            throw new UsageException(prefix + "requires at least " + minArgs + " " + plural(minArgs), 1);
        }
        if (maxArgs != ANY && n > maxArgs) {
            throw new UsageException(prefix + "requires at most " + maxArgs + " " + plural(maxArgs), 1);
        }
    }

    private static String plural(int n) {
        return n == 1 ? "argument" : "arguments";
    }
}
