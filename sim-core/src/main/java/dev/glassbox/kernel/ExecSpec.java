package dev.glassbox.kernel;

import java.util.List;

/**
 * A program to start: {@code argv[0]} is looked up on the PATH of {@code env} inside the sandbox's
 * root. Output is delivered to {@code output} as it is written. Standard input is the fixed text
 * {@code stdin} unless {@code stdio} opens it for a writer or gives the process a terminal; then
 * {@link Processes#stdio} is where the writer writes.
 */
public record ExecSpec(List<String> argv, List<String> env, String cwd, int uid, int gid, String stdin, OutputSink output,
                       StdioSpec stdio) {
    public ExecSpec(List<String> argv, List<String> env, String cwd, int uid, int gid, String stdin, OutputSink output) {
        this(argv, env, cwd, uid, gid, stdin, output, StdioSpec.NONE);
    }

    public ExecSpec {
        stdio = stdio == null ? StdioSpec.NONE : stdio;
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
