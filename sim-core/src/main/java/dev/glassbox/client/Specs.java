package dev.glassbox.client;

import static dev.glassbox.client.Flag.Kind.BYTES;
import static dev.glassbox.client.Flag.Kind.DECIMAL;
import static dev.glassbox.client.Flag.Kind.FILTER;
import static dev.glassbox.client.Flag.Kind.INT;
import static dev.glassbox.client.Flag.Kind.LIST;
import static dev.glassbox.client.Flag.Kind.MAP;
import static dev.glassbox.client.Flag.Kind.MOUNT;
import static dev.glassbox.client.Flag.Kind.NETWORK;
import static dev.glassbox.client.Flag.Kind.STRING;
import static dev.glassbox.client.Flag.Kind.STRINGS;
import static dev.glassbox.client.Flag.bool;
import static dev.glassbox.client.Flag.of;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The commands glassbox understands, with the docker CLI's own usage texts and flags. */
final class Specs {
    static final String FORMAT_TABLE = "Format output using a custom template:\n"
            + "'table':            Print output in table format with column headers (default)\n"
            + "'table TEMPLATE':   Print output in table format using the given Go template\n"
            + "'json':             Print in JSON format\n"
            + "'TEMPLATE':         Print output using the given Go template.\n"
            + "Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";
    static final String FORMAT_PLAIN = "Format output using a custom template:\n"
            + "'json':             Print in JSON format\n"
            + "'TEMPLATE':         Print output using the given Go template.\n"
            + "Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

    /** Top-level commands by name; {@code container} and {@code image} children by "container ls" etc. */
    static final Map<String, Spec> BY_PATH = new LinkedHashMap<>();

    /** Commands docker has that glassbox does not run (yet): listed for completion and help. */
    static final List<String> UNSUPPORTED = List.of("buildx", "checkpoint",
            "config", "context", "init", "login",
            "logout", "manifest", "node", "plugin", "search", "secret",
            "service", "stack", "swarm", "trust");
    /** Management commands whose subcommands are looked up as "GROUP SUB". */
    static final List<String> GROUPS = List.of("container", "image", "network", "volume", "system", "builder");
    static final List<String> UNSUPPORTED_CONTAINER = List.of();
    static final List<String> UNSUPPORTED_IMAGE = List.of();
    static final List<String> UNSUPPORTED_SYSTEM = List.of();

    static final List<String> UNSUPPORTED_VOLUME = List.of("update");
    static final List<String> UNSUPPORTED_NETWORK = List.of();

    private Specs() {}

    static List<String> unsupportedIn(String group) {
        return switch (group) {
            case "container" -> UNSUPPORTED_CONTAINER;
            case "image" -> UNSUPPORTED_IMAGE;
            case "volume" -> UNSUPPORTED_VOLUME;
            case "network" -> UNSUPPORTED_NETWORK;
            case "system" -> UNSUPPORTED_SYSTEM;
            default -> List.of();
        };
    }

