package dev.glassbox.client;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** docker rename, container prune, image prune, system df and events as the CLI prints them. */
class SystemCommandsTest {
    @Test
    void renameThenTheNewNameAnswers() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker create --name web busybox");
            assertEquals("", ok(e, "docker rename web site").out());
            assertEquals("/site\n", ok(e, "docker inspect -f '{{.Name}}' site").out());
            Result same = e.run("docker container rename site site");
            assertEquals(1, same.exitStatus());
            assertEquals("Error response from daemon: Renaming a container with the same name as its current name\n", same.err());
        }
    }

    @Test
    void containerPruneListsTheIdsAndTheSpace() {
        try (Engine e = Engine.sim()) {
            String id = ok(e, "docker create --name old busybox").out().strip();
            ok(e, "docker run -d --name up busybox sleep 100");
            assertEquals("Deleted Containers:\n" + id + "\n\nTotal reclaimed space: 0B\n", ok(e, "docker container prune -f").out());
            assertEquals("Total reclaimed space: 0B\n", ok(e, "docker container prune --force").out());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "docker container prune | WARNING! This will remove all stopped containers.",
            "docker image prune | WARNING! This will remove all dangling images.",
            "docker image prune -a | WARNING! This will remove all images without at least one container associated to them.",
    })
    void withoutForceAndWithoutATerminalThePromptIsShownAndNothingGoes(String line, String warning) {
        try (Engine e = Engine.sim()) {
            ok(e, "docker create --name old busybox");
            Result r = e.run(line);
            assertEquals(0, r.exitStatus(), "as docker with stdin at its end: cancelled, status 0");
            assertEquals(warning + "\nAre you sure you want to continue? [y/N] ", r.out());
            assertEquals("", r.err());
            assertEquals(List.of("old"), e.containerNames());
        }
    }

    @Test
    void imagePruneAllPrintsDockersImagesDeletedLines() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            String out = ok(e, "docker image prune -a -f").out();
            assertTrue(out.startsWith("Deleted Images:\nuntagged: busybox:latest\nuntagged: busybox@sha256:"), out);
            assertTrue(out.contains("\ndeleted: sha256:"), out);
            assertTrue(out.matches("(?s).*\n\nTotal reclaimed space: [0-9.]+[kM]?B\n"), out);
            assertEquals("Total reclaimed space: 0B\n", ok(e, "docker image prune -f").out());
        }
    }

    @Test
    void systemDfIsDockersTable() {
        try (Engine e = Engine.sim()) {
            assertEquals("""
                    TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE
                    Images          0         0         0B        0B
                    Containers      0         0         0B        0B
                    Local Volumes   0         0         0B        0B
                    Build Cache     0         0         0B        0B
                    """, ok(e, "docker system df").out());
            ok(e, "docker run --name box -v data:/data busybox sh -c 'head -c 1500 /dev/zero > /f'");
            String[] rows = ok(e, "docker system df").out().split("\n");
            assertTrue(rows[1].matches("Images +1 +1 +\\S+ +0B \\(0%\\)"), rows[1]);
            assertEquals("Containers      1         0         1.5kB     1.5kB (100%)", rows[2]);
            assertEquals("Local Volumes   1         1         0B        0B", rows[3]);
        }
    }

    @Test
    void eventsPrintAFinishedWindowAndRefuseToFollowInOneLine() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker volume create vol");
            String out = ok(e, "docker events --since 1h --until 0s").out();
            assertTrue(out.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z volume create vol \\(driver=local\\)\n"), out);
            ok(e, "docker create --name web --label a=b busybox");
            String id = e.api().inspectContainer("web").get("Id").toString();
            String both = ok(e, "docker system events --since 0 --until 0s").out();
            assertTrue(both.endsWith(" container create " + id + " (a=b, image=busybox, name=web)\n"), both);
            assertEquals("", ok(e, "docker events --since 1h --until 2h").out());
            Result follow = e.run("docker events");
            assertEquals(1, follow.exitStatus());
            assertEquals(1, follow.err().lines().count());
            assertTrue(follow.err().contains("--until"), follow.err());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "docker rename web site | POST /v1.50/containers/web/rename?name=site HTTP/1.1",
            "docker container prune -f | POST /v1.50/containers/prune HTTP/1.1",
            "docker image prune -f | POST /v1.50/images/prune?filters=%7B%22dangling%22%3A%5B%22true%22%5D%7D HTTP/1.1",
            "docker image prune -a -f | POST /v1.50/images/prune?filters=%7B%22dangling%22%3A%5B%22false%22%5D%7D HTTP/1.1",
            "docker system df | GET /v1.50/system/df HTTP/1.1",
            "docker events --since 0 --until 0s | GET /v1.50/events?since=0&until=",
    })
    void eachCommandIsTracedAsItsHttpRequest(String line, String request) {
        try (Engine e = Engine.sim()) {
            ok(e, "docker create --name web busybox");
            ok(e, line);
            List<String> requests = e.lastTrace().events().stream().map(ev -> ev.equivalent()).filter(q -> q.contains(" /v1.50/")).toList();
            assertTrue(requests.stream().anyMatch(q -> q.startsWith(request)), requests.toString());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--filter type=volume | volume create vol",
            "--filter event=start | container start",
            "--filter container=web --filter event=create | container create",
            "--filter type=network --filter event=connect | network connect",
            "--filter label=tier=db --filter event=create | container create",
            "--filter image=busybox --filter event=destroy | container destroy",
            "--filter volume=vol | volume create vol",
    })
    void eventFiltersNarrowTheWindow(String filters, String only) {
        try (Engine e = Engine.sim()) {
            ok(e, "docker volume create vol");
            ok(e, "docker run -d --name web --label tier=db busybox sleep 100");
            ok(e, "docker rm -f web");
            String out = ok(e, "docker events --since 0 --until 0s " + filters).out();
            List<String> lines = out.lines().toList();
            assertEquals(1, lines.size(), out);
            assertTrue(lines.get(0).contains(" " + only), out);
        }
    }

    @Test
    void aFilterOfAnUnknownKeyIsRefusedAsDockerDoes() {
        try (Engine e = Engine.sim()) {
            Result r = e.run("docker events --until 0s --filter colour=red");
            assertEquals(1, r.exitStatus());
            assertEquals("Error response from daemon: invalid filter 'colour'\n", r.err());
        }
    }
}
