package dev.glassbox.repl;

import dev.glassbox.web.Visualizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.lab.LabShell;
import dev.glassbox.lab.Lessons;
import dev.glassbox.lab.ProgressStore;
import org.jline.terminal.Terminal;

/**
 * The {@code glassbox} launcher: no subcommand starts the REPL on the sim kernel; {@code run FILE}
 * runs a script non-interactively. Subcommands live in one table, so a new one is one line.
 */
public final class Main {
    /** Exit status for a wrong command line or a feature that is not there yet. */
    static final int USAGE = 2;

    @FunctionalInterface
    interface Action {
        int run(List<String> args) throws IOException;
    }

    record Subcommand(String name, String usage, String summary, Action action) {}

    private final Map<String, Subcommand> subcommands = new LinkedHashMap<>();
    private final PrintWriter out;
    private final PrintWriter err;
    private String kernel = Kernels.SIM;
    private Path stateRoot = Path.of(dev.glassbox.linux.LinuxKernel.Options.DEFAULT_ROOT);
    private dev.glassbox.daemon.DaemonOptions daemon = dev.glassbox.daemon.DaemonOptions.DEFAULT;

    Main(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
        add("run", "run FILE [--keep-going]", "run a script of REPL lines, printed as a transcript", this::runScript);
        add("web", "web [--port N] [--host H] [--daemon unix:///…]", "the visualizer in a browser: prints the address to open", this::web);
        add("daemon", DaemonCommand.usage(), "the Docker Engine API on a UNIX socket: the real docker CLI and SDKs drive glassbox", this::daemon);
        add("lab", "lab [start N|verify] [--dir DIR]", "lessons that check themselves: the list, a lesson at the REPL, an author's self-test", this::lab);
    }

    private void add(String name, String usage, String summary, Action action) {
        subcommands.put(name, new Subcommand(name, usage, summary, action));
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int status;
        try {
            status = new Main(out, err).run(List.of(args));
        } catch (IOException e) {
            err.println("glassbox: " + e.getMessage());
            status = 1;
        }
        out.flush();
        err.flush();
        System.exit(status);
    }

