package dev.glassbox.engineapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;

/**
 * Random container lifecycles applied through the HTTP API to one engine and through engine.run to
 * another end in the same containers and states, and every step succeeds or fails on both alike.
 */
class ApiMatchesReplProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of("aa", "bb", "cc"); // Docker refuses one-letter names

    enum Kind { RUN, STOP, START, RM_F, PAUSE, UNPAUSE, RENAME }

    record Op(Kind kind, String name) {
        String line() {
            return switch (kind) {
                case RUN -> "docker run -d --name " + name + " busybox sleep 1000";
                case STOP -> "docker stop -t 0 " + name;
                case START -> "docker start " + name;
                case RM_F -> "docker rm -f " + name;
                case PAUSE -> "docker pause " + name;
                case UNPAUSE -> "docker unpause " + name;
                case RENAME -> "docker rename " + name + " " + next();
            };
        }

        /** The name a rename gives: the next of the three, which may be taken. */
        String next() {
            return NAMES.get((NAMES.indexOf(name) + 1) % NAMES.size());
        }

        /** The same through the API; true when the daemon answered success (2xx, or 304 for start/stop). */
        boolean http(RawClient c) throws IOException {
            int s = switch (kind) {
                case RUN -> {
                    RawClient.Response r = c.call("POST", "/v1.50/containers/create?name=" + name,
                            "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"1000\"],\"HostConfig\":{\"NetworkMode\":\"default\"}}");
                    yield r.status() == 201 ? c.call("POST", "/v1.50/containers/" + name + "/start", null).status() : r.status();
                }
                case STOP -> c.call("POST", "/v1.50/containers/" + name + "/stop?t=0", null).status();
                case START -> c.call("POST", "/v1.50/containers/" + name + "/start", null).status();
                case RM_F -> c.call("DELETE", "/v1.50/containers/" + name + "?force=1", null).status();
                case PAUSE -> c.call("POST", "/v1.50/containers/" + name + "/pause", null).status();
                case UNPAUSE -> c.call("POST", "/v1.50/containers/" + name + "/unpause", null).status();
                case RENAME -> c.call("POST", "/v1.50/containers/" + name + "/rename?name=" + next(), null).status();
            };
            return s < 300 || s == 304;
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.of(NAMES)).as(Op::new).list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 30)
    void theApiAndTheReplAgree(@ForAll("ops") List<Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("glassbox-prop");
        Path socket = dir.resolve("docker.sock");
        Engine repl = Engine.sim();
        Assertions.assertEquals(0, repl.run("docker pull busybox").exitStatus());
        try (EngineApiServer server = EngineApiServer.of(Engine.sim()).unix(socket); RawClient c = new RawClient(socket)) {
            Assertions.assertEquals(200, c.call("POST", "/v1.50/images/create?fromImage=docker.io%2Flibrary%2Fbusybox&tag=latest", null).status());
            List<String> steps = new ArrayList<>();
            for (Op op : ops) {
                Result r = repl.run(op.line());
                boolean viaApi = op.http(c);
                steps.add(op.line() + " -> repl " + r.exitStatus() + ", api " + (viaApi ? "ok" : "error"));
                Assertions.assertEquals(r.exitStatus() == 0, viaApi, String.join("\n", steps) + "\n" + r.err());
                Assertions.assertEquals(replState(repl), apiState(c), String.join("\n", steps));
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    private static TreeSet<String> replState(Engine e) {
        Result r = e.run("docker ps -a --format '{{.Names}} {{.State}}'");
        return new TreeSet<>(r.out().lines().toList());
    }

    private static TreeSet<String> apiState(RawClient c) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode n : JSON.readTree(c.call("GET", "/v1.50/containers/json?all=1", null).body())) {
            out.add(n.get("Names").get(0).asText().substring(1) + " " + n.get("State").asText());
        }
        return out;
    }
}