    private static List<Flag> runFlags(boolean run) {
        List<Flag> f = new ArrayList<>(List.of(
                of("a", "attach", LIST, "Attach to STDIN, STDOUT or STDERR"),
                of("", "cap-add", LIST, "Add Linux capabilities"),
                of("", "cap-drop", LIST, "Drop Linux capabilities"),
                of("c", "cpu-shares", INT, "CPU shares (relative weight)"),
                of("", "cpus", DECIMAL, "Number of CPUs"),
                of("", "cpuset-cpus", STRING, "CPUs in which to allow execution (0-3, 0,1)"),
                of("", "entrypoint", STRING, "Overwrite the default ENTRYPOINT of the image"),
                of("e", "env", LIST, "Set environment variables"),
                of("", "env-file", LIST, "Read in a file of environment variables"),
                of("", "expose", LIST, "Expose a port or a range of ports"),
                bool("", "help", "Print usage"),
                of("", "health-cmd", STRING, "Command to run to check health"),
                of("", "health-interval", Flag.Kind.DURATION, "Time between running the check (ms|s|m|h)").withDefault("0s"),
                of("", "health-retries", INT, "Consecutive failures needed to report unhealthy"),
                of("", "health-start-interval", Flag.Kind.DURATION, "Time between running the check during the start period (ms|s|m|h)").withDefault("0s"),
                of("", "health-start-period", Flag.Kind.DURATION,
                        "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h)").withDefault("0s"),
                of("", "health-timeout", Flag.Kind.DURATION, "Maximum time to allow one check to run (ms|s|m|h)").withDefault("0s"),
                bool("", "no-healthcheck", "Disable any container-specified HEALTHCHECK"),
                of("h", "hostname", STRING, "Container host name"),
                bool("i", "interactive", "Keep STDIN open even if not attached"),
                of("", "ipc", STRING, "IPC mode to use"),
                of("l", "label", LIST, "Set meta data on a container"),
                of("", "log-driver", STRING, "Logging driver for the container"),
                of("", "log-opt", LIST, "Log driver options"),
                of("m", "memory", BYTES, "Memory limit"),
                of("", "memory-swap", BYTES, "Swap limit equal to memory plus swap: '-1' to enable unlimited swap"),
                of("", "mount", MOUNT, "Attach a filesystem mount to the container"),
                of("", "name", STRING, "Assign a name to the container"),
                of("", "net", NETWORK, "Connect a container to a network").hide(),
                of("", "network", NETWORK, "Connect a container to a network"),
                of("", "network-alias", LIST, "Add network-scoped alias for the container"),
                of("", "link", LIST, "Add link to another container"),
                of("", "pid", STRING, "PID namespace to use"),
                of("", "pids-limit", INT, "Tune container pids limit (set -1 for unlimited)"),
                bool("", "privileged", "Give extended privileges to this container"),
                bool("", "read-only", "Mount the container's root filesystem as read only"),
                of("p", "publish", LIST, "Publish a container's port(s) to the host"),
                bool("P", "publish-all", "Publish all exposed ports to random ports"),
                of("", "pull", STRING, run ? "Pull image before running (\"always\", \"missing\", \"never\")"
                        : "Pull image before creating (\"always\", \"|missing\", \"never\")").withDefault("\"missing\""),
                of("", "restart", STRING, "Restart policy to apply when a container exits").withDefault("\"no\""),
                bool("", "rm", "Automatically remove the container and its associated anonymous volumes when it exits"),
                of("", "stop-signal", STRING, "Signal to stop the container"),
                of("", "stop-timeout", INT, "Timeout (in seconds) to stop a container"),
                of("", "tmpfs", LIST, "Mount a tmpfs directory"),
                bool("t", "tty", "Allocate a pseudo-TTY"),
                of("u", "user", STRING, "Username or UID (format: <name|uid>[:<group|gid>])"),
                of("", "userns", STRING, "User namespace to use"),
                of("", "uts", STRING, "UTS namespace to use"),
                of("v", "volume", LIST, "Bind mount a volume"),
                of("", "volumes-from", LIST, "Mount volumes from the specified container(s)"),
                of("w", "workdir", STRING, "Working directory inside the container")));
        if (run) {
            f.add(bool("d", "detach", "Run container in background and print container ID"));
            f.add(of("", "detach-keys", STRING, DETACH_KEYS));
            f.add(bool("", "sig-proxy", "Proxy received signals to the process").withDefault("true"));
        }
        return f;
    }

    private static void add(String id, String usage, String description, String aliases, List<Flag> flags,
                            int min, int max, boolean interspersed, String... paths) {
        List<String> al = aliases.isEmpty() ? List.of() : List.of(aliases.split(", "));
        Spec spec = new Spec(id, usage, description, al, flags, min, max, interspersed);
        for (String p : paths) {
            BY_PATH.put(p, spec);
        }
    }

    private static final int ANY = Spec.ANY;
    private static final String DETACH_KEYS = "Override the key sequence for detaching a container";
    private static final String CONTAINERS = "[OPTIONS] CONTAINER [CONTAINER...]";

