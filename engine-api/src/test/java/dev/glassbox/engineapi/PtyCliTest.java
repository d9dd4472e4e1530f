package dev.glassbox.engineapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker CLI at a terminal (a pty, driven by test resource pty_check.py): run -it with a
 * prompt, Ctrl-C and Ctrl-D, attach then Ctrl-P Ctrl-Q, exec -it; each exit status as docker's.
 */
class PtyCliTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void theCliAtATerminalRunsInteractiveContainers() throws Exception {
        Path docker = DockerCli.find().orElse(null);
        boolean python = Files.isExecutable(Path.of(PYTHON));
        if (docker == null || !python) {
            System.out.println("PtyCliTest skipped: needs a docker CLI and " + PYTHON);
        }
        Assumptions.assumeTrue(docker != null && python, "no docker CLI or no python3");
        Path script = dir.resolve("pty_check.py");
        try (InputStream in = PtyCliTest.class.getResourceAsStream("/pty_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path socket = dir.resolve("docker.sock");
        try (EngineApiServer server = EngineApiServer.of(Engine.sim()).unix(socket)) {
            ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString(), docker.toString(), "unix://" + socket)
                    .directory(dir.toFile()).redirectErrorStream(true);
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertEquals("ok", out.strip().lines().reduce((a, b) -> b).orElse(""), out);
        }
    }
}
