package dev.glassbox.client;

import java.nio.charset.StandardCharsets;

/**
 * The CLI's {@code [y/N]} question (docker/cli's prompt.Confirm): the question on stdout with no
 * newline, then one line read from the user's terminal; only {@code y} or {@code Y} (blanks around
 * it allowed) says yes. Without a terminal the input is at its end at once, which is a no, as with
 * {@code docker … < /dev/null}; Ctrl-C or Ctrl-D is a no too.
 */
final class Prompt {
    /** How long one read of the terminal waits before it looks again. */
    private static final long POLL_MILLIS = 100;
    /** The longest answer line kept. */
    private static final int MAX_LINE = 4096;

    private Prompt() {}

    /** Asks {@code message + " [y/N] "}; true only for a yes typed at the terminal. */
    static boolean confirm(Session s, String message) {
        return ask(s, message + " [y/N] ");
    }

    /** Writes {@code question} as it is (another tool's prompt, as Compose's {@code ? … (y/N) }); true only for a yes. */
    static boolean ask(Session s, String question) {
        s.out.append(question);
        if (s.console == null) {
            return false;
        }
        s.showOnConsole();
        StringBuilder line = new StringBuilder();
        s.console.open(false);
        try {
            while (line.indexOf("\n") < 0 && line.length() < MAX_LINE) {
                if (s.console.interrupted()) {
                    s.console.write("\n".getBytes(StandardCharsets.US_ASCII));
                    return false;
                }
                byte[] keys = s.console.read(POLL_MILLIS);
                if (keys == null) {
                    return false;
                }
                line.append(new String(keys, StandardCharsets.UTF_8));
            }
        } finally {
            s.console.close();
        }
        int nl = line.indexOf("\n");
        return (nl < 0 ? line.toString() : line.substring(0, nl)).strip().equalsIgnoreCase("y");
    }
}
