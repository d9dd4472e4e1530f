package dev.glassbox.client;

import dev.glassbox.Progress;
import dev.glassbox.Result;
import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The docker CLI as a client of the typed Engine API: parses what follows {@code docker} with the
 * CLI's own flags, calls the {@link Api}, and prints what docker 28 prints, with its exit status.
 * It never throws: every failure is one line on stderr.
 */
public final class Cli {
    private final Api api;
    private final LongSupplier clockMillis;
    private final Pump pump;
    private volatile Workspace workspace = new MemoryWorkspace();

    public Cli(Api api, LongSupplier clockMillis) {
        this(api, clockMillis, Pump.NONE);
    }

    /** {@code pump}: lets time pass while a command holds a stream open with the user ({@code run -it}). */
    public Cli(Api api, LongSupplier clockMillis, Pump pump) {
        this.api = Objects.requireNonNull(api, "api");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.pump = Objects.requireNonNull(pump, "pump");
    }

    /** The client's own files (the working directory of {@code build .} and {@code cp}); a fresh in-memory one by default. */
    public Workspace workspace() {
        return workspace;
    }

    public void workspace(Workspace files) {
        this.workspace = Objects.requireNonNull(files, "files");
    }

    /** Runs one command; {@code args} is what follows {@code docker}. */
    public Result execute(List<String> args, Progress progress) {
        return execute(args, progress, null);
    }

    /**
     * Runs one command with the user's console ({@code null}: none, as with input redirected): an
     * interactive container reads its keys there and writes its output there, not into the answer.
     */
    public Result execute(List<String> args, Progress progress, Console console) {
        Session s = new Session(api, clockMillis, progress == null ? Progress.NONE : progress, console, pump, workspace);
        int status;
        try {
            List<String> argv = new ArrayList<>();
            if (args != null) {
                args.forEach(a -> argv.add(a == null ? "" : a));
            }
            status = dispatch(s, argv);
        } catch (UsageException e) {
            s.err(e.getMessage());
            status = e.exitStatus();
        } catch (DockerException e) {
            s.err(Session.daemonError(e));
            s.hint(e);
            status = 1;
        } catch (RuntimeException | StackOverflowError e) {
            s.err("glassbox: internal error: " + e);
            status = 1;
        }
        return new Result(s.out.toString(), s.err.toString(), status, s.terminal.toString());
    }

    private static int dispatch(Session s, List<String> argv) {
        if (argv.isEmpty()) {
            s.out.append(Help.top());
            return 0;
        }
        String first = argv.get(0);
        if (first.startsWith("-") && first.length() > 1) {
            return globalFlag(s, first);
        }
        if (first.equals("help")) {
            return help(s, argv.subList(1, argv.size()));
        }
        if (first.equals("compose")) {
            return ComposeCommand.run(s, argv.subList(1, argv.size()), a -> dispatch(s, a));
        }
        int consumed = 1;
        String path = first;
        if (first.equals("builder")) {
            s.err.append(BuildCommand.LEGACY_NOTICE); // the CLI says it for every "docker builder" line, as for build
        }
        if (Specs.GROUPS.contains(first)) {
            if (argv.size() == 1) {
                s.err.append(Help.group(first)); // cobra's ShowHelp for a group named alone writes to stderr
                return 0;
            }
            if (argv.get(1).equals("--help") || argv.get(1).equals("-h")) {
                s.out.append(Help.group(first));
                return 0;
            }
            String sub = argv.get(1);
            if (sub.startsWith("-")) {
                throw new UsageException(unknownFlag(sub) + "\n\nUsage:  docker " + first + "\n\nRun 'docker " + first
                        + " --help' for more information", 125);
            }
            path = first + " " + sub;
            consumed = 2;
            if (Specs.unsupportedIn(first).contains(sub)) {
                throw notSupported(path);
            }
        } else if (Specs.UNSUPPORTED.contains(first)) {
            throw notSupported(first);
        }
        Spec spec = Specs.BY_PATH.get(path);
        if (spec == null) {
            String help = consumed == 2 ? "\n\nUsage:  docker " + first + "\n\nRun 'docker " + first : "\n\nRun 'docker";
            throw new UsageException("docker: unknown command: docker " + path + help + " --help' for more information", 1);
        }
        String full = "docker " + path;
        if (spec.id().equals("build") && !first.equals("builder")) {
            s.err.append(BuildCommand.LEGACY_NOTICE); // docker 28's CLI says it first, before it reads a flag
        }
        Parsed p = Parsed.parse(full, spec, argv.subList(consumed, argv.size()));
        if (p.help()) {
            s.out.append(Help.command(full, spec));
            return 0;
        }
        spec.checkArgs(full, p.args.size());
        return run(s, spec.id(), p);
    }

