package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.api.Api;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /events: the daemon's log of what changed, with Docker's types, actions and actor attributes. */
class EventsTest {
    /** "TYPE ACTION" of each event after {@code since}, oldest first. */
    private static List<String> actions(Engine e, long since) {
        return e.api().events(since, Long.MAX_VALUE).stream().map(ev -> ev.type() + " " + ev.action()).collect(Collectors.toList());
    }

    private static long now(Engine e) {
        List<Api.Event> all = e.api().events(0, Long.MAX_VALUE);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).timeNanos() + 1;
    }

    @Test
    void aContainersLifeIsLoggedInDockersOrderWithItsAttributes() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull nginx");
            ok(e, "docker network create front");
            long t0 = now(e);
            ok(e, "docker run -d --name web --label tier=web -v html:/usr/share/nginx/html --network front nginx");
            ok(e, "docker pause web");
            ok(e, "docker unpause web");
            ok(e, "docker stop web");
            ok(e, "docker rm web");
            assertEquals(List.of("volume create", "container create", "network connect", "volume mount", "container start",
                    "container pause", "container unpause", "container kill", "container die", "network disconnect", "volume unmount",
                    "container stop", "container destroy"), actions(e, t0));
            List<Api.Event> events = e.api().events(t0, Long.MAX_VALUE);
            Api.Event create = events.get(1);
            assertEquals(Map.of("image", "nginx", "name", "web", "tier", "web"), create.attributes());
            assertEquals(64, create.actorId().length());
            assertEquals(Map.of("container", create.actorId(), "name", "front", "type", "bridge"), events.get(2).attributes());
            assertEquals("3", events.get(7).attributes().get("signal"), "nginx stops on its image's SIGQUIT");
            assertTrue(events.get(8).attributes().containsKey("exitCode"));
            assertTrue(events.get(8).attributes().get("execDuration").matches("\\d+"), events.get(8).toString());
        }
    }

    @Test
    void imagesNetworksVolumesAndExecsAreLoggedToo() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull busybox");
            ok(e, "docker tag busybox mine:1");
            ok(e, "docker rmi mine:1");
            ok(e, "docker network create back");
            ok(e, "docker network rm back");
            ok(e, "docker volume create vol");
            ok(e, "docker volume rm vol");
            ok(e, "docker run -d --name box busybox sleep 100");
            long t0 = now(e);
            ok(e, "docker exec box true");
            assertEquals(List.of("container exec_create: true", "container exec_start: true", "container exec_die"), actions(e, t0));
            List<Api.Event> all = e.api().events(0, Long.MAX_VALUE);
            Api.Event pull = all.get(0);
            assertEquals("image pull", pull.type() + " " + pull.action());
            assertEquals("busybox:latest", pull.actorId());
            assertEquals("busybox", pull.attributes().get("name"));
            assertEquals(List.of("image pull", "image tag", "image untag", "network create", "network destroy", "volume create", "volume destroy"),
                    actions(e, 0).subList(0, 7));
            assertEquals("mine:1", all.get(1).attributes().get("name"));
            assertEquals("0", all.get(all.size() - 1).attributes().get("exitCode"));
        }
    }

    @Test
    void theWindowIsSinceInclusiveUntilExclusiveAndTheLogKeepsTheLastThousand() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker volume create aa");
            long between = now(e);
            e.advance(5_000);
            ok(e, "docker volume create bb");
            assertEquals(List.of("aa"), e.api().events(0, between).stream().map(Api.Event::actorId).toList());
            assertEquals(List.of("bb"), e.api().events(between, Long.MAX_VALUE).stream().map(Api.Event::actorId).toList());
            for (int i = 0; i < 520; i++) {
                e.api().createVolume("v" + i, Map.of());
                e.api().removeVolume("v" + i, false);
            }
            List<Api.Event> kept = e.api().events(0, Long.MAX_VALUE);
            assertEquals(Events.CAPACITY, kept.size());
            assertEquals("v519", kept.get(kept.size() - 1).actorId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "docker run --name box busybox true; docker commit box snap | container commit",
            "docker run -d --name box busybox sleep 100; docker restart box | container restart",
            "docker run -d --name box busybox sleep 100; docker kill box | container kill",
            "docker run -d --name box busybox sleep 100; docker rm -f box | container destroy",
            "docker run -m 8m --name hog progrium/stress --vm 1 --vm-bytes 64M | container oom",
            "docker pull busybox; docker save -o b.tar busybox; docker load -i b.tar | image load",
            "docker pull busybox; docker save -o b.tar busybox | image save",
            "docker run --name box busybox true; docker export -o fs.tar box; docker import fs.tar mine | image import",
            "docker volume create vol; docker volume prune -f -a | volume prune",
            "docker network create lab; docker network prune -f | network prune",
            "docker pull busybox; docker rmi busybox | image delete",
    })
    void eachCommandLeavesItsEvent(String script, String expected) {
        try (Engine e = Engine.sim()) {
            for (String line : script.split("; ")) {
                e.run(line);
            }
            List<String> got = actions(e, 0);
            assertTrue(got.contains(expected), script + " -> " + got);
        }
    }
}
