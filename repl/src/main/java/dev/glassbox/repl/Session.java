package dev.glassbox.repl;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.trace.Trace;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * Carries out one line as the REPL does, for the REPL and for scripts alike: a REPL built-in, or a
 * command line for the engine ({@code docker …}, with or without the {@code docker}, chains too).
 */
final class Session {
    static final List<String> BUILTINS = List.of("help", "trace", "step", "state", "kernel", "lab", "check", "hint", "solution", "answer",
            "clear", "exit", "quit");

    private static final String HELP = """
            Type docker commands as you would at work, with or without the leading "docker":
              docker run -d --name web -p 8080:80 nginx
              ps -a && docker stop web
              docker run -it alpine sh    a shell in a container, in this terminal until it exits
                                (Ctrl-P Ctrl-Q leaves it running; docker attach NAME goes back)
              docker rm $(docker ps -aq -f status=exited)   $(…) and `…` run first, as in bash
            Your files (the directory glassbox started in; docker cp and docker build use it):
              cd DIR, pwd, ls [-a] [PATH], cat FILE, mkdir [-p] DIR
              (this is not a shell: no pipes, redirections, variables or other programs)
            Built-ins:
              help              this text
              trace             the last command as a tree: client → api → daemon → runtime → kernel
              trace --json      the same trace as JSON
              step <command>    run a command, then replay its trace one step at a time
                                (Enter next, b back, s state at that step, q quit)
              state             the engine's state (images, containers, kernel objects) as JSON
              packet trace C D[:PORT]  one packet from container C to D, hop by hop
              node add|ls|use|rm NAME  more sim hosts on one LAN; docker -H NAME … runs on one
              kernel            which kernel runs the containers (sim or linux)
              kernel linux      switch to this machine's own kernel (as root; a fresh engine)
            Labs (lessons that check themselves):
              lab               the lessons, each with its goal, and which you finished
              lab start N|NAME  start a lesson (or come back to it); the prompt shows the step
              check             what the step still wants, one line per goal
              hint              the next hint, gentle first; solution shows the step's commands
              answer TEXT       answer the step's question
              lab reset         back to the lesson's start state (lab help: the rest)
              clear             clear the screen
              exit, quit        leave (Ctrl-D too)
            Tab completes commands, flags, container and image names; Ctrl-R searches the history.
            """;

    private final Supplier<Engine> engine;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Frontend ui;
    /** The labs; null where the engine cannot be replaced by a fresh one (a test's fixed engine). */
    private final LabCommands lab;
    private boolean exitRequested;

    Session(Supplier<Engine> engine, PrintWriter out, PrintWriter err, Frontend ui) {
        this(engine, out, err, ui, engine instanceof Kernels k ? new LabCommands(dev.glassbox.lab.Lessons::builtIn, LabCommands.defaultProgressFile(), k) : null);
    }

    Session(Supplier<Engine> engine, PrintWriter out, PrintWriter err, Frontend ui, LabCommands lab) {
        this.engine = engine;
        this.out = out;
        this.err = err;
        this.ui = ui;
        this.lab = lab;
    }

    /** The prompt for the next line: it names the lesson and the step while in one. */
    String prompt() {
        return lab == null ? Repl.PROMPT : lab.prompt();
    }

    boolean exitRequested() {
        return exitRequested;
    }

    /** Runs one line and returns its exit status; blank lines and comments do nothing. */
    int execute(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return 0;
        }
        try {
            return dispatch(text);
        } catch (RuntimeException e) {
            if (System.getenv("GLASSBOX_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return fail(1, "glassbox: internal error: " + e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int dispatch(String text) {
        String[] words = text.split("\\s+", 2);
        String rest = words.length > 1 ? words[1].strip() : "";
        return switch (words[0]) {
            case "help" -> rest.isEmpty() ? print(HELP) : command(text);
            case "exit", "quit" -> exit(rest);
            case "clear" -> rest.isEmpty() ? clear() : command(text);
            case "trace" -> trace(rest);
            case "step" -> rest.isEmpty() ? fail(2, "usage: step <command>") : step(rest);
            case "state" -> rest.isEmpty() ? print(Json.pretty(engine.get().state()) + "\n") : command(text);
            case "kernel" -> rest.isEmpty() ? print(engine.get().kernelName() + "\n") : kernel(rest);
            case "lab", "check", "hint", "solution", "answer" -> lab(text);
            default -> command(text);
        };
    }

    /** kernel sim|linux: the next commands run on that kernel, in a fresh engine. */
    private int kernel(String which) {
        if (!(engine instanceof Kernels k)) {
            return fail(2, "glassbox: this session cannot change its kernel");
        }
        String problem = k.use(which);
        if (problem != null) {
            return fail(1, problem);
        }
        print("glassbox: containers now run on the " + k.name() + " kernel\n");
        return lab == null ? 0 : print(lab.kernelChanged());
    }

    private int lab(String text) {
        if (lab == null) {
            return fail(2, "glassbox: this session cannot run labs (it has no engine of its own to reset)");
        }
        Result r = lab.execute(text);
        show(r);
        return r.exitStatus();
    }

    /** After an engine command in a lesson: the ✓ lines of the steps it completed. */
    private void afterCommand() {
        if (lab != null) {
            String more = lab.after();
            if (!more.isEmpty()) {
                print(out, more);
            }
        }
    }

    private int command(String text) {
        Result r = runOnEngine(text);
        show(r);
        afterCommand();
        return r.exitStatus();
    }

    private Result runOnEngine(String text) {
        try {
            return engine.get().run(text, ui.bars(), ui.console());
        } finally {
            ui.bars().finish();
        }
    }

    /**
     * One stream only: it goes where the command wrote it. Both: a terminal shows them interleaved
     * in the order they were written (logs of nginx mix its stdout and stderr), so that order is kept.
     */
    private void show(Result r) {
        if (r.out().isEmpty() || r.err().isEmpty()) {
            print(err, r.err());
            print(out, r.out());
        } else {
            print(out, r.text());
        }
    }

    private static void print(PrintWriter w, String text) {
        if (!text.isEmpty()) {
            w.print(withNewline(text));
            w.flush();
        }
    }

    private int trace(String args) {
        if (!args.isEmpty() && !args.equals("--json")) {
            return fail(2, "usage: trace [--json]");
        }
        Trace t = engine.get().lastTrace();
        if (t == null || t.isEmpty()) {
            return fail(1, "no trace yet: run a command first");
        }
        return print(args.isEmpty() ? TraceRenderer.render(t, ui.style()) : Json.pretty(dev.glassbox.trace.TraceJson.trace(t)) + "\n");
    }

    private int step(String commandLine) {
        Result r = runOnEngine(commandLine);
        Trace t = engine.get().lastTrace();
        if (t != null && !t.isEmpty()) {
            new Stepper(t, out, ui.style()).run(ui.steps());
        }
        show(r);
        afterCommand();
        return r.exitStatus();
    }

    private int exit(String arg) {
        if (arg.isEmpty()) {
            exitRequested = true;
            return 0;
        }
        try {
            int status = Integer.parseInt(arg);
            exitRequested = true;
            return status;
        } catch (NumberFormatException e) {
            return fail(2, "usage: exit [status]");
        }
    }

    private int clear() {
        ui.clearScreen().run();
        return 0;
    }

    private int print(String text) {
        out.print(text);
        out.flush();
        return 0;
    }

    private int fail(int status, String message) {
        out.flush();
        err.println(message);
        err.flush();
        return status;
    }

    private static String withNewline(String s) {
        return s.endsWith("\n") ? s : s + "\n";
    }
}