    static {
        add("run", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container from an image",
                "docker container run, docker run", runFlags(true), 1, ANY, false, "run", "container run");
        add("create", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container",
                "docker container create, docker create", runFlags(false), 1, ANY, false, "create", "container create");
        add("start", CONTAINERS, "Start one or more stopped containers", "docker container start, docker start",
                List.of(bool("a", "attach", "Attach STDOUT/STDERR and forward signals"),
                        of("", "detach-keys", STRING, DETACH_KEYS),
                        bool("i", "interactive", "Attach container's STDIN")), 1, ANY, true, "start", "container start");
        add("attach", "[OPTIONS] CONTAINER", "Attach local standard input, output, and error streams to a running container",
                "docker container attach, docker attach",
                List.of(of("", "detach-keys", STRING, DETACH_KEYS),
                        bool("", "no-stdin", "Do not attach STDIN"),
                        bool("", "sig-proxy", "Proxy all received signals to the process").withDefault("true")),
                1, 1, true, "attach", "container attach");
        Flag signal = of("s", "signal", STRING, "Signal to send to the container");
        Flag timeout = of("t", "timeout", INT, "Seconds to wait before killing the container");
        Flag time = of("", "time", INT, "Seconds to wait before killing the container (deprecated: use --timeout)").hide();
        add("stop", CONTAINERS, "Stop one or more running containers", "docker container stop, docker stop",
                List.of(signal, timeout, time), 1, ANY, true, "stop", "container stop");
        add("kill", CONTAINERS, "Kill one or more running containers", "docker container kill, docker kill",
                List.of(signal), 1, ANY, true, "kill", "container kill");
        add("restart", CONTAINERS, "Restart one or more containers", "docker container restart, docker restart",
                List.of(signal, timeout, time), 1, ANY, true, "restart", "container restart");
        add("rm", CONTAINERS, "Remove one or more containers", "docker container rm, docker container remove, docker rm",
                List.of(bool("f", "force", "Force the removal of a running container (uses SIGKILL)"),
                        bool("v", "volumes", "Remove anonymous volumes associated with the container")),
                1, ANY, true, "rm", "container rm", "container remove");
        add("pause", "CONTAINER [CONTAINER...]", "Pause all processes within one or more containers",
                "docker container pause, docker pause", List.of(), 1, ANY, true, "pause", "container pause");
        add("unpause", "CONTAINER [CONTAINER...]", "Unpause all processes within one or more containers",
                "docker container unpause, docker unpause", List.of(), 1, ANY, true, "unpause", "container unpause");
        add("wait", "CONTAINER [CONTAINER...]", "Block until one or more containers stop, then print their exit codes",
                "docker container wait, docker wait", List.of(), 1, ANY, true, "wait", "container wait");
        add("logs", "[OPTIONS] CONTAINER", "Fetch the logs of a container", "docker container logs, docker logs",
                List.of(bool("f", "follow", "Follow log output"),
                        of("n", "tail", STRING, "Number of lines to show from the end of the logs").withDefault("\"all\""),
                        bool("t", "timestamps", "Show timestamps")), 1, 1, true, "logs", "container logs");
        add("exec", "[OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container",
                "docker container exec, docker exec",
                List.of(bool("d", "detach", "Detached mode: run command in the background"),
                        of("", "detach-keys", STRING, DETACH_KEYS),
                        of("e", "env", LIST, "Set environment variables"),
                        bool("i", "interactive", "Keep STDIN open even if not attached"),
                        bool("", "privileged", "Give extended privileges to the command"),
                        bool("t", "tty", "Allocate a pseudo-TTY"),
                        of("u", "user", STRING, "Username or UID (format: \"<name|uid>[:<group|gid>]\")"),
                        of("w", "workdir", STRING, "Working directory inside the container")),
                2, ANY, false, "exec", "container exec");
        add("top", "CONTAINER [ps OPTIONS]", "Display the running processes of a container",
                "docker container top, docker top", List.of(), 1, ANY, false, "top", "container top");
        add("stats", "[OPTIONS] [CONTAINER...]", "Display a live stream of container(s) resource usage statistics",
                "docker container stats, docker stats",
                List.of(bool("a", "all", "Show all containers (default shows just running)"),
                        of("", "format", STRING, FORMAT_TABLE),
                        bool("", "no-stream", "Disable streaming stats and only pull the first result"),
                        bool("", "no-trunc", "Do not truncate output")), 0, ANY, true, "stats", "container stats");
        add("ps", "[OPTIONS]", "List containers",
                "docker container ls, docker container list, docker container ps, docker ps",
                List.of(bool("a", "all", "Show all containers (default shows just running)"),
                        of("f", "filter", FILTER, "Filter output based on conditions provided"),
                        of("", "format", STRING, FORMAT_TABLE),
                        of("n", "last", INT, "Show n last created containers (includes all states)").withDefault("-1"),
                        bool("l", "latest", "Show the latest created container (includes all states)"),
                        bool("", "no-trunc", "Don't truncate output"),
                        bool("q", "quiet", "Only display container IDs"),
                        bool("s", "size", "Display total file sizes")),
                0, 0, true, "ps", "container ls", "container list", "container ps");
        Flag format = of("f", "format", STRING, FORMAT_PLAIN);
        add("inspect", "[OPTIONS] NAME|ID [NAME|ID...]", "Return low-level information on Docker objects", "",
                List.of(format, bool("s", "size", "Display total file sizes if the type is container"),
                        of("", "type", STRING, "Only inspect objects of the given type")), 1, ANY, true, "inspect");
        add("container-inspect", CONTAINERS, "Display detailed information on one or more containers", "",
                List.of(format, bool("s", "size", "Display total file sizes")), 1, ANY, true, "container inspect");
        add("image-inspect", "[OPTIONS] IMAGE [IMAGE...]", "Display detailed information on one or more images", "",
                List.of(format), 1, ANY, true, "image inspect");
        add("images", "[OPTIONS] [REPOSITORY[:TAG]]", "List images", "docker image ls, docker image list, docker images",
                List.of(bool("a", "all", "Show all images (default hides intermediate images)"),
                        bool("", "digests", "Show digests"),
                        of("f", "filter", FILTER, "Filter output based on conditions provided"),
                        of("", "format", STRING, FORMAT_TABLE),
                        bool("", "no-trunc", "Don't truncate output"),
                        bool("q", "quiet", "Only show image IDs")), 0, 1, true, "images", "image ls", "image list");
        add("pull", "[OPTIONS] NAME[:TAG|@DIGEST]", "Download an image from a registry", "docker image pull, docker pull",
                List.of(bool("a", "all-tags", "Download all tagged images in the repository"),
                        of("", "platform", STRING, "Set platform if server is multi-platform capable"),
                        bool("q", "quiet", "Suppress verbose output")), 1, 1, true, "pull", "image pull");
        add("push", "[OPTIONS] NAME[:TAG]", "Upload an image to a registry", "docker image push, docker push",
                List.of(bool("a", "all-tags", "Push all tags of an image to the repository"),
                        bool("", "disable-content-trust", "Skip image signing").withDefault("true"),
                        of("", "platform", STRING, "Push a platform-specific manifest as a single-platform image to the registry.\n"
                                + "Image index won't be pushed, meaning that other manifests, including attestations won't be preserved.\n"
                                + "'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)"),
                        bool("q", "quiet", "Suppress verbose output")), 1, 1, true, "push", "image push");
        add("rmi", "[OPTIONS] IMAGE [IMAGE...]", "Remove one or more images",
                "docker image rm, docker image remove, docker rmi",
                List.of(bool("f", "force", "Force removal of the image"),
                        bool("", "no-prune", "Do not delete untagged parents")), 1, ANY, true, "rmi", "image rm", "image remove");
        add("tag", "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
                "docker image tag, docker tag", List.of(), 2, 2, true, "tag", "image tag");
        add("history", "[OPTIONS] IMAGE", "Show the history of an image", "docker image history, docker history",
                List.of(of("", "format", STRING, FORMAT_TABLE),
                        bool("H", "human", "Print sizes and dates in human readable format").withDefault("true"),
                        bool("", "no-trunc", "Don't truncate output"),
                        bool("q", "quiet", "Only show image IDs")), 1, 1, true, "history", "image history");
        add("diff", "CONTAINER", "Inspect changes to files or directories on a container's filesystem",
                "docker container diff, docker diff", List.of(), 1, 1, true, "diff", "container diff");
        add("commit", "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]", "Create a new image from a container's changes",
                "docker container commit, docker commit",
                List.of(of("a", "author", STRING, "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")"),
                        of("c", "change", LIST, "Apply Dockerfile instruction to the created image"),
                        of("m", "message", STRING, "Commit message"),
                        bool("", "no-pause", "Disable pausing container during commit"),
                        bool("p", "pause", "Pause container during commit").withDefault("true").hide()),
                1, 2, true, "commit", "container commit");
        transfers();
        BuildSpec.add();
        system();
        volumes();
        networks();
        add("version", "[OPTIONS]", "Show the Docker version information", "", List.of(format), 0, 0, true, "version");
        add("info", "[OPTIONS]", "Display system-wide information", "docker system info, docker info",
                List.of(format), 0, 0, true, "info", "system info");
    }

