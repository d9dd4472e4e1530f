package dev.glassbox.kernel;

/**
 * How a process's standard streams are set up: {@code open} keeps its standard input open for a
 * writer ({@code docker run -i}), {@code tty} gives it a terminal (the slave side of a pty, {@code -t})
 * of {@code rows} × {@code cols}. With a tty the process's stdout and stderr both go to the terminal
 * and come out on stream 1, as Docker's raw TTY stream does.
 */
public record StdioSpec(boolean open, boolean tty, int rows, int cols) {
    /** Standard input is the fixed text of {@link ExecSpec#stdin()}, output goes to the sink: no terminal. */
    public static final StdioSpec NONE = new StdioSpec(false, false, 0, 0);

    public StdioSpec {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("a terminal size cannot be negative");
        }
        if (tty && (rows == 0 || cols == 0)) {
            rows = rows == 0 ? 24 : rows;
            cols = cols == 0 ? 80 : cols;
        }
    }

    public static StdioSpec of(boolean open, boolean tty) {
        return new StdioSpec(open, tty, tty ? 24 : 0, tty ? 80 : 0);
    }

    /** Whether a writer can reach the process: an open stdin or a terminal. */
    public boolean interactive() {
        return open || tty;
    }
}
