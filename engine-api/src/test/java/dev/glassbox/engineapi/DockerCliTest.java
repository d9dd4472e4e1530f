package dev.glassbox.engineapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker CLI against the server, line by line against {@code Engine.run} on a second sim
 * engine: the script is test resource {@code cli-script.txt}. Masked before comparing: ids (64 and
 * 12 hex digits), relative times and dates. Differences that are legitimate (kept short):
 * <ul>
 *   <li>pull progress: the CLI, its stdout not a terminal, prints every layer status on a line
 *       (see {@link #cliOut});</li>
 *   <li>top's STIME: the server sets its sim clock to the wall clock (the CLI computes "Up 3
 *       seconds" from it), the REPL's engine starts at its own epoch; masked as {@code <HH:MM>};</li>
 *   <li>{@code docker port}: the REPL says "not supported yet"; the line says what the CLI prints.</li>
 * </ul>
 */
class DockerCliTest {
    @TempDir
    Path dir;

    static List<String> script() throws IOException {
        try (InputStream in = DockerCliTest.class.getResourceAsStream("/cli-script.txt")) {
            List<String> lines = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    lines.add(l);
                }
            }
            return lines;
        }
    }

    static String mask(String s) {
        return s.replaceAll("\\b[0-9a-f]{64}\\b", "<ID>")
                .replaceAll("\\b[0-9a-f]{12}\\b", "<ID>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)?", "<DATE>")
                .replaceAll("(Less than a second|About an? \\w+|\\d+ \\w+) ago", "<AGO>")
                .replaceAll("Up (Less than a second|About an? \\w+|\\d+ \\w+)", "Up <TIME>")
                .replaceAll("\\) (Less than a second|About an? \\w+|\\d+ \\w+) ago", ") <AGO>")
                .replaceAll("(?<![:\\d])\\d\\d:\\d\\d(?![:\\d])", "<HH:MM>")
                .replaceAll("(?m)[ \\t]+$", "")
                .replaceAll("  +", "  ");
    }

    @Test
    void theRealCliSeesWhatTheReplShows() throws Exception {
        Path docker = DockerCli.find().orElse(null);
        if (docker == null) {
            System.out.println("DockerCliTest skipped: no docker CLI at /usr/local/bin/docker or /usr/bin/docker");
        }
        Assumptions.assumeTrue(docker != null, "no docker CLI on this machine");
        Path socket = dir.resolve("docker.sock");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Files.writeString(cwd.resolve("local.txt"), "from the host\n"); // what `docker cp ./local.txt …` sends
        Engine repl = Engine.sim();
        repl.workspace(new dev.glassbox.client.MemoryWorkspace(cwd.toString()).put("local.txt", "from the host\n")); // the REPL's copy of cwd
        List<String> lines = script();
        assertTrue(lines.size() >= 40);
        List<String> diffs = new ArrayList<>();
        try (EngineApiServer server = EngineApiServer.of(Engine.sim()).unix(socket)) {
            for (String line : lines) {
                String cmd = line;
                int lacks = line.indexOf(" # REPL-LACKS:");
                if (lacks > 0) {
                    cmd = line.substring(0, lacks);
                    String expected = line.substring(lacks + " # REPL-LACKS:".length()).strip();
                    DockerCli.Out cli = DockerCli.run(docker, socket, home, cwd, cmd);
                    Result sim = repl.run(cmd);
                    assertTrue(sim.exitStatus() != 0, cmd + ": the REPL has it now; drop the marker: " + sim);
                    assertEquals(expected.isEmpty() ? "" : expected + "\n", cli.out(), cmd + ": " + cli);
                    assertEquals(0, cli.exitStatus(), cmd + ": " + cli);
                    continue;
                }
                DockerCli.Out cli = DockerCli.run(docker, socket, home, cwd, cmd);
                Result sim = repl.run(cmd);
                String want = "out:\n" + mask(sim.out()) + "err:\n" + mask(sim.err()) + "status " + sim.exitStatus();
                String got = "out:\n" + mask(cliOut(cli.out())) + "err:\n" + mask(cli.err()) + "status " + cli.exitStatus();
                if (!want.equals(got)) {
                    diffs.add("$ " + cmd + "\n--- engine.run\n" + want + "\n--- docker CLI\n" + got + "\n");
                }
            }
        }
        assertEquals("", String.join("\n", diffs), diffs.size() + " lines differ");
    }

    /**
     * Pull progress: with stdout not a terminal the CLI prints every status of every layer on a line of
     * its own; the REPL, like the CLI at a terminal, leaves each layer's last status standing.
     */
    static String cliOut(String out) {
        return out.replaceAll("(?m)^[0-9a-f]{12}: (Pulling fs layer|Download complete|Waiting|Downloading|Extracting|Verifying Checksum)\n", "");
    }
}
