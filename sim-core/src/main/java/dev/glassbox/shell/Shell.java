package dev.glassbox.shell;

import dev.glassbox.Progress;
import dev.glassbox.Result;
import dev.glassbox.api.UsageException;
import dev.glassbox.client.Cli;
import dev.glassbox.client.CommandLine;
import dev.glassbox.client.Console;
import dev.glassbox.client.Word;
import dev.glassbox.client.Workspace;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.util.List;
import java.util.function.Supplier;

/**
 * What stands between the prompt and the docker client, as bash does at a terminal: it splits the line
 * into commands, runs them as {@code &&}, {@code ||} and {@code ;} say, expands each command's words
 * just before it runs (command substitutions included), and runs the few built-ins a course needs
 * around the client's working directory ({@link Builtins}); everything else is a docker command.
 */
public final class Shell {
    /** Runs one docker command: its words, with or without the leading {@code docker}. */
    public interface Docker {
        Result run(List<String> words, Progress progress, Console console);
    }

    private final Docker docker;
    private final Supplier<Workspace> workspace;
    private final Tracer tracer;

    public Shell(Docker docker, Supplier<Workspace> workspace, Tracer tracer) {
        this.docker = docker;
        this.workspace = workspace;
        this.tracer = tracer;
    }

    /** Runs a command line; a line the shell cannot parse is one line on stderr with bash's status 2. */
    public Result run(String line, Progress progress, Console console) {
        List<CommandLine.Command> commands;
        try {
            commands = CommandLine.parse(line);
        } catch (UsageException e) {
            return failure(e);
        }
        return run(commands, progress, console);
    }

    private Result run(List<CommandLine.Command> commands, Progress progress, Console console) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        StringBuilder text = new StringBuilder();
        int status = 0;
        for (CommandLine.Command c : commands) {
            if ((c.connector().equals("&&") && status != 0) || (c.connector().equals("||") && status == 0)) {
                continue;
            }
            Expansion expansion = new Expansion(s -> substitute(s, progress));
            Result r;
            try {
                List<String> words = expansion.fields(c.words());
                err.append(expansion.err());
                text.append(expansion.err());
                r = words.isEmpty() ? new Result("", "", expansion.lastStatus()) : one(words, progress, console);
            } catch (UsageException e) {
                r = failure(e);
            }
            out.append(r.out());
            err.append(r.err());
            text.append(r.text());
            status = r.exitStatus();
        }
        return new Result(out.toString(), err.toString(), status, text.toString());
    }

    private Result one(List<String> words, Progress progress, Console console) {
        String name = words.get(0);
        if (Builtins.NAMES.contains(name)) {
            return new Builtins(workspace.get(), tracer).run(words);
        }
        if (!name.equals("docker") && !name.equals("packet") && !Cli.commands().contains(name)) {
            return new Result("", "glassbox: " + name + ": not a docker command; this prompt is not a shell: it runs docker commands, "
                    + String.join(", ", Builtins.NAMES) + "\n", 127);
        }
        return docker.run(words, progress, console);
    }

    /** {@code $(…)}: the commands inside run first, with no console (their output is the shell's, not the terminal's). */
    private Result substitute(Word.Substitution s, Progress progress) {
        try (Tracer.Span span = tracer.open(Layer.CLIENT, null, "substitute", s.source(), "The shell runs " + s.source()
                + " before the command it stands in, and puts what it prints in its place" + (s.quoted() ? ", as one word."
                : ", split into words at blanks."), s.source())) {
            return run(s.commands(), progress, null);
        }
    }

    private static Result failure(UsageException e) {
        String m = e.getMessage();
        return new Result("", (m.startsWith("glassbox:") ? "" : "glassbox: ") + m + "\n", e.exitStatus());
    }
}
