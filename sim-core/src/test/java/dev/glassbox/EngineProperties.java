package dev.glassbox;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Whatever a user types, the whole engine answers with output and an exit status: never an
 * exception, never a stack trace, and it keeps working afterwards.
 */
class EngineProperties {
    private static final Engine ENGINE = Engine.sim();

    @AfterContainer
    static void close() {
        ENGINE.close();
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.of("docker", "run", "-d", "--rm", "-p", "8080:80", "80:abc", "--name", "web", "nginx", "busybox",
                        "alpine", "ps", "-a", "stop", "rm", "-f", "exec", "logs", "inspect", "images", "rmi", "tag", "pull",
                        "kill", "-s", "HUP", "pause", "unpause", "wait", "restart", "echo", "sh", "-c", "'exit 3'", "&&", "||",
                        ";", "\"", "'", "--memory", "6m", "--pids-limit", "2", "-e", "A=1", "--", "-", "=", "nosuch", "history"),
                Arbitraries.strings().ofMaxLength(8));
        return word.list().ofMaxSize(8).map(ws -> String.join(" ", ws));
    }

    @Property(tries = 300)
    void anyLineGetsAnAnswerNotAnException(@ForAll("lines") String line) {
        Result r = ENGINE.run(line);
        if (r.exitStatus() < 0 || r.exitStatus() > 255) {
            throw new AssertionError("odd exit status " + r.exitStatus() + " for: " + line + "\n" + r.text());
        }
        for (String bad : List.of("Exception", "\tat ", "internal error")) {
            if (r.text().contains(bad)) {
                throw new AssertionError("'" + line + "' leaked " + bad + ":\n" + r.text());
            }
        }
        if (!ENGINE.run("docker version").ok()) {
            throw new AssertionError("the engine stopped answering after: " + line);
        }
    }
}