    private static int run(Session s, String id, Parsed p) {
        return switch (id) {
            case "run" -> RunCommand.run(s, p, true);
            case "create" -> RunCommand.run(s, p, false);
            case "start" -> ContainerCommands.start(s, p);
            case "attach" -> Attached.attach(s, p);
            case "stop" -> ContainerCommands.stop(s, p);
            case "kill" -> ContainerCommands.kill(s, p);
            case "restart" -> ContainerCommands.restart(s, p);
            case "rm" -> ContainerCommands.rm(s, p);
            case "pause" -> ContainerCommands.pause(s, p);
            case "unpause" -> ContainerCommands.unpause(s, p);
            case "wait" -> ContainerCommands.await(s, p);
            case "logs" -> ContainerCommands.logs(s, p);
            case "exec" -> ExecCommand.exec(s, p);
            case "top" -> ProcessCommands.top(s, p);
            case "stats" -> ProcessCommands.stats(s, p);
            case "ps" -> PsCommand.run(s, p);
            case "inspect" -> InspectCommand.run(s, p, null);
            case "container-inspect" -> InspectCommand.run(s, p, "container");
            case "image-inspect" -> InspectCommand.run(s, p, "image");
            case "images" -> ImageCommands.images(s, p);
            case "pull" -> ImageCommands.pull(s, p);
            case "push" -> ImageCommands.push(s, p);
            case "rmi" -> ImageCommands.rmi(s, p);
            case "tag" -> ImageCommands.tag(s, p);
            case "history" -> ImageCommands.history(s, p);
            case "diff" -> ChangeCommands.diff(s, p);
            case "commit" -> ChangeCommands.commit(s, p);
            case "build" -> BuildCommand.build(s, p);
            case "volume-create" -> VolumeCommands.create(s, p);
            case "volume-ls" -> VolumeCommands.ls(s, p);
            case "volume-inspect" -> VolumeCommands.inspect(s, p);
            case "volume-rm" -> VolumeCommands.rm(s, p);
            case "volume-prune" -> VolumeCommands.prune(s, p);
            case "network-create" -> NetworkCommands.create(s, p);
            case "network-ls" -> NetworkCommands.ls(s, p);
            case "network-inspect" -> NetworkCommands.inspect(s, p);
            case "network-rm" -> NetworkCommands.rm(s, p);
            case "network-prune" -> NetworkCommands.prune(s, p);
            case "network-connect" -> {
                s.api.connectNetwork(p.args.get(0), p.args.get(1), NetworkingOptions.connect(p));
                yield 0;
            }
            case "network-disconnect" -> {
                s.api.disconnectNetwork(p.args.get(0), p.args.get(1));
                yield 0;
            }
            case "save" -> TransferCommands.save(s, p);
            case "load" -> TransferCommands.load(s, p);
            case "import" -> TransferCommands.importImage(s, p);
            case "export" -> TransferCommands.export(s, p);
            case "cp" -> CopyCommand.run(s, p);
            case "version" -> SystemCommands.version(s, p);
            case "info" -> SystemCommands.info(s, p);
            case "rename" -> ContainerCommands.rename(s, p);
            case "update" -> UpdateCommand.update(s, p);
            case "port" -> PortCommand.port(s, p);
            case "container-prune" -> PruneCommands.containers(s, p);
            case "image-prune" -> PruneCommands.images(s, p);
            case "system-prune" -> PruneCommands.system(s, p);
            case "builder-prune" -> PruneCommands.builder(s, p);
            case "system-df" -> SystemReports.df(s, p);
            case "events" -> SystemReports.events(s, p);
            default -> throw new IllegalStateException("no handler for " + id);
        };
    }

