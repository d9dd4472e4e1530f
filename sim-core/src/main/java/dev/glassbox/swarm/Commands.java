package dev.glassbox.swarm;

import java.util.Map;

/** The CLI's argument-count errors for the swarm commands (cobra's wording, with the command's usage and short help). */
final class Commands {
    private static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry("docker swarm init", "Initialize a swarm"),
            Map.entry("docker swarm join", "Join a swarm as a node and/or manager"),
            Map.entry("docker swarm join-token", "Manage join tokens"),
            Map.entry("docker swarm leave", "Leave the swarm"),
            Map.entry("docker node ls", "List nodes in the swarm"),
            Map.entry("docker node inspect", "Display detailed information on one or more nodes"),
            Map.entry("docker node rm", "Remove one or more nodes from the swarm"),
            Map.entry("docker node update", "Update a node"),
            Map.entry("docker service create", "Create a new service"),
            Map.entry("docker service ls", "List services"),
            Map.entry("docker service ps", "List the tasks of one or more services"),
            Map.entry("docker service scale", "Scale one or multiple replicated services"),
            Map.entry("docker service update", "Update a service"),
            Map.entry("docker service rm", "Remove one or more services"),
            Map.entry("docker service inspect", "Display detailed information on one or more services"),
            Map.entry("docker service logs", "Fetch the logs of a service or task"));

    private Commands() {}

    static void noArgs(String command, String usage, Args a) {
        if (!a.positional.isEmpty()) {
            throw usage(command, usage, "\"" + command + "\" accepts no arguments.");
        }
    }

    static SwarmException exactly(String command, String usage, int n, int got) {
        return usage(command, usage, "\"" + command + "\" requires exactly " + n + " argument" + (n == 1 ? "" : "s") + ".");
    }

    static SwarmException atLeast(String command, String usage, int n) {
        return usage(command, usage, "\"" + command + "\" requires at least " + n + " argument" + (n == 1 ? "" : "s") + ".");
    }

    private static SwarmException usage(String command, String usage, String first) {
        return new SwarmException(first + "\nSee '" + command + " --help'.\n\nUsage:  " + command + " " + usage + "\n\n"
                + SHORT.getOrDefault(command, ""), false);
    }
}
