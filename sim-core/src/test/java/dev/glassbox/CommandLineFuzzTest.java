package dev.glassbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generated command lines (FuzzLines) through the REPL's entry on the sim engine: none may end in a stack trace or the
 * engine's internal-error line, and each error is Docker's kind of message. The whole million runs as a benchmark
 * (exec:java@fuzz-bench); this test keeps a fixed sample small enough for every build.
 */
class CommandLineFuzzTest {
    @Test
    void generatedLinesGiveNoStackTraceAndNoInternalError() {
        List<String> failures = new ArrayList<>();
        try (Engine e = Engine.sim(Engine.DEFAULT_SEED, false)) {
            e.run("docker pull busybox");
            e.run("docker pull nginx");
            int i = 0;
            for (String line : FuzzLines.of(42, 1500)) {
                Result r = e.run(line);
                String text = r.out() + r.err();
                if (FuzzVerdict.bad(text) != null) {
                    failures.add(line.length() > 200 ? line.substring(0, 200) + "…" : line);
                    failures.add("  → " + FuzzVerdict.bad(text));
                }
                if (++i % 500 == 0) {
                    e.run("docker rm -f $(docker ps -aq)");
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }
}
