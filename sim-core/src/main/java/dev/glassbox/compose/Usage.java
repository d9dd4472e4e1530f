package dev.glassbox.compose;

import java.util.Map;

/** {@code docker compose --help} and each command's usage line, as Compose's help begins. */
final class Usage {
    static final String TEXT = """

            Usage:  docker compose [OPTIONS] COMMAND

            Define and run multi-container applications with Docker

            Options:
                  --all-resources              Include all resources, even those not used by services
                  --ansi string                Control when to print ANSI control characters ("never"|"always"|"auto") (default "auto")
                  --compatibility              Run compose in backward compatibility mode
                  --dry-run                    Execute command in dry run mode
                  --env-file stringArray       Specify an alternate environment file
              -f, --file stringArray           Compose configuration files
                  --parallel int               Control max parallelism, -1 for unlimited (default -1)
                  --profile stringArray        Specify a profile to enable
                  --progress string            Set type of progress output (auto, tty, plain, json, quiet) (default "auto")
                  --project-directory string   Specify an alternate working directory
                                               (default: the path of the, first specified, Compose file)
              -p, --project-name string        Project name

            Commands:
              attach      Attach local standard input, output, and error streams to a service's running container
              build       Build or rebuild services
              commit      Create a new image from a service container's changes
              config      Parse, resolve and render compose file in canonical format
              cp          Copy files/folders between a service container and the local filesystem
              create      Creates containers for a service
              down        Stop and remove containers, networks
              events      Receive real time events from containers
              exec        Execute a command in a running container
              export      Export a service container's filesystem as a tar archive
              images      List images used by the created containers
              kill        Force stop service containers
              logs        View output from containers
              ls          List running compose projects
              pause       Pause services
              port        Print the public port for a port binding
              ps          List containers
              publish     Publish compose application
              pull        Pull service images
              push        Push service images
              restart     Restart service containers
              rm          Removes stopped service containers
              run         Run a one-off command on a service
              scale       Scale services
              start       Start services
              stats       Display a live stream of container(s) resource usage statistics
              stop        Stop services
              top         Display the running processes
              unpause     Unpause services
              up          Create and start containers
              version     Show the Docker Compose version information
              wait        Block until containers of all (or specified) services stop.
              watch       Watch build context for service and rebuild/refresh containers when files are updated

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
            Map.entry("version", "version [OPTIONS]|Show the Docker Compose version information"),
            Map.entry("run", "run [OPTIONS] SERVICE [COMMAND] [ARGS...]|Run a one-off command on a service"),
            Map.entry("create", "create [OPTIONS] [SERVICE...]|Creates containers for a service"),
            Map.entry("rm", "rm [OPTIONS] [SERVICE...]|Removes stopped service containers"),
            Map.entry("kill", "kill [OPTIONS] [SERVICE...]|Force stop service containers"),
            Map.entry("pause", "pause [SERVICE...]|Pause services"),
            Map.entry("unpause", "unpause [SERVICE...]|Unpause services"),
            Map.entry("top", "top [SERVICES...]|Display the running processes"),
            Map.entry("images", "images [OPTIONS] [SERVICE...]|List images used by the created containers"),
            Map.entry("port", "port [OPTIONS] SERVICE PRIVATE_PORT|Print the public port for a port binding"),
            Map.entry("wait", "wait SERVICE [SERVICE...] [OPTIONS]|Block until containers of all (or specified) services stop."),
            Map.entry("cp", "cp [OPTIONS] SERVICE:SRC_PATH DEST_PATH|-\n\tdocker compose cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH"
                    + "|Copy files/folders between a service container and the local filesystem"),
            Map.entry("scale", "scale [SERVICE=REPLICAS...]|Scale services "));

    private Usage() {}

    static String of(String command) {
        String entry = COMMANDS.get(command);
        if (entry == null) {
            return TEXT;
        }
        int bar = entry.lastIndexOf('|');
        return "\nUsage:  docker compose " + entry.substring(0, bar) + "\n\n" + entry.substring(bar + 1) + "\n";
    }
}
