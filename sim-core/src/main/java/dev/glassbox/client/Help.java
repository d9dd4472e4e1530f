package dev.glassbox.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The docker CLI's help texts: cobra's usage template and pflag's wrapped options table. */
final class Help {
    /** docker wraps flag usages at 80 - 1 columns when its output is not a terminal. */
    static final int WIDTH = 79;

    static final Map<String, String[]> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("Common Commands", new String[] {
            "run", "Create and run a new container from an image",
            "exec", "Execute a command in a running container",
            "ps", "List containers",
            "build", "Build an image from a Dockerfile",
            "pull", "Download an image from a registry",
            "push", "Upload an image to a registry",
            "images", "List images",
            "login", "Authenticate to a registry",
            "logout", "Log out from a registry",
            "search", "Search Docker Hub for images",
            "version", "Show the Docker version information",
            "info", "Display system-wide information"});
        SECTIONS.put("Management Commands", new String[] {
            "builder", "Manage builds",
            "checkpoint", "Manage checkpoints",
            "compose*", "Docker Compose",
            "container", "Manage containers",
            "context", "Manage contexts",
            "image", "Manage images",
            "manifest", "Manage Docker image manifests and manifest lists",
            "network", "Manage networks",
            "plugin", "Manage plugins",
            "system", "Manage Docker",
            "trust", "Manage trust on Docker images",
            "volume", "Manage volumes"});
        SECTIONS.put("Swarm Commands", new String[] {
            "config", "Manage Swarm configs",
            "node", "Manage Swarm nodes",
            "secret", "Manage Swarm secrets",
            "service", "Manage Swarm services",
            "stack", "Manage Swarm stacks",
            "swarm", "Manage Swarm"});
        SECTIONS.put("Commands", new String[] {
            "attach", "Attach local standard input, output, and error streams to a running container",
            "commit", "Create a new image from a container's changes",
            "cp", "Copy files/folders between a container and the local filesystem",
            "create", "Create a new container",
            "diff", "Inspect changes to files or directories on a container's filesystem",
            "events", "Get real time events from the server",
            "export", "Export a container's filesystem as a tar archive",
            "history", "Show the history of an image",
            "import", "Import the contents from a tarball to create a filesystem image",
            "inspect", "Return low-level information on Docker objects",
            "kill", "Kill one or more running containers",
            "load", "Load an image from a tar archive or STDIN",
            "logs", "Fetch the logs of a container",
            "pause", "Pause all processes within one or more containers",
            "port", "List port mappings or a specific mapping for the container",
            "rename", "Rename a container",
            "restart", "Restart one or more containers",
            "rm", "Remove one or more containers",
            "rmi", "Remove one or more images",
            "save", "Save one or more images to a tar archive (streamed to STDOUT by default)",
            "start", "Start one or more stopped containers",
            "stats", "Display a live stream of container(s) resource usage statistics",
            "stop", "Stop one or more running containers",
            "tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
            "top", "Display the running processes of a container",
            "unpause", "Unpause all processes within one or more containers",
            "update", "Update configuration of one or more containers",
            "wait", "Block until one or more containers stop, then print their exit codes"});
    }

    static final String[] CONTAINER = {
        "attach", "Attach local standard input, output, and error streams to a running container",
        "commit", "Create a new image from a container's changes",
        "cp", "Copy files/folders between a container and the local filesystem",
        "create", "Create a new container",
        "diff", "Inspect changes to files or directories on a container's filesystem",
        "exec", "Execute a command in a running container",
        "export", "Export a container's filesystem as a tar archive",
        "inspect", "Display detailed information on one or more containers",
        "kill", "Kill one or more running containers",
        "logs", "Fetch the logs of a container",
        "ls", "List containers",
        "pause", "Pause all processes within one or more containers",
        "port", "List port mappings or a specific mapping for the container",
        "prune", "Remove all stopped containers",
        "rename", "Rename a container",
        "restart", "Restart one or more containers",
        "rm", "Remove one or more containers",
        "run", "Create and run a new container from an image",
        "start", "Start one or more stopped containers",
        "stats", "Display a live stream of container(s) resource usage statistics",
        "stop", "Stop one or more running containers",
        "top", "Display the running processes of a container",
        "unpause", "Unpause all processes within one or more containers",
        "update", "Update configuration of one or more containers",
        "wait", "Block until one or more containers stop, then print their exit codes"};

    static final String[] IMAGE = {
        "build", "Build an image from a Dockerfile",
        "history", "Show the history of an image",
        "import", "Import the contents from a tarball to create a filesystem image",
        "inspect", "Display detailed information on one or more images",
        "load", "Load an image from a tar archive or STDIN",
        "ls", "List images",
        "prune", "Remove unused images",
        "pull", "Download an image from a registry",
        "push", "Upload an image to a registry",
        "rm", "Remove one or more images",
        "save", "Save one or more images to a tar archive (streamed to STDOUT by default)",
        "tag", "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"};

    static final String[] SYSTEM = {
        "df", "Show docker disk usage",
        "events", "Get real time events from the server",
        "info", "Display system-wide information",
        "prune", "Remove unused data"};

    static final String[] BUILDER = {
        "build", "Build an image from a Dockerfile",
        "prune", "Remove build cache"};

    static final String[] VOLUME = {
        "create", "Create a volume",
        "inspect", "Display detailed information on one or more volumes",
        "ls", "List volumes",
        "prune", "Remove unused local volumes",
        "rm", "Remove one or more volumes",
        "update", "Update a volume (cluster volumes only)"};

    static final String[] NETWORK = {
        "connect", "Connect a container to a network",
        "create", "Create a network",
        "disconnect", "Disconnect a container from a network",
        "inspect", "Display detailed information on one or more networks",
        "ls", "List networks",
        "prune", "Remove all unused networks",
        "rm", "Remove one or more networks"};

    private Help() {}

    static String top() {
        StringBuilder b = new StringBuilder("Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n");
        SECTIONS.forEach((title, rows) -> {
            b.append('\n').append(title).append(":\n");
            commandRows(b, rows);
        });
        b.append("\nGlobal Options:\n")
                .append("  -v, --version            Print version information and quit\n")
                .append("\nRun 'docker COMMAND --help' for more information on a command.\n");
        return b.toString();
    }

    static String group(String name) {
        StringBuilder b = new StringBuilder("Usage:  docker " + name + " COMMAND\n\n")
                .append(switch (name) {
                    case "system" -> "Manage Docker";
                    case "builder" -> "Manage builds";
                    default -> "Manage " + name + "s";
                }).append("\n\nCommands:\n");
        commandRows(b, switch (name) {
            case "container" -> CONTAINER;
            case "volume" -> VOLUME;
            case "network" -> NETWORK;
            case "system" -> SYSTEM;
            case "builder" -> BUILDER;
            default -> IMAGE;
        });
        return b.append("\nRun 'docker ").append(name).append(" COMMAND --help' for more information on a command.\n").toString();
    }

    private static void commandRows(StringBuilder b, String[] rows) {
        for (int i = 0; i < rows.length; i += 2) {
            b.append("  ").append(String.format("%-11s", rows[i])).append(' ').append(rows[i + 1]).append('\n');
        }
    }

    static String command(String path, Spec spec) {
        StringBuilder b = new StringBuilder("Usage:  ").append(path).append(' ').append(spec.usage()).append("\n\n")
                .append(spec.description()).append('\n');
        if (!spec.aliases().isEmpty()) {
            b.append("\nAliases:\n  ").append(String.join(", ", spec.aliases())).append('\n');
        }
        List<Flag> shown = new ArrayList<>();
        for (Flag f : spec.flags()) {
            if (!f.hidden()) {
                shown.add(f);
            }
        }
        if (!shown.isEmpty()) {
            shown.sort(Comparator.comparing(Flag::name));
            b.append("\nOptions:\n").append(flagUsages(shown, WIDTH));
        }
        return b.toString();
    }

    /** pflag's FlagUsagesWrapped. */
    static String flagUsages(List<Flag> flags, int cols) {
        List<String> lines = new ArrayList<>();
        int maxlen = 0;
        for (Flag f : flags) {
            String line = f.shorthand().isEmpty() ? "      --" + f.name() : "  -" + f.shorthand() + ", --" + f.name();
            if (!f.kind().typeName.isEmpty()) {
                line += " " + f.kind().typeName;
            }
            line += "\0";
            maxlen = Math.max(maxlen, line.length());
            line += f.usage();
            if (!f.defaultText().isEmpty()) {
                line += " (default " + f.defaultText() + ")";
            }
            lines.add(line);
        }
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            int sidx = line.indexOf('\0');
            b.append(line, 0, sidx).append(' ').append(" ".repeat(maxlen - sidx)).append(' ')
                    .append(wrap(maxlen + 2, cols, line.substring(sidx + 1))).append('\n');
        }
        return b.toString();
    }

    static String wrap(int indent, int width, String s) {
        if (width == 0) {
            return s.replace("\n", "\n" + " ".repeat(indent));
        }
        int wrap = width - indent;
        StringBuilder r = new StringBuilder();
        if (wrap < 24) {
            indent = 16;
            wrap = width - indent;
            r.append('\n').append(" ".repeat(indent));
        }
        if (wrap < 24) {
            return r.isEmpty() ? s : s.replace("\n", r.toString());
        }
        int slop = 5;
        wrap -= slop;
        String pad = " ".repeat(indent);
        String[] cut = wrapN(wrap, slop, s);
        r.append(cut[0].replace("\n", "\n" + pad));
        String rest = cut[1];
        while (!rest.isEmpty()) {
            cut = wrapN(wrap, slop, rest);
            r.append('\n').append(pad).append(cut[0].replace("\n", "\n" + pad));
            rest = cut[1];
        }
        return r.toString();
    }

    private static String[] wrapN(int i, int slop, String s) {
        if (i + slop > s.length()) {
            return new String[] {s, ""};
        }
        String head = s.substring(0, i);
        int w = Math.max(Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t')), head.lastIndexOf('\n'));
        if (w <= 0) {
            return new String[] {s, ""};
        }
        int nl = head.lastIndexOf('\n');
        if (nl > 0 && nl < w) {
            return new String[] {s.substring(0, nl), s.substring(nl + 1)};
        }
        return new String[] {s.substring(0, w), s.substring(w + 1)};
    }
}
