package dev.glassbox.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code docker compose run}: dependencies started first, a one-off container with Compose's name and labels, its exit status run's. */
class ComposeRunTest {
    static final String APP = """
            services:
              web:
                image: busybox
                command: ["sleep", "1000"]
                depends_on: [db]
                environment:
                  GREETING: hello
              db:
                image: redis
            """;

    private Engine engine;
    private MemoryWorkspace files;

    @BeforeEach
    void start() {
        engine = Engine.sim();
        files = new MemoryWorkspace("/home/student/app");
        engine.workspace(files);
        engine.run("docker pull -q redis");
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

    @Test
    void runStartsTheDependencyThenRunsTheCommandAttachedAndRemovesItWithRm() {
        Result r = engine.run("docker compose run --rm web sh -c 'echo $GREETING from run; exit 3'");
        assertEquals(3, r.exitStatus(), r.text());
        assertEquals("hello from run\n", r.out());
        assertTrue(r.err().startsWith("[+] Running 2/2\n ✔ Network app_default  Created"), r.err());
        assertTrue(r.err().contains(" ✔ Container app-db-1   Started"), r.err());
        assertEquals("app-db-1\n", ok("docker ps -a --format {{.Names}}").out(), "--rm removed the one-off; db runs on");
        assertEquals("", ok("docker compose ps -q web").out());
    }

    @Test
    void aDetachedOneOffHasComposesNameAndLabelsAndIsNotAServiceContainer() {
        Result r = ok("docker compose run -d --no-deps web");
        String id = r.out().trim();
        assertTrue(id.matches("[0-9a-f]{64}"), r.out());
        String name = ok("docker inspect -f '{{.Name}}' " + id).out().trim();
        assertTrue(name.matches("/app-web-run-[0-9a-f]{12}"), name);
        String labels = ok("docker inspect -f '{{json .Config.Labels}}' " + id).out();
        assertTrue(labels.contains("\"com.docker.compose.oneoff\":\"True\""), labels);
        assertTrue(labels.contains("\"com.docker.compose.container-number\":\"-1\""), labels);
        assertTrue(labels.matches("(?s).*\"com.docker.compose.slug\":\"" + name.substring(13) + "[0-9a-f]{52}\".*"), labels);
        assertEquals("", ok("docker ps -a -q --filter name=app-db-1").out(), "--no-deps starts no dependency");
        assertEquals("", ok("docker compose ps -q").out(), "ps leaves one-offs out");
        assertEquals("hello\n", ok("docker exec " + id + " sh -c 'echo $GREETING'").out());
    }

    @Test
    void runWithANameAndEnvironmentAndEntrypoint() {
        Result r = engine.run("docker compose run --name once -e GREETING=bye --entrypoint 'sh -c' web 'echo $GREETING; hostname'");
        assertEquals(0, r.exitStatus(), r.text());
        assertTrue(r.out().startsWith("bye\n"), r.out());
        assertEquals("exited\n", ok("docker inspect -f '{{.State.Status}}' once").out());
    }

    @Test
    void runsBadInputIsOneLine() {
        Result none = engine.run("docker compose run");
        assertEquals(1, none.exitStatus());
        assertEquals("requires at least 1 arg(s), only received 0\n", none.err());
        Result unknown = engine.run("docker compose run nope");
        assertEquals("no such service: nope\n", unknown.err());
        Result both = engine.run("docker compose run -P -p 80:80 web");
        assertEquals("--service-ports and --publish are incompatible\n", both.err());
    }
}
