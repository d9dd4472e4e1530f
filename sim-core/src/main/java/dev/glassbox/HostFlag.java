package dev.glassbox;

import java.util.List;

/**
 * The docker client's global {@code -H NAME} / {@code --host NAME} (also {@code -H=NAME}, {@code --host=NAME}), taken
 * off the front of a command's words: in a world, the name of the host whose daemon the command goes to.
 */
record HostFlag(String name, String error) {
    private static final String USAGE = "\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n";

    static boolean is(String word) {
        return word.equals("-H") || word.equals("--host") || word.startsWith("-H=") || word.startsWith("--host=");
    }

    /** Removes the flag and its value from {@code args}; a missing value is the error the docker CLI prints. */
    static HostFlag take(List<String> args) {
        String word = args.remove(0);
        int eq = word.indexOf('=');
        if (eq > 0) {
            return named(word.substring(eq + 1));
        }
        if (args.isEmpty()) {
            return new HostFlag(null, "flag needs an argument: " + (word.equals("-H") ? "'H' in -H" : "--host") + USAGE);
        }
        return named(args.remove(0));
    }

    private static HostFlag named(String value) {
        String name = value.startsWith("tcp://") ? value.substring(6) : value;
        int colon = name.indexOf(':');
        name = colon >= 0 ? name.substring(0, colon) : name;
        return name.isEmpty() ? new HostFlag(null, "glassbox: no such node: " + value + "\n") : new HostFlag(name, null);
    }
}
