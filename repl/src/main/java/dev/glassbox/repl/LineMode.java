package dev.glassbox.repl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The console's line mode ({@code docker run -i} without -t): what a terminal's line discipline does
 * for a program that reads lines. Keys are echoed, Backspace and Ctrl-U edit, Enter hands the line over,
 * Ctrl-D at the start of a line is the end of input, Ctrl-C is noted for the CLI's signal proxy.
 */
final class LineMode {
    private final StringBuilder line = new StringBuilder();
    private final ByteArrayOutputStream ready = new ByteArrayOutputStream();
    private final Consumer<String> echo;
    private boolean eof;
    private boolean interrupted;

    /** {@code echo}: what the user sees of their keys (written to the terminal as it is). */
    LineMode(Consumer<String> echo) {
        this.echo = echo;
    }

    void key(char c) {
        switch (c) {
            case '\r', '\n' -> {
                echo.accept("\r\n");
                hand(line.append('\n'));
            }
            case 0x7f, '\b' -> {
                if (!line.isEmpty()) {
                    line.setLength(line.length() - 1);
                    echo.accept("\b \b");
                }
            }
            case 0x15 -> {
                echo.accept("\b \b".repeat(line.length()));
                line.setLength(0);
            }
            case 0x04 -> {
                if (line.isEmpty()) {
                    eof = true;
                } else {
                    hand(line);
                }
            }
            case 0x03 -> {
                echo.accept("^C\r\n");
                line.setLength(0);
                interrupted = true;
            }
            default -> {
                line.append(c);
                echo.accept(c < ' ' ? "^" + (char) (c + '@') : String.valueOf(c));
            }
        }
    }

    private void hand(CharSequence text) {
        ready.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        line.setLength(0);
    }

    /** The lines handed over since the last call (empty if none); null once Ctrl-D ended the input and nothing is left. */
    byte[] take() {
        if (ready.size() == 0) {
            return eof ? null : new byte[0];
        }
        byte[] out = ready.toByteArray();
        ready.reset();
        return out;
    }

    /** Whether Ctrl-C was pressed since the last call. */
    boolean interrupted() {
        boolean was = interrupted;
        interrupted = false;
        return was;
    }
}