    private static void system() {
        Flag force = bool("f", "force", "Do not prompt for confirmation");
        add("port", "CONTAINER [PRIVATE_PORT[/PROTO]]", "List port mappings or a specific mapping for the container",
                "docker container port, docker port", List.of(), 1, 2, true, "port", "container port");
        add("update", CONTAINERS, "Update configuration of one or more containers", "docker container update, docker update",
                List.of(of("c", "cpu-shares", INT, "CPU shares (relative weight)"),
                        of("", "cpus", DECIMAL, "Number of CPUs"),
                        of("", "cpuset-cpus", STRING, "CPUs in which to allow execution (0-3, 0,1)"),
                        of("m", "memory", BYTES, "Memory limit"),
                        of("", "memory-swap", BYTES, "Swap limit equal to memory plus swap: -1 to enable unlimited swap"),
                        of("", "pids-limit", INT, "Tune container pids limit (set -1 for unlimited)"),
                        of("", "restart", STRING, "Restart policy to apply when a container exits")),
                1, ANY, true, "update", "container update");
        add("rename", "CONTAINER NEW_NAME", "Rename a container", "docker container rename, docker rename", List.of(), 2, 2, true,
                "rename", "container rename");
        add("container-prune", "[OPTIONS]", "Remove all stopped containers", "",
                List.of(of("", "filter", FILTER, "Provide filter values (e.g. \"until=<timestamp>\")"), force), 0, 0, true, "container prune");
        add("image-prune", "[OPTIONS]", "Remove unused images", "",
                List.of(bool("a", "all", "Remove all unused images, not just dangling ones"),
                        of("", "filter", FILTER, "Provide filter values (e.g. \"until=<timestamp>\")"), force), 0, 0, true, "image prune");
        add("system-prune", "[OPTIONS]", "Remove unused data", "",
                List.of(bool("a", "all", "Remove all unused images not just dangling ones"),
                        of("", "filter", FILTER, "Provide filter values (e.g. \"label=<key>=<value>\")"), force,
                        bool("", "volumes", "Prune anonymous volumes")), 0, 0, true, "system prune");
        add("builder-prune", "[OPTIONS]", "Remove build cache", "",
                List.of(bool("a", "all", "Remove all unused build cache, not just dangling ones"),
                        of("", "filter", FILTER, "Provide filter values (e.g. \"until=24h\")"), force,
                        of("", "keep-storage", BYTES, "Amount of disk space to keep for cache")), 0, 0, true, "builder prune");
        add("system-df", "[OPTIONS]", "Show docker disk usage", "",
                List.of(of("", "format", STRING, FORMAT_TABLE), bool("v", "verbose", "Show detailed information on space usage")),
                0, 0, true, "system df");
        add("events", "[OPTIONS]", "Get real time events from the server", "docker system events, docker events",
                List.of(of("f", "filter", FILTER, "Filter output based on conditions provided"),
                        of("", "format", STRING, FORMAT_PLAIN),
                        of("", "since", STRING, "Show all events created since timestamp"),
                        of("", "until", STRING, "Stream events until this timestamp")), 0, 0, true, "events", "system events");
    }

