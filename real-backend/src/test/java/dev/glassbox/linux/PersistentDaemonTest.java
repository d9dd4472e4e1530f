package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.daemon.Persistence;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon's state lives under the state root and survives a restart, a clean close and a kill -9
 * alike: images (a committed one too), tags, volumes with their data, user networks, containers (the
 * running ones come back exited with 137 and start again), and rm/rmi afterwards leave no overlay2
 * directory or blob behind. Each test has a state root of its own; needs root, skipped otherwise.
 */
class PersistentDaemonTest {
    private Path root;
    private LinuxKernel.Options options;

    @BeforeEach
    void ready() throws IOException {
        List<String> problems = Preflight.host().problems();
        if (!problems.isEmpty()) {
            System.out.println("glassbox: skipping PersistentDaemonTest: " + String.join("; ", problems));
        }
        assumeTrue(problems.isEmpty(), String.join("; ", problems));
        root = Files.createTempDirectory("glassbox-persist-");
        options = LinuxKernel.Options.at(root).named("per");
    }

    @AfterEach
    void nothingLeft() {
        if (options == null) {
            return;
        }
        try {
            List<String> left = Reconciler.leftovers(options, CgroupLayout.detect());
            Reconciler.sweep(options, CgroupLayout.detect());
            for (String link : userBridges()) {
                Cmd.run(List.of("ip", "link", "del", link), 10_000);
            }
            assertEquals(List.of(), left, "nothing of glassbox's is left on the host");
        } finally {
            Cmd.run(List.of("rm", "-rf", root.toString()), 60_000);
        }
    }

