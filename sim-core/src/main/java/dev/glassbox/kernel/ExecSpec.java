package dev.glassbox.kernel;

import java.util.List;

/**
 * A program to start: {@code argv[0]} is looked up on the PATH of {@code env} inside the sandbox's
 * root. Output is delivered to {@code output} as it is written. Standard input is the fixed text
 * {@code stdin} unless {@code stdio} opens it for a writer or gives the process a terminal; then
 * {@link Processes#stdio} is where the writer writes. {@code capabilities}: the set the process keeps
 * (its bounding set; a root process holds all of it); Docker's default fourteen when null.
 */
public record ExecSpec(List<String> argv, List<String> env, String cwd, int uid, int gid, String stdin, OutputSink output,
                       StdioSpec stdio, java.util.Set<Capability> capabilities) {
    /** With Docker's default capabilities. */
    public ExecSpec(List<String> argv, List<String> env, String cwd, int uid, int gid, String stdin, OutputSink output,
                    StdioSpec stdio) {
        this(argv, env, cwd, uid, gid, stdin, output, stdio, null);
    }

    public ExecSpec(List<String> argv, List<String> env, String cwd, int uid, int gid, String stdin, OutputSink output) {
        this(argv, env, cwd, uid, gid, stdin, output, StdioSpec.NONE);
    }

    public ExecSpec {
        stdio = stdio == null ? StdioSpec.NONE : stdio;
        capabilities = capabilities == null ? Capability.DOCKER_DEFAULT
                : java.util.Collections.unmodifiableSet(capabilities.isEmpty() ? java.util.EnumSet.noneOf(Capability.class)
                        : java.util.EnumSet.copyOf(capabilities));
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        cwd = cwd == null || cwd.isEmpty() ? "/" : cwd;
        stdin = stdin == null ? "" : stdin;
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
    }

    /** Where a process's standard output and error go. */
    @FunctionalInterface
    public interface OutputSink {
        OutputSink DISCARD = (stream, text) -> {};

        /** stream 1 is stdout, 2 is stderr. */
        void write(int stream, String text);
    }
}
