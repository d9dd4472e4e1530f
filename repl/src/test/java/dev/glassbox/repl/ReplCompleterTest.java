package dev.glassbox.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplCompleterTest {
    /** No engine: these cases must not need one. */
    private final ReplCompleter completer = new ReplCompleter(() -> {
        throw new AssertionError("the engine was asked");
    });

    /** Completions for the last word of {@code line} ({@code line} ending in a space: a new empty word). */
    private static List<String> complete(ReplCompleter c, String line) {
        List<String> words = new java.util.ArrayList<>(Arrays.asList(line.strip().split("\\s+")));
        if (line.isBlank()) {
            words.clear();
        }
        if (line.isEmpty() || line.endsWith(" ")) {
            words.add("");
        }
        return c.words(words, words.size() - 1, words.get(words.size() - 1));
    }

    @Test
    void firstWordIsDockerOrABuiltIn() {
        List<String> first = complete(completer, "");
        assertTrue(first.containsAll(List.of("docker", "trace", "step", "state", "kernel", "help", "exit")), first.toString());
    }

    @Test
    void secondWordIsADockerCommand() {
        List<String> commands = complete(completer, "docker ");
        assertTrue(commands.containsAll(List.of("run", "stop", "ps", "pull")), commands.toString());
    }

    @Test
    void flagsOfTheCommand() {
        assertTrue(complete(completer, "docker run --na").contains("--name"));
        assertTrue(complete(completer, "run -").contains("-d"));
        assertTrue(complete(completer, "docker container ls -").contains("--all"));
    }

    @Test
    void groupsOfferTheirCommands() {
        List<String> subs = complete(completer, "docker container ");
        assertTrue(subs.containsAll(List.of("ls", "stop", "run")), subs.toString());
        assertFalse(subs.contains("pull"), subs.toString());
        List<String> volume = complete(completer, "docker volume ");
        assertTrue(volume.containsAll(List.of("create", "ls", "inspect", "rm", "prune")), volume.toString());
        assertTrue(complete(completer, "docker volume create --").contains("--label"));
        assertTrue(complete(completer, "docker run --mo").contains("--mount"));
        List<String> network = complete(completer, "docker network ");
        assertTrue(network.containsAll(List.of("create", "ls", "inspect", "rm")), network.toString());
    }

    @Test
    void chainsAndStepStartANewCommand() {
        assertEquals(List.of("docker"), complete(completer, "docker ps && "));
        assertTrue(complete(completer, "docker ps ; docker ").contains("stop"));
        assertEquals(List.of("docker"), complete(completer, "step "));
        assertTrue(complete(completer, "step docker run --n").contains("--name"));
    }

    @Test
    void traceTakesJson() {
        assertEquals(List.of("--json"), complete(completer, "trace "));
    }

    @Test
    void containerAndImageNamesComeFromTheEngine() {
        try (Engine engine = Engine.sim()) {
            engine.run("docker run -d --name web nginx");
            ReplCompleter c = new ReplCompleter(() -> engine);
            assertTrue(complete(c, "docker stop ").contains("web"));
            assertTrue(complete(c, "docker container rm ").contains("web"));
            assertTrue(complete(c, "docker run -d ").stream().anyMatch(s -> s.startsWith("nginx")), complete(c, "docker run -d ").toString());
            assertFalse(complete(c, "docker stop ").stream().anyMatch(s -> s.startsWith("nginx")));
            engine.run("docker volume create data");
            engine.run("docker network create app");
            assertEquals(List.of("data"), complete(c, "docker volume rm "));
            assertTrue(complete(c, "docker network inspect ").containsAll(List.of("app", "bridge")));
            assertTrue(complete(c, "docker diff ").contains("web"));
        }
    }
}