    private static void volumes() {
        add("volume-create", "[OPTIONS] [VOLUME]", "Create a volume", "",
                List.of(of("d", "driver", STRING, "Specify volume driver name").withDefault("\"local\""),
                        of("", "label", LIST, "Set metadata for a volume"),
                        of("o", "opt", MAP, "Set driver specific options").withDefault("map[]")), 0, 1, true, "volume create");
        add("volume-ls", "[OPTIONS]", "List volumes", "docker volume ls, docker volume list",
                List.of(of("f", "filter", FILTER, "Provide filter values (e.g. \"dangling=true\")"),
                        of("", "format", STRING, FORMAT_TABLE),
                        bool("q", "quiet", "Only display volume names")), 0, 0, true, "volume ls", "volume list");
        add("volume-inspect", "[OPTIONS] VOLUME [VOLUME...]", "Display detailed information on one or more volumes", "",
                List.of(of("f", "format", STRING, FORMAT_PLAIN)), 1, ANY, true, "volume inspect");
        add("volume-rm", "[OPTIONS] VOLUME [VOLUME...]", "Remove one or more volumes", "docker volume rm, docker volume remove",
                List.of(bool("f", "force", "Force the removal of one or more volumes")), 1, ANY, true, "volume rm", "volume remove");
        add("volume-prune", "[OPTIONS]", "Remove unused local volumes", "",
                List.of(bool("a", "all", "Remove all unused volumes, not just anonymous ones"),
                        of("", "filter", FILTER, "Provide filter values (e.g. \"label=<label>\")"),
                        bool("f", "force", "Do not prompt for confirmation")), 0, 0, true, "volume prune");
    }

