package dev.glassbox.client;

/**
 * The user's terminal, when the front end has one: what {@code docker run -it}, {@code docker attach}
 * and {@code docker exec -it} read keys from and write the container's bytes to. A front end without
 * one (the web page, a script) gives none, and the CLI behaves as docker does with its input redirected.
 */
public interface Console {
    /**
     * What the user typed, waiting at most {@code timeoutMillis} for it: the bytes (none when nothing
     * came), or null at the end of input. In raw mode every key as it was typed, nothing echoed; in line
     * mode whole lines, echoed and edited by the console, and null for Ctrl-D at the start of a line.
     */
    byte[] read(long timeoutMillis);

    /** The container's output as it is: with a tty the terminal's own bytes, {@code \r\n} included. */
    void write(byte[] bytes);

    /** The window's size. */
    Size size();

    /**
     * The console is the container's from now on: {@code raw} ({@code -it}: keys pass as typed, Ctrl-C
     * included, nothing echoed), or line mode (the console echoes and edits a line, Enter sends it).
     */
    void open(boolean raw);

    /** Back to the front end: the terminal as it was. */
    void close();

    /** Whether the window changed size since the last call. */
    default boolean resized() {
        return false;
    }

    /** Whether the user pressed Ctrl-C in line mode since the last call (in raw mode it is just a key). */
    default boolean interrupted() {
        return false;
    }

    record Size(int rows, int columns) {}
}
