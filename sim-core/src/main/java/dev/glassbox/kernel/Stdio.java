package dev.glassbox.kernel;

/**
 * The writer's end of a process's standard input: a pipe, or with a tty the pty's master side, where
 * the line discipline applies (echo, erase, a line handed over at Enter, Ctrl-C as SIGINT to the
 * foreground process group, Ctrl-\ as SIGQUIT, Ctrl-D at the start of a line as end of file).
 * What a {@code docker attach} or {@code docker exec -it} client types goes in here; what the process
 * writes comes out through its {@link ExecSpec.OutputSink}.
 */
public interface Stdio {
    /** Whether this is a terminal (the process was started with {@link StdioSpec#tty()}). */
    boolean tty();

    /** Bytes typed or piped in; a process gone or an input closed ignores them. */
    void write(byte[] data);

    /**
     * The writer closed its end: end of file on a pipe once what was written is read; on a terminal,
     * the line being typed is handed over and every read after it sees end of file (Ctrl-D typed for
     * good), so a shell and whatever it runs on the terminal all reach the end.
     */
    void closeInput();

    /** TIOCSWINSZ: the terminal's new size; the foreground process group gets SIGWINCH. Ignored without a tty. */
    void resize(int rows, int cols);
}
