package dev.glassbox.engineapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker SDK for Python (Debian's python3-docker, with /usr/bin/python3) runs test resource sdk_check.py against the server. */
class PythonSdkTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    private static String run(Path cwd, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", cwd.toString());
        pb.environment().remove("DOCKER_HOST");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() + "\n" + out;
    }

    @Test
    void theSdkWorksAgainstTheServer() throws Exception {
        String probe = Files.isExecutable(Path.of(PYTHON)) ? run(dir, PYTHON, "-c", "import docker") : "127\nno " + PYTHON;
        if (!probe.startsWith("0\n")) {
            System.out.println("PythonSdkTest skipped: " + PYTHON + " -c 'import docker' failed (apt-get install python3-docker): " + probe.strip());
        }
        Assumptions.assumeTrue(probe.startsWith("0\n"), "no docker SDK for Python");
        Path script = dir.resolve("sdk_check.py");
        try (InputStream in = PythonSdkTest.class.getResourceAsStream("/sdk_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path socket = dir.resolve("docker.sock");
        try (EngineApiServer server = EngineApiServer.of(Engine.sim()).unix(socket)) {
            String out = run(dir, PYTHON, script.toString(), "unix://" + socket);
            assertEquals("0", out.substring(0, out.indexOf('\n')), out);
        }
    }
}
