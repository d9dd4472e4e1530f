package dev.glassbox.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code docker compose} on the sim kernel: a two-service app comes up, its services talk, and down leaves nothing. */
class ComposeUpTest {
    static final String APP = """
            services:
              web:
                image: redis
                command: ["redis-server", "--port", "6380"]
                depends_on: [redis]
                networks: [back]
                ports: ["8080:80"]
              redis:
                image: redis
                volumes: ["data:/data"]
                networks: [back]
            volumes:
              data:
            networks:
              back:
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

    private static String frame(String title, String... lines) {
        StringBuilder b = new StringBuilder("[+] " + title + " " + lines.length + "/" + lines.length + "\n");
        for (String l : lines) {
            b.append(l).append(" ".repeat(80 - l.codePointCount(0, l.length()) - 5)).append("0.0s \n");
        }
        return b.toString();
    }

    @Test
    void upCreatesNetworksVolumesAndContainersInDependencyOrder() {
        files.put("compose.yaml", APP);
        Result up = ok("docker compose up -d");
        assertEquals(frame("Running",
                " ✔ Network app_back       Created",
                " ✔ Volume \"app_data\"      Created",
                " ✔ Container app-redis-1  Started",
                " ✔ Container app-web-1    Started"), up.err());
        assertEquals("", up.out());
        assertEquals("app-redis-1\napp-web-1\n", ok("docker compose ps --format {{.Name}}").out());
        assertEquals("app_back\n", ok("docker network ls --format {{.Name}}").out().lines()
                .filter(l -> l.startsWith("app_")).map(l -> l + "\n").reduce("", String::concat));
        assertTrue(ok("docker volume ls -q").out().contains("app_data\n"));
        String labels = ok("docker inspect --format '{{json .Config.Labels}}' app-web-1").out();
        for (String l : new String[] {"\"com.docker.compose.project\":\"app\"", "\"com.docker.compose.service\":\"web\"",
                "\"com.docker.compose.container-number\":\"1\"", "\"com.docker.compose.oneoff\":\"False\"",
                "\"com.docker.compose.project.working_dir\":\"/home/student/app\"",
                "\"com.docker.compose.project.config_files\":\"/home/student/app/compose.yaml\"",
                "\"com.docker.compose.depends_on\":\"redis:service_started:false\"", "\"com.docker.compose.version\":\"2.36.2\"",
                "\"com.docker.compose.image\":\"sha256:"}) {
            assertTrue(labels.contains(l), l + " in " + labels);
        }
        assertTrue(ok("docker network inspect --format '{{json .Labels}}' app_back").out()
                .contains("\"com.docker.compose.network\":\"back\""));
        assertTrue(ok("docker volume inspect --format '{{json .Labels}}' app_data").out()
                .contains("\"com.docker.compose.volume\":\"data\""));
    }

    @Test
    void theWebContainerReachesRedisByItsServiceName() {
        files.put("compose.yaml", APP);
        ok("docker compose up -d");
        assertEquals("PONG\n", ok("docker compose exec web redis-cli -h redis ping").out());
        assertEquals("OK\n", ok("docker compose exec -T redis redis-cli set greeting hello").out());
        assertEquals("hello\n", ok("docker compose exec web redis-cli -h redis get greeting").out());
        assertEquals("hello\n", ok("docker compose exec web redis-cli -h app-redis-1 get greeting").out());
    }

    @Test
    void aliasesFromTheFileAndTheServiceNameAreNamesOnEachNetwork() {
        files.put("compose.yaml", APP.replace("    networks: [back]\nvolumes:", "    networks:\n      back:\n        aliases: [cache]\n"
                + "      default:\nvolumes:"));
        ok("docker compose up -d");
        assertEquals("PONG\n", ok("docker compose exec web redis-cli -h cache ping").out());
        String aliases = ok("docker inspect --format '{{json .NetworkSettings.Networks.app_back.Aliases}}' app-redis-1").out();
        assertEquals("[\"redis\",\"cache\"]\n", aliases);
        assertEquals("[\"redis\"]\n", ok("docker inspect --format '{{json .NetworkSettings.Networks.app_default.Aliases}}' app-redis-1").out());
    }

    @Test
    void downWithVolumesLeavesNoContainerNetworkOrVolume() {
        files.put("compose.yaml", APP);
        ok("docker compose up -d");
        Result down = ok("docker compose down -v");
        assertEquals(frame("Running",
                " ✔ Container app-web-1    Removed",
                " ✔ Container app-redis-1  Removed",
                " ✔ Network app_back       Removed",
                " ✔ Volume app_data        Removed"), down.err());
        assertEquals("", ok("docker ps -aq").out());
        assertEquals("", ok("docker volume ls -q").out());
        assertEquals("bridge\nhost\nnone\n", ok("docker network ls --format {{.Name}}").out());
        Result again = ok("docker compose down");
        assertEquals("WARN[0000] Warning: No resource found to remove for project \"app\".\n", again.err());
    }

    @Test
    void downWithoutVolumesKeepsTheNamedVolume() {
        files.put("compose.yaml", APP);
        ok("docker compose up -d");
        ok("docker compose down");
        assertEquals("app_data\n", ok("docker volume ls -q").out());
    }

    @Test
    void aSecondUpKeepsWhatRunsAndRecreatesWhatChanged() {
        files.put("compose.yaml", APP);
        ok("docker compose up -d");
        assertEquals(frame("Running", " ✔ Container app-redis-1  Running", " ✔ Container app-web-1    Running"),
                ok("docker compose up -d").err());
        String before = ok("docker inspect --format {{.Id}} app-web-1").out();
        files.put("compose.yaml", APP.replace("6380", "6381"));
        assertEquals(frame("Running", " ✔ Container app-redis-1  Running", " ✔ Container app-web-1    Started"),
                ok("docker compose up -d").err());
        String after = ok("docker inspect --format {{.Id}} app-web-1").out();
        assertTrue(!before.equals(after), "app-web-1 is a new container");
        assertTrue(ok("docker compose logs web").out().contains("port=6381"));
    }

    @Test
    void psListsTheProjectsContainersInComposesColumns() {
        files.put("compose.yaml", APP);
        ok("docker compose up -d");
        String ps = ok("docker compose ps").out();
        assertTrue(ps.startsWith("NAME          IMAGE     COMMAND                  SERVICE   CREATED        STATUS        PORTS\n"), ps);
        assertTrue(ps.contains("\napp-redis-1   redis     \"docker-entrypoint.s…\"   redis     "), ps);
        assertTrue(ps.contains("0.0.0.0:8080->80/tcp"), ps);
        String json = ok("docker compose ps -a --format json web").out();
        assertTrue(json.startsWith("{\"Command\":\"\\\"docker-entrypoint.s…\\\"\",\"CreatedAt\":"), json);
        assertTrue(json.contains(",\"ExitCode\":0,\"Health\":\"\",\"ID\":\""), json);
        assertTrue(json.contains(",\"Name\":\"app-web-1\","), json);
        assertTrue(json.contains(",\"Project\":\"app\",\"Publishers\":[{\"URL\":\"0.0.0.0\",\"TargetPort\":80,\"PublishedPort\":8080,"
                + "\"Protocol\":\"tcp\"}"), json);
        assertTrue(json.contains(",\"Service\":\"web\",") && json.contains("\"State\":\"running\""), json);
        ok("docker compose stop web");
        assertEquals("app-redis-1\n", ok("docker compose ps --format {{.Name}}").out());
        assertEquals("app-redis-1 running\napp-web-1 exited\n", ok("docker compose ps -a --format '{{.Name}} {{.State}}'").out());
        assertEquals(2, ok("docker compose ps -aq").out().lines().filter(l -> l.matches("[0-9a-f]{64}")).count());
        assertEquals("redis\n", ok("docker compose ps --services").out());
    }

    @Test
    void logsPrefixEachLineWithTheContainersShortName() {
        files.put("compose.yaml", """
                services:
                  hello:
                    image: busybox
                    command: ["echo", "hello from compose"]
                  world:
                    image: busybox
                    command: sh -c 'echo two; echo lines'
                """);
        Result up = ok("docker compose up");
        assertTrue(up.out().startsWith("Attaching to hello-1, world-1\n"), up.out());
        assertTrue(up.out().contains("hello-1  | hello from compose\n"), up.out());
        assertTrue(up.out().contains("world-1  | two\nworld-1  | lines\n"), up.out());
        assertTrue(up.out().endsWith("hello-1 exited with code 0\nworld-1 exited with code 0\n"), up.out());
        assertEquals("world-1  | two\nworld-1  | lines\n", ok("docker compose logs world").out());
        assertEquals("two\nlines\n", ok("docker compose logs --no-log-prefix world").out());
    }

    @Test
    void stopStartAndRestartGoThroughTheContainers() {
        files.put("compose.yaml", APP);
        ok("docker compose up -d");
        assertEquals(frame("Stopping", " ✔ Container app-web-1    Stopped", " ✔ Container app-redis-1  Stopped"),
                ok("docker compose stop").err());
        assertEquals(frame("Running", " ✔ Container app-redis-1  Started", " ✔ Container app-web-1    Started"),
                ok("docker compose start").err());
        assertEquals(frame("Restarting", " ✔ Container app-redis-1  Started"), ok("docker compose restart redis").err());
    }

    @Test
    void completedSuccessfullyWaitsForTheDependencyToExit() {
        files.put("compose.yaml", """
                services:
                  init:
                    image: busybox
                    command: sh -c 'exit 3'
                  app:
                    image: busybox
                    command: ["sleep", "300"]
                    depends_on:
                      init:
                        condition: service_completed_successfully
                """);
        Result r = engine.run("docker compose up -d");
        assertEquals(1, r.exitStatus());
        assertTrue(r.err().endsWith("service \"init\" didn't complete successfully: exit 3\n"), r.err());
        assertTrue(r.err().contains(" ✘ Container app-init-1  service \"init\" didn't c...  "), r.err());
        assertEquals("app-app-1 created\napp-init-1 exited\n", ok("docker compose ps -a --format '{{.Name}} {{.State}}'").out());
    }

    @Test
    void execOfAServiceThatDoesNotRunSaysSo() {
        files.put("compose.yaml", APP);
        Result r = engine.run("docker compose exec web ls");
        assertEquals("service \"web\" is not running\n", r.err());
        assertEquals(1, r.exitStatus());
        r = engine.run("docker compose exec cache ls");
        assertEquals("no such service: cache\n", r.err());
    }

    @Test
    void theServicesSettingsReachItsContainer() {
        files.put("app.env", "FROM_FILE=yes\n");
        files.put("compose.yaml", """
                services:
                  box:
                    image: busybox
                    container_name: the-box
                    hostname: boxhost
                    entrypoint: ["sh", "-c"]
                    command: ["sleep 300"]
                    env_file: app.env
                    environment: {MODE: test}
                    working_dir: /tmp
                    user: "1000"
                    labels: [tier=backend]
                    restart: unless-stopped
                    expose: ["7000"]
                    tty: true
                    stdin_open: true
                """);
        ok("docker compose up -d");
        String inspect = ok("docker inspect --format '{{.Name}} {{.Config.Hostname}} {{json .Config.Entrypoint}} {{json .Config.Cmd}} "
                + "{{.Config.WorkingDir}} {{.Config.User}} {{index .Config.Labels \"tier\"}} {{.HostConfig.RestartPolicy.Name}} "
                + "{{.Config.Tty}} {{.Config.OpenStdin}}' the-box").out();
        assertEquals("/the-box boxhost [\"sh\",\"-c\"] [\"sleep 300\"] /tmp 1000 backend unless-stopped true true\n", inspect);
        String env = ok("docker compose exec -T box env").out();
        assertTrue(env.contains("FROM_FILE=yes\n") && env.contains("MODE=test\n"), env);
        assertEquals("the-box\n", ok("docker compose ps --format {{.Name}}").out());
    }

    @Test
    void serviceHealthyWaitsForTheDaemonsHealthCheck() {
        files.put("compose.yaml", """
                services:
                  web:
                    image: redis
                    command: ["redis-server", "--port", "6380"]
                    depends_on:
                      redis:
                        condition: service_healthy
                  redis:
                    image: redis
                    healthcheck:
                      test: ["CMD", "redis-cli", "ping"]
                      interval: 2s
                      retries: 3
                """);
        Result up = ok("docker compose up -d");
        assertEquals(frame("Running",
                " ✔ Network app_default    Created",
                " ✔ Container app-redis-1  Healthy",
                " ✔ Container app-web-1    Started").replace("0.0s \n ✔ Container app-web", "2.0s \n ✔ Container app-web")
                .replaceAll("Started( +)0.0s", "Started$12.0s"), up.err());
        assertTrue(ok("docker compose ps --format '{{.Name}} {{.Status}}' redis").out().endsWith("(healthy)\n"));
        assertEquals("[\"CMD\",\"redis-cli\",\"ping\"] 2000000000 3\n",
                ok("docker inspect --format '{{json .Config.Healthcheck.Test}} {{.Config.Healthcheck.Interval}} "
                        + "{{.Config.Healthcheck.Retries}}' app-redis-1").out());
    }

    @Test
    void anUnhealthyOrUncheckedDependencyStopsTheUp() {
        files.put("compose.yaml", """
                services:
                  web:
                    image: busybox
                    command: [sleep, "300"]
                    depends_on:
                      db: {condition: service_healthy}
                  db:
                    image: busybox
                    command: [sleep, "300"]
                    healthcheck:
                      test: ["CMD-SHELL", "exit 1"]
                      interval: 1s
                      retries: 2
                """);
        Result r = engine.run("docker compose up -d");
        assertEquals(1, r.exitStatus(), r.text());
        assertTrue(r.err().contains(" ✘ Container app-db-1   Error "), r.err());
        assertTrue(r.err().endsWith("\ndependency failed to start: container app-db-1 is unhealthy\n"), r.err());
        files.put("compose.yaml", "services:\n  web:\n    image: busybox\n    depends_on:\n      db: {condition: service_healthy}\n"
                + "  db:\n    image: busybox\n    command: [sleep, '300']\n");
        ok("docker compose down");
        r = engine.run("docker compose up -d");
        assertTrue(r.err().endsWith("\ndependency failed to start: container app-db-1 has no healthcheck configured\n"), r.err());
    }

    @Test
    void aProjectNamedWithDashPIsTakenDownWithoutItsFile() {
        files.put("compose.yaml", APP);
        ok("docker compose up -d");
        engine.workspace(new MemoryWorkspace("/tmp"));
        assertEquals("no configuration file provided: not found\n", engine.run("docker compose down").err());
        assertEquals("app-redis-1\napp-web-1\n", ok("docker compose -p app ps --format {{.Name}}").out());
        assertEquals(frame("Running",
                " ✔ Container app-web-1    Removed",
                " ✔ Container app-redis-1  Removed",
                " ✔ Network app_back       Removed",
                " ✔ Volume app_data        Removed"), ok("docker compose -p app down -v").err());
        assertEquals("", ok("docker volume ls -q").out());
    }
}