    private static int globalFlag(Session s, String flag) {
        switch (flag) {
            case "--help", "-h" -> s.out.append(Help.top());
            case "--version", "-v" -> s.out("Docker version " + SystemCommands.CLIENT_VERSION + ", build "
                    + SystemCommands.CLIENT_COMMIT);
            default -> throw new UsageException(unknownFlag(flag)
                    + "\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information", 125);
        }
        return 0;
    }

    /** pflag's words for a flag a command (or the top level) does not have. */
    private static String unknownFlag(String flag) {
        return flag.startsWith("--") ? "unknown flag: " + flag.split("=")[0]
                : "unknown shorthand flag: " + GoText.quoteRune(flag.codePointAt(1)) + " in " + flag;
    }

    private static int help(Session s, List<String> topic) {
        if (topic.isEmpty()) {
            s.out.append(Help.top());
            return 0;
        }
        List<String> argv = new ArrayList<>(topic);
        argv.add("--help");
        return dispatch(s, argv);
    }

    private static UsageException notSupported(String path) {
        return new UsageException("glassbox: 'docker " + path + "' is not supported yet", 1);
    }

    /** Every top-level command name docker has, supported or not, for completion. */
    public static List<String> commands() {
        Set<String> names = new TreeSet<>(Specs.UNSUPPORTED);
        for (String path : Specs.BY_PATH.keySet()) {
            names.add(path.split(" ")[0]);
        }
        names.add("help");
        names.add("compose");
        return List.copyOf(names);
    }

    /**
     * The flags of a command ({@code "run"}, {@code "container ls"}), long forms then short forms, for
     * completion; empty for unknown or unsupported commands.
     */
    public static List<String> flags(String command) {
        Spec spec = command == null ? null : Specs.BY_PATH.get(command.strip().replaceAll("\\s+", " "));
        if (spec == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (Flag f : spec.flags()) {
            if (!f.hidden()) {
                out.add("--" + f.name());
            }
        }
        out.add("--help");
        for (Flag f : spec.flags()) {
            if (!f.hidden() && !f.shorthand().isEmpty()) {
                out.add("-" + f.shorthand());
            }
        }
        return List.copyOf(out);
    }

    /** The management commands that take a subcommand ({@code container ls}, {@code volume create}), for completion. */
    public static List<String> groups() {
        return List.copyOf(Specs.GROUPS);
    }

    /** Whether the command's arguments are volumes (for completing names). */
    public static boolean takesVolume(String command) {
        Spec spec = command == null ? null : Specs.BY_PATH.get(command.strip().replaceAll("\\s+", " "));
        return spec != null && Set.of("volume-inspect", "volume-rm").contains(spec.id());
    }

    /** Whether the command's arguments are networks (for completing names). */
    public static boolean takesNetwork(String command) {
        Spec spec = command == null ? null : Specs.BY_PATH.get(command.strip().replaceAll("\\s+", " "));
        return spec != null && Set.of("network-inspect", "network-rm", "network-connect", "network-disconnect").contains(spec.id());
    }

    /** Whether the command's arguments are containers (for completing names). */
    public static boolean takesContainer(String command) {
        Spec spec = command == null ? null : Specs.BY_PATH.get(command.strip().replaceAll("\\s+", " "));
        return spec != null && Set.of("attach", "start", "stop", "kill", "restart", "rm", "pause", "unpause", "wait", "logs",
                "exec", "top", "stats", "inspect", "container-inspect", "diff", "commit", "network-connect", "network-disconnect", "export").contains(spec.id());
    }

    /** Whether the command's arguments are images (for completing references). */
    public static boolean takesImage(String command) {
        Spec spec = command == null ? null : Specs.BY_PATH.get(command.strip().replaceAll("\\s+", " "));
        return spec != null && Set.of("run", "create", "pull", "push", "rmi", "tag", "history", "images", "inspect",
                "image-inspect", "save").contains(spec.id());
    }
}
