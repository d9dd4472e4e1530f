package dev.glassbox.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.trace.Trace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every new command's trace replays to the state after it, and its state before (the state after with the changes
 * undone) is the state the command started from: each state change belongs to a step.
 */
class ReplayTest {
    @ParameterizedTest
    @ValueSource(strings = {"docker network create app", "docker volume create data", "docker run --name box --network app -v data:/d -v /c busybox touch /d/x /y",
        "docker diff box", "docker commit box mine", "docker save -o m.tar mine", "docker rm -v box", "docker rmi mine", "docker load -i m.tar",
        "docker volume rm data", "docker network rm app", "docker run -d --name web --network app -v html:/usr/share/nginx/html nginx",
        "docker volume prune -af", "docker network create other", "docker run -d --name srv --network app nginx",
        "docker network connect other srv", "docker network disconnect other srv", "docker stop srv"})
    void traceReplaysToTheState(String last) {
        try (Engine e = Engine.sim()) {
            for (String line : new String[] {"docker network create app", "docker volume create data",
                "docker run --name box --network app -v data:/d -v /c busybox touch /d/x /y", "docker commit box mine", "docker save -o m.tar mine",
                "docker network create other", "docker run -d --name srv --network app nginx", "docker network connect other srv"}) {
                if (line.equals(last)) {
                    break;
                }
                e.run(line);
            }
            if (last.equals("docker load -i m.tar")) {
                e.run("docker rmi mine");
            }
            com.fasterxml.jackson.databind.JsonNode was = e.state();
            Result r = e.run(last);
            Trace t = e.lastTrace();
            assertEquals(e.state(), t.stateAt(t.events().size() - 1), last + "\n" + r.text());
            com.fasterxml.jackson.databind.node.ObjectNode before = t.before().deepCopy();
            before.set("time", was.get("time")); // the engine's clock moves on as a command begins, before its first step
            assertEquals(was, before, "the trace's state before the command, its changes undone from the state after it: " + last);
        }
    }
}
