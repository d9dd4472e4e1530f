package dev.glassbox.shell;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command lines at the prompt as bash runs them: substitutions, connectors, refusals. */
class ShellTest {
    @Test
    void removesTheExitedContainersThatPsLists() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name one busybox true");
            ok(e, "docker run --name two busybox true");
            ok(e, "docker run -d --name up busybox sleep 100");
            Result rm = ok(e, "docker rm $(docker ps -aq -f status=exited)");
            assertEquals(2, rm.out().lines().count(), rm.out());
            assertEquals("up\n", ok(e, "docker ps -a --format '{{.Names}}'").out());
        }
    }

    @Test
    void anEmptySubstitutionLeavesNoWordAndDockerAsksForOne() {
        try (Engine e = Engine.sim()) {
            Result r = e.run("docker rm $(docker ps -aq -f status=exited)");
            assertEquals(1, r.exitStatus());
            assertTrue(r.err().startsWith("docker: 'docker rm' requires at least 1 argument\n"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void stopsEveryRunningContainer() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name aa busybox sleep 100");
            ok(e, "docker run -d --name bb busybox sleep 100");
            ok(e, "docker stop -t 0 $(docker ps -q)");
            assertEquals("", ok(e, "docker ps -q").out());
            assertEquals("exited\nexited\n", ok(e, "docker inspect -f '{{.State.Status}}' aa bb").out());
        }
    }

    @Test
    void insideDoubleQuotesTheOutputIsOneWord() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name aa busybox sleep 100");
            ok(e, "docker run -d --name bb busybox sleep 100");
            Result split = ok(e, "docker inspect -f '{{.Name}}' $(docker ps -q)");
            assertEquals(2, split.out().lines().count());
            Result one = e.run("docker inspect -f '{{.Name}}' \"$(docker ps -q)\"");
            assertEquals(1, one.exitStatus());
            assertTrue(one.err().startsWith("Error: No such object: "), one.err());
            assertTrue(one.err().contains("\n") && one.err().strip().contains("\n"), "the newline between the ids stays in the one word: " + one.err());
        }
    }

    @Test
    void backquotesAndNestingWorkAsInSh() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web busybox sleep 100");
            assertEquals("/web\n", ok(e, "docker inspect -f '{{.Name}}' `docker ps -q`").out());
            assertEquals("/web\n", ok(e, "docker inspect -f '{{.Name}}' $(docker ps -q -f id=$(docker ps -q))").out());
            assertEquals("/web\n", ok(e, "docker inspect -f \"{{.Name}}\" \"$(docker inspect -f \"{{.Id}}\" web)\"").out());
        }
    }

    @Test
    void whatASubstitutionPrintsOnStderrReachesTheTerminal() {
        try (Engine e = Engine.sim()) {
            Result r = e.run("docker rm $(docker rm nope)");
            assertTrue(r.err().startsWith("Error response from daemon: No such container: nope\n"), r.err());
            assertTrue(r.err().contains("'docker rm' requires at least 1 argument"), r.err());
        }
    }

    @Test
    void aLineOfSubstitutionsOnlyEndsWithTheirStatus() {
        try (Engine e = Engine.sim()) {
            assertEquals(1, e.run("$(docker rm nope)").exitStatus());
            assertEquals(0, e.run("$(docker ps -q)").exitStatus());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "docker run -e A=$HOME busybox env => glassbox: variables ($HOME) are not supported here",
            "docker run busybox echo \"${USER}\" => glassbox: variables (${USER}) are not supported here",
            "docker run busybox echo $((1+2)) => glassbox: arithmetic ($((…))) is not supported here",
            "docker rm $(docker ps -q | head -1) => glassbox: pipes (|) are not supported here",
            "docker rm $(docker ps -q => glassbox: unexpected EOF while looking for matching `)'",
            "docker rm `docker ps -q => glassbox: unexpected EOF while looking for matching ``'"})
    void refusesWhatNeedsMoreThanThisShellInOneLine(String line, String message) {
        try (Engine e = Engine.sim()) {
            Result r = e.run(line);
            assertEquals(message + "\n", r.err());
            assertEquals(2, r.exitStatus());
        }
    }

    @Test
    void aDollarBeforeNothingSpecialStaysADollar() {
        try (Engine e = Engine.sim()) {
            assertEquals("a$ $\n", ok(e, "docker run --rm busybox echo a$ $").out());
            assertEquals("$HOME\n", ok(e, "docker run --rm busybox echo '$HOME'").out());
        }
    }

    @Test
    void aWordThatIsNoDockerCommandIsNamedInOneLine() {
        try (Engine e = Engine.sim()) {
            Result r = e.run("echo hello");
            assertEquals(127, r.exitStatus());
            assertEquals("glassbox: echo: not a docker command; this prompt is not a shell: it runs docker commands, cd, pwd, ls, cat, mkdir\n", r.err());
            assertEquals("", ok(e, "ps").err());
        }
    }
}
