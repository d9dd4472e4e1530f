package dev.glassbox.compose;

import java.util.Map;

/** {@code docker compose --help} and each command's usage line, as Compose's help begins. */
final class Usage {
    static final String TEXT = """

            Usage:  docker compose [OPTIONS] COMMAND

            Define and run multi-container applications with Docker

            Options:
                  --env-file stringArray       Specify an alternate environment file
              -f, --file stringArray           Compose configuration files
              -p, --project-name string        Project name
                  --project-directory string   Specify an alternate working directory
                                               (default: the path of the, first specified, Compose file)

            Commands:
              build       Build or rebuild services
              config      Parse, resolve and render compose file in canonical format
              down        Stop and remove containers, networks
              exec        Execute a command in a running container
              logs        View output from containers
              ls          List running compose projects
              ps          List containers
              pull        Pull service images
              restart     Restart service containers
              start       Start services
              stop        Stop services
              up          Create and start containers
              version     Show the Docker Compose version information

            Run 'docker compose COMMAND --help' for more information on a command.
            """;

    private static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("up", "up [OPTIONS] [SERVICE...]|Create and start containers"),
            Map.entry("down", "down [OPTIONS] [SERVICES]|Stop and remove containers, networks"),
            Map.entry("ps", "ps [OPTIONS] [SERVICE...]|List containers"),
            Map.entry("ls", "ls [OPTIONS]|List running compose projects"),
            Map.entry("logs", "logs [OPTIONS] [SERVICE...]|View output from containers"),
            Map.entry("exec", "exec [OPTIONS] SERVICE COMMAND [ARGS...]|Execute a command in a running container"),
            Map.entry("build", "build [OPTIONS] [SERVICE...]|Build or rebuild services"),
            Map.entry("pull", "pull [OPTIONS] [SERVICE...]|Pull service images"),
            Map.entry("start", "start [SERVICE...]|Start services"),
            Map.entry("stop", "stop [OPTIONS] [SERVICE...]|Stop services"),
            Map.entry("restart", "restart [OPTIONS] [SERVICE...]|Restart service containers"),
            Map.entry("config", "config [OPTIONS] [SERVICE...]|Parse, resolve and render compose file in canonical format"),
            Map.entry("version", "version [OPTIONS]|Show the Docker Compose version information"));

    private Usage() {}

    static String of(String command) {
        String entry = COMMANDS.get(command);
        if (entry == null) {
            return TEXT;
        }
        String[] parts = entry.split("\\|");
        return "\nUsage:  docker compose " + parts[0] + "\n\n" + parts[1] + "\n";
    }
}
