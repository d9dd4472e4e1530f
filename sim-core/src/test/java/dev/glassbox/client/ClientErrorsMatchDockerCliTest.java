package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.Progress;
import dev.glassbox.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The errors the docker CLI finds by itself (bad flags, wrong argument counts, bad run options) against
 * the real docker 28 CLI of this machine, pointed at a socket where nothing listens so that it answers
 * from its own checks: glassbox's stderr and exit status must be the CLI's, every line of it.
 */
class ClientErrorsMatchDockerCliTest {
    private static final Path DOCKER = Path.of("/usr/local/bin/docker");

    /** Rows of CliParseTest the CLI cannot answer alone (the daemon's errors) or glassbox refuses in its own words. */
    private static final Set<String> NOT_CLIENT_SIDE = Set.of("buildx ls", "builder prune", "run --restart foo x",
            "run -m 1k nginx");

    static Stream<Arguments> clientErrors() {
        return CliParseTest.errors().filter(a -> !NOT_CLIENT_SIDE.contains((String) a.get()[0]));
    }

    @ParameterizedTest
    @MethodSource("clientErrors")
    void sameTextAndStatusAsTheDockerCli(String line, String firstLine, int status) throws Exception {
        assumeTrue(Files.isExecutable(DOCKER), "no docker CLI at " + DOCKER);
        Result ours = new Cli(new FakeApi(), () -> 1_700_000_000_000L)
                .execute(CommandLine.split(line).get(0).words(), Progress.NONE);
        Result theirs = dockerCli(CommandLine.split(line).get(0).words());
        assertEquals(theirs.err(), ours.err(), line);
        assertEquals(theirs.exitStatus(), ours.exitStatus(), line);
        assertEquals(status, ours.exitStatus(), line);
    }

    private static Result dockerCli(List<String> args) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("glassbox-cli");
        List<String> cmd = new ArrayList<>(List.of(DOCKER.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("DOCKER_HOST", "unix://" + home.resolve("nothing-listens.sock"));
        pb.environment().put("DOCKER_CONFIG", home.toString()); // no user config, no plugins, no context
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError("docker " + args + " did not exit");
            }
            return new Result(new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8), p.exitValue(), "");
        } finally {
            p.destroyForcibly();
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
