package dev.glassbox.client;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Progress;
import dev.glassbox.Result;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The [y/N] prompts of the prunes, answered at the terminal, and system prune (checked against docker 28.2). */
class PromptTest {
    private static final String CONTAINER_WARNING = "WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ";

    @ParameterizedTest
    @ValueSource(strings = {"y\r", "Y\r", "  y \r"})
    void aYesAtTheTerminalPrunes(String keys) {
        try (Engine e = Engine.sim()) {
            String id = ok(e, "docker create --name old busybox").out().strip();
            ScriptedConsole console = new ScriptedConsole().type("[y/N] ", keys.replace('\r', '\n'));
            Result r = e.run("docker container prune", Progress.NONE, console);
            assertEquals(0, r.exitStatus());
            assertEquals(CONTAINER_WARNING, console.output(), "the question goes to the terminal before the answer is read");
            assertEquals("Deleted Containers:\n" + id + "\n\nTotal reclaimed space: 0B\n", r.out());
            assertEquals(List.of("line", "closed"), console.modes);
            assertEquals(List.of(), e.containerNames());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"n\n", "\n", "yes\n", "nope\n"})
    void anythingButYCancelsSilently(String keys) {
        try (Engine e = Engine.sim()) {
            ok(e, "docker create --name old busybox");
            ScriptedConsole console = new ScriptedConsole().type("[y/N] ", keys);
            Result r = e.run("docker container prune", Progress.NONE, console);
            assertEquals(0, r.exitStatus());
            assertEquals("", r.text());
            assertEquals(List.of("old"), e.containerNames());
        }
    }

    @Test
    void ctrlDAtThePromptIsANo() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker create --name old busybox");
            Result r = e.run("docker volume prune", Progress.NONE, new ScriptedConsole().eof("[y/N] "));
            assertEquals(0, r.exitStatus());
            assertEquals(List.of("old"), e.containerNames());
        }
    }

    @Test
    void networkAndVolumePruneAskToo() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker network create n1");
            Result r = e.run("docker network prune");
            assertEquals("WARNING! This will remove all custom networks not used by at least one container.\n"
                    + "Are you sure you want to continue? [y/N] ", r.out());
            assertEquals(0, r.exitStatus());
            Result yes = e.run("docker network prune", Progress.NONE, new ScriptedConsole().type("[y/N] ", "y\n"));
            assertEquals("Deleted Networks:\nn1\n\n", yes.out());
            assertEquals("WARNING! This will remove all local volumes not used by at least one container.\n"
                    + "Are you sure you want to continue? [y/N] ", e.run("docker volume prune -a").out());
        }
    }

    @Test
    void systemPruneWarnsWithWhatItWillRemove() {
        try (Engine e = Engine.sim()) {
            assertEquals("WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n"
                    + "  - all dangling images\n  - unused build cache\n\nAre you sure you want to continue? [y/N] ", ok(e, "docker system prune").out());
            assertEquals("WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n"
                    + "  - all anonymous volumes not used by at least one container\n"
                    + "  - all images without at least one container associated to them\n  - all build cache\n\n"
                    + "Are you sure you want to continue? [y/N] ", ok(e, "docker system prune -a --volumes").out());
        }
    }

    @Test
    void systemPruneRemovesEachKindAndSumsTheSpace() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name old -v /data busybox true");
            String id = ok(e, "docker inspect -f '{{.Id}}' old").out().strip();
            ok(e, "docker network create n1");
            ok(e, "docker run -d --name up -v keep:/data busybox sleep 100");
            ok(e, "docker volume create named");
            Result r = e.run("docker system prune --volumes", Progress.NONE, new ScriptedConsole().type("[y/N] ", "y\n"));
            assertEquals(0, r.exitStatus());
            assertTrue(r.out().startsWith("Deleted Containers:\n" + id + "\n\nDeleted Networks:\nn1\n\nDeleted Volumes:\n"), r.out());
            assertTrue(r.out().endsWith("\nTotal reclaimed space: 0B\n"), r.out());
            assertEquals(List.of("up"), e.containerNames());
            assertEquals("keep\nnamed\n", ok(e, "docker volume ls -q").out(), "named volumes stay without -a, as in docker");
            ok(e, "docker pull -q alpine");
            Result all = ok(e, "docker system prune -af");
            assertTrue(all.out().startsWith("Deleted Images:\nuntagged: alpine:latest\n"), all.out());
            assertTrue(all.out().matches("(?s).*\n\nTotal reclaimed space: [0-9.]+[kM]?B\n"), all.out());
        }
    }

    @Test
    void systemPruneRefusesWhatTheCliRefuses() {
        try (Engine e = Engine.sim()) {
            Result until = e.run("docker system prune -f --volumes --filter until=1h");
            assertEquals("ERROR: The \"until\" filter is not supported with \"--volumes\"\n", until.err());
            assertEquals(1, until.exitStatus());
            assertTrue(e.run("docker system prune a").err().startsWith("docker: 'docker system prune' accepts no arguments\n"));
        }
    }
}