    private static void networks() {
        add("network-create", "[OPTIONS] NETWORK", "Create a network", "",
                List.of(Flag.bool("", "attachable", "Enable manual container attachment"),
                        of("d", "driver", STRING, "Driver to manage the Network").withDefault("\"bridge\""),
                        of("", "gateway", STRINGS, "IPv4 or IPv6 Gateway for the master subnet"),
                        of("", "ip-range", STRINGS, "Allocate container ip from a sub-range"),
                        of("", "label", LIST, "Set metadata on a network"),
                        of("o", "opt", MAP, "Set driver specific options").withDefault("map[]"),
                        of("", "subnet", STRINGS, "Subnet in CIDR format that represents a network segment")), 1, 1, true, "network create");
        add("network-connect", "[OPTIONS] NETWORK CONTAINER", "Connect a container to a network", "",
                List.of(of("", "alias", STRINGS, "Add network-scoped alias for the container"),
                        of("", "link", LIST, "Add link to another container")), 2, 2, true, "network connect");
        add("network-disconnect", "[OPTIONS] NETWORK CONTAINER", "Disconnect a container from a network", "",
                List.of(bool("f", "force", "Force the container to disconnect from a network")), 2, 2, true, "network disconnect");
        add("network-ls", "[OPTIONS]", "List networks", "docker network ls, docker network list",
                List.of(of("f", "filter", FILTER, "Provide filter values (e.g. \"driver=bridge\")"),
                        of("", "format", STRING, FORMAT_TABLE),
                        bool("", "no-trunc", "Do not truncate the output"),
                        bool("q", "quiet", "Only display network IDs")), 0, 0, true, "network ls", "network list");
        add("network-inspect", "[OPTIONS] NETWORK [NETWORK...]", "Display detailed information on one or more networks", "",
                List.of(of("f", "format", STRING, FORMAT_PLAIN),
                        bool("v", "verbose", "Verbose output for diagnostics")), 1, ANY, true, "network inspect");
        add("network-prune", "[OPTIONS]", "Remove all unused networks", "",
                List.of(of("", "filter", FILTER, "Provide filter values (e.g. \"until=<timestamp>\")"),
                        bool("f", "force", "Do not prompt for confirmation")), 0, 0, true, "network prune");
        add("network-rm", "NETWORK [NETWORK...]", "Remove one or more networks", "docker network rm, docker network remove",
                List.of(bool("f", "force", "Do not error if the network does not exist")), 1, ANY, true, "network rm", "network remove");
    }

    private static void transfers() {
        add("cp", "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
                "Copy files/folders between a container and the local filesystem", "docker container cp, docker cp",
                List.of(bool("a", "archive", "Archive mode (copy all uid/gid information)"),
                        bool("L", "follow-link", "Always follow symbol link in SRC_PATH"),
                        bool("q", "quiet", "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached")),
                2, 2, true, "cp", "container cp");
        add("export", "[OPTIONS] CONTAINER", "Export a container's filesystem as a tar archive", "docker container export, docker export",
                List.of(of("o", "output", STRING, "Write to a file, instead of STDOUT")), 1, 1, true, "export", "container export");
        add("save", "[OPTIONS] IMAGE [IMAGE...]", "Save one or more images to a tar archive (streamed to STDOUT by default)",
                "docker image save, docker save",
                List.of(of("o", "output", STRING, "Write to a file, instead of STDOUT")), 1, ANY, true, "save", "image save");
        add("load", "[OPTIONS]", "Load an image from a tar archive or STDIN", "docker image load, docker load",
                List.of(of("i", "input", STRING, "Read from tar archive file, instead of STDIN"),
                        bool("q", "quiet", "Suppress the load output")), 0, 0, true, "load", "image load");
        add("import", "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]", "Import the contents from a tarball to create a filesystem image",
                "docker image import, docker import",
                List.of(of("c", "change", LIST, "Apply Dockerfile instruction to the created image"),
                        of("m", "message", STRING, "Set commit message for imported image"),
                        of("", "platform", STRING, "Set platform if server is multi-platform capable")), 1, 2, true, "import", "image import");
    }
}
