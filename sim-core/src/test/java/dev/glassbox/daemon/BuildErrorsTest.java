package dev.glassbox.daemon;

import static dev.glassbox.daemon.BuildTest.NOTICE;
import static dev.glassbox.daemon.BuildTest.files;
import static dev.glassbox.daemon.BuildTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@code docker build}'s refusals, each in the words and with the status docker 28 gives: the CLI's own
 * ({@code unable to prepare context: …}), the daemon's answer before any step ({@code Error response from
 * daemon: …}), and a step's failure in the stream (printed as it is).
 */
class BuildErrorsTest {
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("FROM busybox\nRUN true\nRUNN true\n", "docker build app",
                        "Error response from daemon: dockerfile parse error on line 3: unknown instruction: RUNN (did you mean RUN?)", 1),
                Arguments.of("\n# nothing\n", "docker build app", "Error response from daemon: the Dockerfile (Dockerfile) cannot be empty", 1),
                Arguments.of("FROM busybox\n", "docker build nope", "unable to prepare context: path \"nope\" not found", 1),
                Arguments.of("FROM busybox\n", "docker build -f app/Other app",
                        "unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat /home/student/app/Other: no such file or directory", 1),
                Arguments.of("FROM busybox\nCOPY missing.txt /\n", "docker build app",
                        "COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt: file does not exist", 1),
                Arguments.of("FROM busybox\nCOPY secret.txt /\n", "docker build app",
                        "COPY failed: file not found in build context or excluded by .dockerignore: stat secret.txt: file does not exist", 1),
                Arguments.of("FROM busybox\nCOPY *.md /\n", "docker build app", "COPY failed: no source files were specified", 1),
                Arguments.of("FROM busybox\nCOPY a.txt b.txt /dst\n", "docker build app",
                        "When using COPY with more than one source file, the destination must be a directory and end with a /", 1),
                Arguments.of("FROM busybox\nCOPY ../outside /\n", "docker build app",
                        "COPY failed: forbidden path outside the build context: ../outside ()", 1),
                Arguments.of("FROM busybox\nWORKDIR ${\n", "docker build app", "failed to process \"${\": syntax error: missing '}'", 1),
                Arguments.of("FROM busybox\nADD https://example.com/x /x\n", "docker build app",
                        "glassbox: ADD of a URL is not supported: the engine has no way out to the internet; put the file in the context and COPY it", 1),
                Arguments.of("FROM nosuchimage\n", "docker build app",
                        "pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", 1),
                Arguments.of("FROM busybox\n", "docker build --network host app", "glassbox: docker build --network is not supported yet", 1));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusesInDockersWords(String dockerfile, String line, String message, int status) {
        try (Engine e = Engine.sim()) {
            files(e).put("/home/student/app/Dockerfile", dockerfile).put("/home/student/app/a.txt", "a").put("/home/student/app/b.txt", "b")
                    .put("/home/student/app/secret.txt", "s").put("/home/student/app/.dockerignore", "# keep it out\nsecret*\n")
                    .put("/home/student/outside", "x");
            Result r = e.run(line);
            assertEquals(status, r.exitStatus(), r.text());
            assertEquals(NOTICE + message + "\n", r.err());
        }
    }

    @Test
    void dockerignoreExceptionsAndDoubleStarDecideWhatIsSent() {
        try (Engine e = Engine.sim()) {
            files(e).put("/home/student/app/Dockerfile", "FROM busybox\nCOPY . /ctx/\nRUN find /ctx -type f | sort\n")
                    .put("/home/student/app/.dockerignore", "**/*.log\nbuild\n!build/keep.txt\n")
                    .put("/home/student/app/src/app.log", "x").put("/home/student/app/src/main.c", "int main;")
                    .put("/home/student/app/build/out.o", "o").put("/home/student/app/build/keep.txt", "k");
            Result r = ok(e, "docker build app");
            assertTrue(r.out().contains("/ctx/.dockerignore\n/ctx/Dockerfile\n/ctx/build/keep.txt\n/ctx/src/main.c\n ---> Removed"), r.out());
        }
    }

    @Test
    void helpListsTheLegacyBuildersFlags() {
        try (Engine e = Engine.sim()) {
            String help = ok(e, "docker build --help").out();
            assertTrue(help.startsWith("Usage:  docker build [OPTIONS] PATH | URL | -\n\nBuild an image from a Dockerfile\n\n"
                    + "Aliases:\n  docker image build, docker build, docker builder build\n\nOptions:\n"), help);
            assertTrue(help.contains("  -t, --tag list                Name and optionally a tag in the\n                                \"name:tag\" format\n"), help);
            assertTrue(help.contains("      --ulimit ulimit           Ulimit options (default [])\n"), help);
            assertEquals(help.replace("docker build [", "docker image build ["), ok(e, "docker image build --help").out());
            assertEquals(NOTICE, e.run("docker build --help").err(), "the CLI says it even for --help");
            Result none = e.run("docker build");
            assertEquals(1, none.exitStatus());
            assertTrue(none.err().startsWith(NOTICE + "docker: 'docker build' requires 1 argument\n"), none.err());
        }
    }
}
