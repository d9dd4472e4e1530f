package dev.glassbox.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compose's everyday commands besides up and down, on the sim kernel: their output, exit status and the containers they leave. */
class ComposeCommandsTest {
    static final String APP = """
            services:
              web:
                image: busybox
                command: ["sleep", "1000"]
                ports: ["8080:80"]
              worker:
                image: busybox
                command: ["sleep", "1000"]
              once:
                image: busybox
                command: ["sh", "-c", "exit 4"]
            """;

    private Engine engine;
    private MemoryWorkspace files;

    @BeforeEach
    void start() {
        engine = Engine.sim();
        files = new MemoryWorkspace("/home/student/app");
        engine.workspace(files);
        engine.run("docker pull -q busybox");
        files.put("compose.yaml", APP);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private Result ok(String line) {
        Result r = engine.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    private String status(String name) {
        return ok("docker inspect -f '{{.State.Status}}' " + name).out().trim();
    }

    @Test
    void createMakesContainersWithoutStartingThem() {
        Result r = ok("docker compose create web");
        assertTrue(r.err().contains(" ✔ Container app-web-1  Created"), r.err());
        assertEquals("created", status("app-web-1"));
    }

    @Test
    void rmAsksWithoutATerminalRemovesNothingAndWithFRemovesTheStoppedOnes() {
        ok("docker compose up -d web once");
        ok("docker wait app-once-1");
        Result asked = ok("docker compose rm");
        assertEquals("Going to remove app-once-1", asked.out());
        assertEquals("exited", status("app-once-1"));
        Result forced = ok("docker compose rm -f");
        assertEquals("Going to remove app-once-1\n", forced.out());
        assertTrue(forced.err().startsWith("[+] Removing 1/1\n ✔ Container app-once-1  Removed"), forced.err());
        assertEquals("app-web-1\n", ok("docker ps -a --format {{.Names}}").out());
        Result stopFirst = ok("docker compose rm -s -f web");
        assertTrue(stopFirst.err().contains("[+] Stopping 1/1"), stopFirst.err());
        assertEquals("", ok("docker ps -aq").out());
        assertEquals("No stopped containers\n", ok("docker compose rm -f").err());
    }

    @Test
    void killPauseAndUnpause() {
        ok("docker compose up -d web");
        Result paused = ok("docker compose pause");
        assertTrue(paused.err().startsWith("[+] Pausing 1/1\n ✔ Container app-web-1  Paused"), paused.err());
        assertEquals("paused", status("app-web-1"));
        Result unpaused = ok("docker compose unpause web");
        assertTrue(unpaused.err().startsWith("[+] Running 1/1\n ✔ Container app-web-1  Unpaused"), unpaused.err());
        Result killed = ok("docker compose kill -s SIGKILL");
        assertTrue(killed.err().startsWith("[+] Killing 1/1\n ✔ Container app-web-1  Killed"), killed.err());
        assertEquals("137\n", ok("docker inspect -f '{{.State.ExitCode}}' app-web-1").out());
        assertEquals("no container to kill", ok("docker compose kill").err());
    }

    @Test
    void topImagesAndPort() {
        ok("docker compose up -d web");
        String top = ok("docker compose top").out();
        assertTrue(top.startsWith("SERVICE  #   UID   PID"), top);
        assertTrue(top.lines().skip(1).anyMatch(l -> l.startsWith("web      1   root") && l.endsWith("sleep 1000")), top);
        String images = ok("docker compose images").out();
        assertTrue(images.startsWith("CONTAINER           REPOSITORY          TAG                 IMAGE ID            SIZE\n"
                + "app-web-1           busybox             latest              "), images);
        assertEquals("0.0.0.0:8080\n", ok("docker compose port web 80").out());
        Result none = engine.run("docker compose port web 81");
        assertEquals(1, none.exitStatus());
        assertTrue(none.err().startsWith("no port 81/tcp for container app-web-1: 8080/tcp"), none.err());
    }

    @Test
    void waitBlocksUntilTheServiceExitsAndExitsWithItsStatus() {
        files.put("compose.yaml", APP.replace("\"exit 4\"", "\"sleep 3; exit 4\""));
        ok("docker compose up -d once");
        Result r = engine.run("docker compose wait once");
        assertEquals(4, r.exitStatus(), r.text());
        assertTrue(r.out().matches("container \"[0-9a-f]{64}\" exited with status code 4\n"), r.out());
    }

    @Test
    void cpCopiesBothWays() {
        ok("docker compose up -d web");
        files.put("note.txt", "hi from the host\n");
        Result in = ok("docker compose cp note.txt web:/tmp/note.txt");
        assertTrue(in.err().startsWith("[+] Copying 1/1\n ✔ app-web-1 copy note.txt to app-web-1:/tmp/note.txt Copied"), in.err());
        assertEquals("hi from the host\n", ok("docker compose exec web cat /tmp/note.txt").out());
        ok("docker compose cp web:/tmp/note.txt back.txt");
        assertEquals("hi from the host\n", new String(files.readFile("back.txt"), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void scaleAddsAndRemovesNumberedContainers() {
        ok("docker compose up -d worker");
        Result up = ok("docker compose scale worker=3");
        assertTrue(up.err().contains(" ✔ Container app-worker-3  Started"), up.err());
        assertEquals("app-worker-1\napp-worker-2\napp-worker-3\n", ok("docker compose ps --format {{.Name}}").out());
        Result down = ok("docker compose up -d --scale worker=2 worker");
        assertTrue(down.err().contains(" ✔ Container app-worker-3  Removed"), down.err());
        assertEquals("app-worker-1\napp-worker-2\n", ok("docker compose ps --format {{.Name}}").out());
        assertEquals("invalid scale specifier: worker\n", engine.run("docker compose scale worker").err());
    }

    @Test
    void helpListsEveryCommandAndAnUnknownOneIsComposesError() {
        String help = ok("docker compose --help").out();
        for (String c : new String[] {"  run         Run a one-off command on a service\n", "  rm          Removes stopped service containers\n",
                "  scale       Scale services\n", "  wait        Block until containers of all (or specified) services stop.\n"}) {
            assertTrue(help.contains(c), c);
        }
        Result r = engine.run("docker compose foo");
        assertEquals(1, r.exitStatus());
        assertEquals(help, r.out());
        assertEquals("unknown docker command: \"compose foo\"\n", r.err());
    }
}