    /** The bridges of this test's user networks (the default bridge's name, a dash, the network id). */
    private List<String> userBridges() {
        String prefix = options.bridge().replaceAll("[0-9]+$", "") + "-";
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    /** What the user made before the daemon went away; answers the listings as they were. */
    static Map<String, String> populate(Engine e) {
        ok(e, "docker volume create data");
        ok(e, "docker network create persistnet");
        ok(e, "docker run --name writer -v data:/data busybox sh -c 'echo hello > /data/greeting'");
        ok(e, "docker run --name maker busybox sh -c 'echo baked > /baked.txt'");
        ok(e, "docker commit maker baked:1");
        ok(e, "docker run -d --name stopped busybox sleep 1000");
        ok(e, "docker stop -t 1 stopped");
        ok(e, "docker run -d --name sleeper --network persistnet busybox sleep 1000");
        ok(e, "docker create --name fresh busybox true");
        return listings(e);
    }

    static Map<String, String> listings(Engine e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ps", ok(e, "docker ps -a --format '{{.ID}} {{.Names}} {{.Image}} {{.Command}}'").out());
        m.put("images", ok(e, "docker images --format '{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}'").out());
        m.put("volumes", ok(e, "docker volume ls").out());
        m.put("networks", ok(e, "docker network ls").out());
        return m;
    }

    private static String status(Engine e, String name) {
        for (String line : ok(e, "docker ps -a --format '{{.Names}}|{{.Status}}'").out().split("\n")) {
            if (line.startsWith(name + "|")) {
                return line.substring(name.length() + 1);
            }
        }
        return "(no container " + name + ")";
    }

    private static String inspect(Engine e, String format, String name) {
        return ok(e, "docker inspect --format '" + format + "' " + name).out().strip();
    }

    /** After the restart: the same listings, the data, the committed image, start again, then rm/rmi leave nothing. */
    private void verifyAfterRestart(Engine e, Map<String, String> before) throws IOException {
        assertEquals(before, listings(e), "ps -a, images, volume ls and network ls show the same as before the restart");
        assertTrue(status(e, "sleeper").startsWith("Exited (137)"), "the container that was running is exited with 137: " + status(e, "sleeper"));
        assertTrue(status(e, "stopped").startsWith("Exited (137)"), status(e, "stopped"));
        assertTrue(status(e, "writer").startsWith("Exited (0)"), status(e, "writer"));
        assertEquals("Created", status(e, "fresh"));
        assertEquals("hello", ok(e, "docker run --rm -v data:/data busybox cat /data/greeting").out().strip(), "the volume's data is there");
        assertEquals("baked", ok(e, "docker run --rm baked:1 cat /baked.txt").out().strip(), "the committed image runs");
        assertTrue(ok(e, "docker logs writer").out().isEmpty());

        ok(e, "docker start sleeper");
        assertEquals("running", inspect(e, "{{.State.Status}}", "sleeper"));
        assertTrue(inspect(e, "{{.NetworkSettings.Networks.persistnet.IPAddress}}", "sleeper").startsWith("172."),
                "the user network's bridge is back: " + inspect(e, "{{json .NetworkSettings.Networks}}", "sleeper"));
        ok(e, "docker exec sleeper true");
        ok(e, "docker start stopped");
        ok(e, "docker start fresh");

        ok(e, "docker rm -f sleeper stopped writer maker fresh");
        ok(e, "docker rmi baked:1 busybox");
        ok(e, "docker network rm persistnet");
        ok(e, "docker volume rm data");
        assertEquals("", ok(e, "docker ps -aq").out());
        assertEquals("", ok(e, "docker images -q").out());
        assertEquals(List.of(), names(root.resolve("overlay2")), "rm and rmi after the restart left no overlay2 directory");
        assertEquals(List.of(), names(root.resolve("containers")), "nor a container directory");
        assertEquals(List.of(), names(root.resolve("image/blobs/sha256")), "nor an image blob");
        assertEquals(List.of(), names(root.resolve("volumes")), "nor a volume");
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCleanlyClosedDaemonsStateComesBack() throws IOException {
        Map<String, String> before;
        try (Engine e = LinuxEngine.open(options)) {
            before = populate(e);
        }
        assertTrue(Files.isRegularFile(root.resolve(Persistence.FILE)), "the state file is under the state root");
        try (Engine e = LinuxEngine.open(options)) {
            verifyAfterRestart(e, before);
        }
    }

    /** A daemon in its own JVM: makes the objects, prints the listings and "ready", waits to be killed. */
    public static void main(String[] args) throws Exception {
        Engine e = LinuxEngine.open(LinuxKernel.Options.at(Path.of(args[0])).named("per"));
        Map<String, String> listings;
        try {
            listings = populate(e);
        } catch (Throwable t) {
            System.out.println("failed " + t);
            System.out.flush();
            return;
        }
        System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(listings));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(120_000);
    }

    @Test
    void aDaemonKilledWithSigkillComesBackWithItsObjects() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process daemon = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PersistentDaemonTest.class.getName(),
                root.toString()).redirectErrorStream(true).start();
        Map<String, String> before;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null && !line.equals("ready")) {
                lines.add(line);
            }
            assertEquals("ready", line, String.join("\n", lines));
            @SuppressWarnings("unchecked")
            Map<String, String> m = new com.fasterxml.jackson.databind.ObjectMapper().readValue(lines.get(lines.size() - 1), LinkedHashMap.class);
            before = m;
        } finally {
            daemon.destroyForcibly();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(Reconciler.leftovers(options, CgroupLayout.detect()).stream().anyMatch(l -> l.startsWith("process ")),
                "kill -9 left the running container behind");
        // a half-done pull or commit of the dead daemon: a layer directory nobody references
        Files.createDirectories(root.resolve("overlay2/0123456789abcdef/diff"));
        try (Engine e = LinuxEngine.open(options)) {
            assertTrue(!Files.exists(root.resolve("overlay2/0123456789abcdef")), "an overlay2 directory nobody references is removed at start");
            verifyAfterRestart(e, before);
        }
    }

    @Test
    void aContainerWithRestartPolicyAlwaysIsStartedWithTheDaemon() {
        try (Engine e = LinuxEngine.open(options)) {
            ok(e, "docker run -d --name keeper --restart always busybox sleep 1000");
            ok(e, "docker run -d --name once busybox sleep 1000");
            ok(e, "docker run -d --name retry --restart on-failure:3 busybox sleep 1000");
            ok(e, "docker run -d --name held --restart unless-stopped busybox sleep 1000");
            ok(e, "docker stop -t 0 held");
        }
        try (Engine e = LinuxEngine.open(options)) {
            assertEquals("running", inspect(e, "{{.State.Status}}", "keeper"), String.join("\n", e.restoreNotes()));
            assertTrue(status(e, "once").startsWith("Exited (137)"), status(e, "once"));
            assertEquals("running", inspect(e, "{{.State.Status}}", "retry"), "on-failure: the kill gave it status 137");
            assertEquals("exited", inspect(e, "{{.State.Status}}", "held"), "unless-stopped, and it was stopped by hand");
            ok(e, "docker exec keeper true");
            ok(e, "docker rm -f keeper once retry held");
            ok(e, "docker rmi busybox");
        }
    }
}
