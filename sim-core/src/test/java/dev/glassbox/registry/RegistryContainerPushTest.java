package dev.glassbox.registry;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Subsystem;
import dev.glassbox.trace.TraceEvent;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker push and pull on the sim kernel against a {@code registry:2} container published on
 * localhost:5000: the daemon's requests travel through docker-proxy, the bridge and the veth to the
 * registry program, which stores what it receives under /var/lib/registry and serves it back.
 */
class RegistryContainerPushTest {
    private static final String REFUSED = "Get \"http://localhost:5000/v2/\": dial tcp 127.0.0.1:5000: connect: connection refused\n";

    private static Engine withRegistry() {
        Engine e = Engine.sim();
        ok(e, "docker run -d -p 5000:5000 --name registry registry:2");
        return e;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void anImagePushedToTheRegistryContainerIsPulledBackAndRuns() {
        try (Engine e = withRegistry()) {
            ok(e, "docker pull -q alpine");
            ok(e, "docker tag alpine localhost:5000/my-alpine");
            String id = ok(e, "docker images -q --no-trunc alpine").out();
            Result push = ok(e, "docker push localhost:5000/my-alpine");
            Matcher m = Pattern.compile("Using default tag: latest\nThe push refers to repository \\[localhost:5000/my-alpine\\]\n"
                    + "([0-9a-f]{12}): Pushed\nlatest: digest: (sha256:[0-9a-f]{64}) size: (\\d+)\n").matcher(push.out());
            assertTrue(m.matches(), push.out());
            String digest = m.group(2);
            String layers = ok(e, "docker exec registry ls /var/lib/registry/docker/registry/v2/repositories/my-alpine/_layers/sha256").out();
            assertEquals(2, layers.lines().count(), "the layer and the config: " + layers);
            assertTrue(layers.lines().anyMatch(l -> l.startsWith(m.group(1))), layers);

            assertEquals("{\"repositories\":[\"my-alpine\"]}\n",
                    ok(e, "docker run --rm busybox wget -qO- http://172.17.0.1:5000/v2/_catalog").out());
            assertEquals(digest, ok(e, "docker exec registry cat "
                    + "/var/lib/registry/docker/registry/v2/repositories/my-alpine/_manifests/tags/latest/current/link").out());
            assertEquals("[\"alpine@" + digest + "\",\"localhost:5000/my-alpine@" + digest + "\"]\n",
                    ok(e, "docker image inspect -f '{{json .RepoDigests}}' alpine").out());

            Result again = ok(e, "docker push localhost:5000/my-alpine");
            assertEquals("Using default tag: latest\nThe push refers to repository [localhost:5000/my-alpine]\n" + m.group(1)
                    + ": Layer already exists\nlatest: digest: " + digest + " size: " + m.group(3) + "\n", again.out());

            ok(e, "docker image rm localhost:5000/my-alpine");
            ok(e, "docker image rm alpine");
            Result pull = ok(e, "docker pull localhost:5000/my-alpine");
            // registry:2 is built on alpine: its layer is on disk already, the config and the image are new
            assertEquals("Using default tag: latest\nlatest: Pulling from my-alpine\n" + m.group(1) + ": Already exists\nDigest: " + digest
                    + "\nStatus: Downloaded newer image for localhost:5000/my-alpine:latest\nlocalhost:5000/my-alpine:latest\n", pull.out());
            assertEquals(id, ok(e, "docker images -q --no-trunc localhost:5000/my-alpine").out());
            assertEquals("hi\n", ok(e, "docker run --rm localhost:5000/my-alpine echo hi").out());
        }
    }

    @Test
    void theDaemonsRequestsTravelThroughDockerProxyIntoTheContainer() {
        try (Engine e = withRegistry()) {
            ok(e, "docker pull -q busybox");
            ok(e, "docker tag busybox localhost:5000/tools/box:1.0");
            ok(e, "docker push localhost:5000/tools/box:1.0");
            List<TraceEvent> net = e.lastTrace().events().stream()
                    .filter(ev -> ev.layer() == Layer.KERNEL && ev.subsystem() == Subsystem.NETWORK).toList();
            List<String> first = net.stream().limit(5).map(TraceEvent::action).toList();
            assertEquals(List.of("proxy", "route", "bridge forward", "veth", "connected"), first, net.toString());
            // GET /v2/, then per blob (layer, config) a HEAD, a POST and a PUT, then the manifest's PUT: one connection each
            assertEquals(8, net.stream().filter(ev -> ev.action().equals("connected")).count());
            String log = ok(e, "docker logs registry").out();
            assertTrue(log.contains("172.17.0.1 - - ["), "docker-proxy's connection comes from the bridge's gateway: " + log);
            assertEquals(1, count(log, "\"GET /v2/ HTTP/1.1\" 200 2 \"\" \"docker/28.2.2 go/go1.24.3"), log);
            assertEquals(1, count(log, "\"PUT /v2/tools/box/manifests/1.0 HTTP/1.1\" 201 0"), log);
            assertEquals("{\"name\":\"tools/box\",\"tags\":[\"1.0\"]}\n",
                    ok(e, "docker run --rm busybox wget -qO- http://172.17.0.1:5000/v2/tools/box/tags/list").out());
        }
    }

    @Test
    void aStoppedRegistryRefusesTheConnection() {
        try (Engine e = withRegistry()) {
            ok(e, "docker pull -q alpine");
            ok(e, "docker tag alpine localhost:5000/my-alpine");
            ok(e, "docker push localhost:5000/my-alpine");
            ok(e, "docker stop registry");
            Result push = e.run("docker push localhost:5000/my-alpine");
            assertEquals(1, push.exitStatus());
            assertEquals(REFUSED, push.err());
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.action().equals("refused")), "the kernel answers with a reset");
            Result pull = e.run("docker pull localhost:5000/my-alpine");
            assertEquals(1, pull.exitStatus());
            assertEquals("Error response from daemon: " + REFUSED, pull.err());

            ok(e, "docker start registry");
            assertTrue(ok(e, "docker push localhost:5000/my-alpine").out().contains(": Layer already exists\n"),
                    "the registry's volume kept what was pushed");
        }
    }

    @Test
    void aTagTheRegistryDoesNotHaveIsNotFound() {
        try (Engine e = withRegistry()) {
            Result tag = e.run("docker pull localhost:5000/nothing:1");
            assertEquals(1, tag.exitStatus());
            assertEquals("Error response from daemon: repository localhost:5000/nothing not found: name unknown: "
                    + "repository name not known to registry\n", tag.err());
            ok(e, "docker pull -q busybox");
            ok(e, "docker tag busybox localhost:5000/box");
            ok(e, "docker push localhost:5000/box");
            Result missing = e.run("docker pull localhost:5000/box:2");
            assertEquals("Error response from daemon: manifest for localhost:5000/box:2 not found: manifest unknown: manifest unknown\n",
                    missing.err());
        }
    }

    @Test
    void aRegistryPublishedOnAnotherPortIsReachedThere() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d -p 127.0.0.1:5001:5000 --name reg registry:2");
            ok(e, "docker pull -q busybox");
            ok(e, "docker tag busybox 127.0.0.1:5001/box");
            assertTrue(ok(e, "docker push 127.0.0.1:5001/box").out().contains(": Pushed\n"));
            Result wrongPort = e.run("docker pull localhost:5000/box");
            assertEquals("Error response from daemon: " + REFUSED, wrongPort.err());
            ok(e, "docker rmi 127.0.0.1:5001/box busybox");
            assertEquals("hi\n", ok(e, "docker run --rm 127.0.0.1:5001/box echo hi").out());
        }
    }
}
