package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code docker commit}: a container's changes as a new image that runs, lists and tells its history. */
class CommitTest {
    @Test
    void committedImageRunsWithTheChangesListsAndHasHistory() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name box busybox sh -c 'echo hello > /greeting && rm /bin/ls'");
            String id = ok(e, "docker commit -m 'add greeting' -a 'Ann <ann@example.com>' box greet:v1").out().strip();
            assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
            assertEquals("hello\n", ok(e, "docker run --rm greet:v1 cat /greeting").out());
            Result ls = e.run("docker run --rm greet:v1 ls /");
            assertEquals(127, ls.exitStatus(), ls.text());
            Result images = ok(e, "docker images");
            assertTrue(images.out().contains("greet        v1        " + id.substring(7, 19)), images.out());
            Result history = ok(e, "docker history greet:v1");
            String top = history.out().lines().skip(1).findFirst().orElseThrow();
            assertTrue(top.startsWith(id.substring(7, 19)), top);
            assertTrue(top.contains("sh -c echo hello > /greeting && rm /bin/ls") || top.contains("sh -c echo hello > /greeti…"), top);
            assertTrue(top.endsWith("add greeting"), top);
            assertEquals("Ann <ann@example.com>|add greeting\n", ok(e, "docker inspect -f '{{.Author}}|{{.Comment}}' greet:v1").out());
            ok(e, "docker rm box");
            ok(e, "docker rmi busybox");
            assertEquals("hello\n", ok(e, "docker run --rm greet:v1 cat /greeting").out(), "the committed image keeps its base layers");
        }
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("-c 'CMD [\"echo\", \"json\"]'", "{{json .Config.Cmd}}", "[\"echo\",\"json\"]"),
                Arguments.of("-c 'CMD echo shell'", "{{json .Config.Cmd}}", "[\"/bin/sh\",\"-c\",\"echo shell\"]"),
                Arguments.of("-c 'ENV GREETING=hi' -c 'WORKDIR /tmp'", "{{.Config.WorkingDir}} {{index .Config.Env 1}}", "/tmp GREETING=hi"),
                Arguments.of("-c 'EXPOSE 8080' -c 'LABEL team=blue'", "{{json .Config.ExposedPorts}} {{.Config.Labels.team}}", "{\"8080/tcp\":{}} blue"),
                Arguments.of("", "{{json .Config.Cmd}}", "[\"true\"]"));
    }

    @ParameterizedTest
    @MethodSource("changes")
    void changeLinesEditTheConfig(String flags, String format, String expected) {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name box busybox true");
            ok(e, "docker commit " + flags + " box img");
            assertEquals(expected + "\n", ok(e, "docker inspect -f '" + format + "' img").out());
        }
    }

    @Test
    void emptyCommitAddsNoLayerButAHistoryLine() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name box busybox true");
            ok(e, "docker commit box same");
            assertEquals(ok(e, "docker inspect -f '{{len .RootFS.Layers}}' busybox").out(),
                    ok(e, "docker inspect -f '{{len .RootFS.Layers}}' same").out());
            assertEquals(ok(e, "docker history -q busybox").out().lines().count() + 1, ok(e, "docker history -q same").out().lines().count());
        }
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("docker commit nope", "Error response from daemon: No such container: nope\n", 1),
                Arguments.of("docker commit box UPPER", "invalid reference format: repository name (library/UPPER) must be lowercase\n", 1),
                Arguments.of("docker commit -c 'RUN ls' box", "Error response from daemon: RUN is not a valid change command\n", 1),
                Arguments.of("docker commit -c 'FOO x' box", "Error response from daemon: dockerfile parse error on line 1: unknown instruction: FOO\n", 1),
                Arguments.of("docker commit", "docker: 'docker commit' requires at least 1 argument\n", 1));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorsInDockersWords(String line, String err, int status) {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run --name box busybox true");
            Result r = e.run(line);
            assertTrue(r.err().startsWith(err), r.err());
            assertEquals(status, r.exitStatus());
        }
    }
}
