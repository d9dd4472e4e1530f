package dev.glassbox.repl;

import java.io.IOError;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/** Where step mode reads what to do next. */
interface StepInput {
    String HINT = "[Enter] next · b back · s state · q quit";

    enum Key { NEXT, BACK, STATE, QUIT }

    Key next();

    /** A script has nobody to press keys: every step is shown, one after the other. */
    StepInput ALL = () -> Key.NEXT;

    /** One key press on a real terminal, no Enter needed after {@code b}, {@code s} or {@code q}. */
    static StepInput keys(Terminal terminal, Style style) {
        return () -> {
            terminal.writer().print(style.dim(HINT) + " ");
            terminal.flush();
            Attributes saved = terminal.enterRawMode();
            try {
                while (true) {
                    int c = terminal.reader().read();
                    Key key = decode(c);
                    if (key != null) {
                        return key;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                terminal.setAttributes(saved);
                terminal.writer().print("\r\u001b[K");
                terminal.flush();
            }
        };
    }

    /** A line at a time, for dumb terminals and tests: an empty line is Enter. */
    static StepInput lines(LineReader reader) {
        return () -> {
            while (true) {
                String line;
                reader.variable(LineReader.DISABLE_HISTORY, true);
                try {
                    line = reader.readLine(HINT + " > ");
                } catch (EndOfFileException | UserInterruptException | IOError e) {
                    return Key.QUIT;
                } finally {
                    reader.variable(LineReader.DISABLE_HISTORY, false);
                }
                Key key = line.isBlank() ? Key.NEXT : decode(line.strip().charAt(0));
                if (key != null) {
                    return key;
                }
            }
        };
    }

    private static Key decode(int c) {
        return switch (c) {
            case '\r', '\n', ' ', 'n', 'j' -> Key.NEXT;
            case 'b', 'p', 'k' -> Key.BACK;
            case 's' -> Key.STATE;
            case 'q', -1, 3, 4 -> Key.QUIT;
            default -> null;
        };
    }
}
