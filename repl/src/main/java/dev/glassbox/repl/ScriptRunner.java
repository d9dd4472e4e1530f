package dev.glassbox.repl;

import dev.glassbox.Engine;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a script of REPL lines as a terminal transcript: each line echoed after {@code $ }, then what
 * the REPL would print for it. Blank lines and {@code #} comments are skipped. Stops at the first
 * failing line with its exit status (and one line on stderr that says so), or with {@code keepGoing} runs every line and returns the
 * status of the first failure (0 if none failed).
 */
final class ScriptRunner {
    private final Session session;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean keepGoing;

    ScriptRunner(Supplier<Engine> engine, PrintWriter out, PrintWriter err, boolean keepGoing) {
        this.session = new Session(engine, out, err, Frontend.script());
        this.out = out;
        this.err = err;
        this.keepGoing = keepGoing;
    }

    int run(List<String> lines) {
        int firstFailure = 0;
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            out.println("$ " + line);
            out.flush();
            int status = session.execute(line);
            if (session.exitRequested()) {
                return firstFailure != 0 ? firstFailure : status;
            }
            if (status != 0) {
                if (!keepGoing) {
                    // a transcript that ends early says why, as the last thing it prints
                    err.println("glassbox: the script stops at line " + n + ", which exited with status " + status
                            + " (glassbox run --keep-going runs every line)");
                    err.flush();
                    return status;
                }
                if (firstFailure == 0) {
                    firstFailure = status;
                }
            }
        }
        return firstFailure;
    }
}