    int run(List<String> args) throws IOException {
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty() && rest.get(0).startsWith("-")) {
            String option = rest.remove(0);
            switch (option) {
                case "-h", "--help" -> {
                    return help();
                }
                case "--kernel" -> {
                    int status = kernel(rest.isEmpty() ? "" : rest.remove(0));
                    if (status != 0) {
                        return status;
                    }
                }
                case "--state-root" -> {
                    if (rest.isEmpty()) {
                        return usage("--state-root needs a directory");
                    }
                    stateRoot = Path.of(rest.remove(0));
                }
                case "--userns-remap" -> {
                    int status = usernsRemap(rest.isEmpty() ? "" : rest.remove(0));
                    if (status != 0) {
                        return status;
                    }
                }
                case "--storage-driver" -> {
                    int status = storageDriver(rest.isEmpty() ? "" : rest.remove(0));
                    if (status != 0) {
                        return status;
                    }
                }
                case "--print-ready-and-exit" -> {
                    return repl(true);
                }
                case "--cds-train" -> {
                    return CdsTraining.run();
                }
                default -> {
                    if (option.startsWith("--kernel=")) {
                        int status = kernel(option.substring("--kernel=".length()));
                        if (status != 0) {
                            return status;
                        }
                    } else if (option.startsWith("--storage-driver=")) {
                        int status = storageDriver(option.substring("--storage-driver=".length()));
                        if (status != 0) {
                            return status;
                        }
                    } else if (option.startsWith("--userns-remap=")) {
                        int status = usernsRemap(option.substring("--userns-remap=".length()));
                        if (status != 0) {
                            return status;
                        }
                    } else {
                        return usage("unknown option '" + option + "'");
                    }
                }
            }
        }
        if (rest.isEmpty()) {
            return repl(false);
        }
        Subcommand sub = subcommands.get(rest.get(0));
        if (sub == null) {
            return usage("unknown command '" + rest.get(0) + "'");
        }
        return sub.action().run(rest.subList(1, rest.size()));
    }

    private int kernel(String name) {
        if (!name.equals(Kernels.SIM) && !name.equals(Kernels.LINUX)) {
            return usage("unknown kernel '" + name + "' (sim or linux)");
        }
        kernel = name;
        return 0;
    }

    /** dockerd's --userns-remap: only "default"; anything else is refused in one line. */
    private int usernsRemap(String value) {
        if (value.isEmpty()) {
            return usage("--userns-remap needs a value: default");
        }
        try {
            daemon = dev.glassbox.daemon.DaemonOptions.usernsRemap(value);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("glassbox: " + e.getMessage());
            return USAGE;
        }
    }

    /** dockerd's --storage-driver: overlay2 or vfs; another name is refused as dockerd refuses it, exit status 1. */
    private int storageDriver(String value) {
        if (value.isEmpty()) {
            return usage("--storage-driver needs a value: overlay2 or vfs");
        }
        try {
            daemon = daemon.withStorageDriver(value);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** {@code glassbox daemon|web … --storage-driver NAME …}: the option taken out of the subcommand's arguments; -1 after a refusal. */
    private int takeStorageDriver(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--storage-driver") || a.startsWith("--storage-driver=")) {
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.size() ? args.remove(i + 1) : "";
                args.remove(i);
                return storageDriver(value);
            }
        }
        return 0;
    }

    /** The engines for this run; on the Linux kernel built at once, so a host that cannot run it says why before anything else. */
    private Kernels kernels() {
        Kernels k = new Kernels(Kernels.SIM, stateRoot, daemon, new DirectoryWorkspace(java.nio.file.Path.of("")));
        if (kernel.equals(Kernels.LINUX)) {
            String problem = k.use(Kernels.LINUX);
            if (problem != null) {
                k.close();
                err.println(problem.replace("\nglassbox: the sim kernel keeps running", "\nglassbox: start without --kernel linux to use the sim kernel"));
                return null;
            }
        }
        return k;
    }

    private int help() {
        out.println("usage: glassbox [--kernel sim|linux] [COMMAND]");
        out.println();
        out.println("  (no command)                      the REPL: type docker commands, watch what they do");
        for (Subcommand s : subcommands.values()) {
            if (s.usage().length() > 33) {
                out.printf("  %s%n  %-33s %s%n", s.usage(), "", s.summary()); // a long usage gets a line of its own
            } else {
                out.printf("  %-33s %s%n", s.usage(), s.summary());
            }
        }
        out.println();
        out.println("options:");
        out.printf("  %-33s %s%n", "--kernel sim", "containers on the simulated kernel (the default)");
        out.printf("  %-33s %s%n", "--kernel linux", "containers on this machine's kernel, as root");
        out.printf("  %-33s %s%n", "--state-root DIR", "where the Linux kernel keeps images and containers (" + dev.glassbox.linux.LinuxKernel.Options.DEFAULT_ROOT + ")");
        out.printf("  %-33s %s%n", "--userns-remap default", "containers' root is uid 100000 on the host (dockerd --userns-remap)");
        out.printf("  %-33s %s%n", "--storage-driver overlay2|vfs", "how layers and containers are kept on disk (dockerd --storage-driver)");
        out.printf("  %-33s %s%n", "-h, --help", "this text");
        return 0;
    }

    private int usage(String problem) {
        err.println("glassbox: " + problem + " (see glassbox --help)");
        return USAGE;
    }

    private Action notYet(String feature) {
        return args -> notAvailable(feature);
    }

    private int notAvailable(String feature) {
        err.println("glassbox: '" + feature + "' is not available yet");
        return USAGE;
    }

    private int runScript(List<String> args) throws IOException {
        List<String> files = new ArrayList<>();
        boolean keepGoing = false;
        for (String a : args) {
            if (a.equals("--keep-going") || a.equals("-k")) {
                keepGoing = true;
            } else if (a.startsWith("-") && !a.equals("-")) {
                return usage("unknown option '" + a + "' for run");
            } else {
                files.add(a);
            }
        }
        if (files.size() != 1) {
            return usage("run takes one script file: glassbox run FILE [--keep-going]");
        }
        List<String> lines;
        try {
            lines = files.get(0).equals("-")
                    ? List.of(new String(System.in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1))
                    : Files.readAllLines(Path.of(files.get(0)), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("glassbox: no such script: " + files.get(0));
            return USAGE;
        }
        Kernels engines = kernels();
        if (engines == null) {
            return 1;
        }
        try (engines) {
            return new ScriptRunner(engines, out, err, keepGoing).run(lines);
        }
    }

    /** Serves the visualizer until the process is stopped (Ctrl-C); sessions are saved as they go. */
    private int web(List<String> given) {
        List<String> args = new ArrayList<>(given);
        int driver = takeStorageDriver(args);
        if (driver != 0) {
            return driver;
        }
        Visualizer.Options options;
        try {
            options = Visualizer.Options.parse(args).withStorageDriver(daemon.storageDriver().id());
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        Visualizer web;
        try {
            web = Visualizer.start(options);
        } catch (RuntimeException e) {
            err.println("glassbox: cannot serve on " + options.host() + ":" + options.port() + ": " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(web::close, "glassbox-web-stop"));
        out.println(web.daemonUrl() != null ? web.daemonUrl() : web.url());
        if (web.daemonUrl() != null) {
            out.println("watching the glassbox daemon at " + options.daemon() + ": each request its clients send appears there as it happens");
        }
        out.println("teacher's view (every session's progress in the labs; keep this address to yourself): " + web.teacherUrl());
        out.flush();
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Serves the Engine API until the process is stopped (Ctrl-C). */
    private int daemon(List<String> given) {
        List<String> args = new ArrayList<>(given);
        int driver = takeStorageDriver(args);
        if (driver != 0) {
            return driver;
        }
        DaemonCommand.Options o;
        try {
            o = DaemonCommand.parse(args);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        Kernels engines = kernels();
        if (engines == null) {
            return 1;
        }
        engines.start();
        return DaemonCommand.run(o, engines::get, engines::close, out, err);
    }

    private int repl(boolean readyAndExit) throws IOException {
        return repl(readyAndExit, null, null);
    }

    /** The REPL; with {@code lessons}, the labs read from there, and {@code firstLine} run before the first prompt. */
    private int repl(boolean readyAndExit, Path lessons, String firstLine) throws IOException {
        Kernels engine = kernels();
        if (engine == null) {
            return 1;
        }
        try (engine; Terminal terminal = SystemTerminal.open()) {
            LabCommands labs = new LabCommands(() -> lessons == null ? Lessons.builtIn() : Lessons.load(lessons), LabCommands.defaultProgressFile(), engine);
            Repl repl = new Repl(terminal, Repl.historyFile(), engine, err, labs);
            engine.start();
            if (readyAndExit) {
                repl.showPromptOnly();
                return 0;
            }
            if (firstLine != null && repl.first(firstLine) != 0) {
                return 1; // an unknown lesson, named with the known ones: nothing to work on
            }
            return repl.run();
        }
    }

    /** glassbox lab [--dir DIR] [list | start NAME | verify]. */
    private int lab(List<String> args) throws IOException {
        List<String> rest = new ArrayList<>(args);
        Path dir = null;
        int at = rest.indexOf("--dir");
        if (at >= 0) {
            if (at + 1 >= rest.size()) {
                return usage("--dir needs a folder of lesson files");
            }
            dir = Path.of(rest.remove(at + 1));
            rest.remove(at);
            if (!Files.isDirectory(dir)) {
                err.println("glassbox: no such folder of lessons: " + dir);
                return 1;
            }
        }
        String sub = rest.isEmpty() ? "list" : rest.get(0);
        switch (sub) {
            case "list", "ls" -> {
                if (rest.size() > 1) {
                    return usage("lab list takes no arguments");
                }
                Lessons lessons = dir == null ? Lessons.builtIn() : Lessons.load(dir);
                Result r = new LabShell(lessons, ProgressStore.file(LabCommands.defaultProgressFile()), Engine::sim, () -> kernel,
                        System::currentTimeMillis).execute("lab");
                out.print(r.out());
                return 0;
            }
            case "start" -> {
                if (rest.size() != 2) {
                    return usage("lab start takes one lesson: its name or its number");
                }
                return repl(false, dir, "lab start " + rest.get(1));
            }
            case "verify" -> {
                if (rest.size() > 1) {
                    return usage("lab verify takes no arguments but --dir DIR");
                }
                return LabVerify.run(dir == null ? Lessons.builtIn() : Lessons.load(dir), out, err);
            }
            default -> {
                return usage("unknown lab command '" + sub + "': lab, lab start N|NAME, lab verify, each with --dir DIR for an author's lessons");
            }
        }
    }
}
