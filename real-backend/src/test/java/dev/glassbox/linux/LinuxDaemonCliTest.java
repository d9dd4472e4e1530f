package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.engineapi.EngineApiServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * glassbox daemon --kernel linux: the real docker CLI runs containers on this host's kernel through
 * the Engine API, interactive ones at a terminal too (engine-api's pty_check.py with busybox). Root.
 */
class LinuxDaemonCliTest extends OnHostRoot {
    private static final Path DOCKER = Path.of("/usr/local/bin/docker");
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Override
    protected String tag() {
        return "cli";
    }

    @BeforeEach
    void needsTheCli() {
        Assumptions.assumeTrue(Files.isExecutable(DOCKER) || Files.isExecutable(Path.of("/usr/bin/docker")), "no docker CLI");
    }

    private static Path docker() {
        return Files.isExecutable(DOCKER) ? DOCKER : Path.of("/usr/bin/docker");
    }

    private String run(Path socket, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("HOME", dir.toString());
        env.put("DOCKER_HOST", "unix://" + socket);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() + "\n" + out;
    }

    @Test
    void theCliRunsContainersOnTheHostsKernelInteractiveOnesToo() throws Exception {
        Path socket = dir.resolve("glassbox.sock");
        try (Engine engine = LinuxEngine.open(host.options, false); EngineApiServer server = EngineApiServer.of(engine).unix(socket)) {
            String d = docker().toString();
            String hi = run(socket, d, "run", "--rm", "busybox", "sh", "-c", "echo hi from $(hostname | cut -c1-3)...; exit 4");
            assertEquals("4", hi.substring(0, hi.indexOf('\n')), hi);
            assertEquals(true, hi.contains("hi from "), hi);
            assertEquals("0\nglassbox-cli\n", run(socket, d, "run", "--rm", "--hostname", "glassbox-cli", "busybox", "hostname")
                    .replaceAll("(?s)^0\n.*?(glassbox-cli\n)$", "0\n$1"));
            if (Files.isExecutable(PYTHON)) {
                String pty = run(socket, PYTHON.toString(), Path.of("../engine-api/src/test/resources/pty_check.py").toAbsolutePath().toString(),
                        d, "unix://" + socket, "busybox");
                assertEquals("0", pty.substring(0, pty.indexOf('\n')), pty);
                assertEquals(true, pty.strip().endsWith("ok"), pty);
            }
            assertEquals("0\n", run(socket, d, "ps", "-aq"));
        }
    }
}
