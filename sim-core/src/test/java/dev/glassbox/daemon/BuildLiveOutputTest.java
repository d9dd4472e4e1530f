package dev.glassbox.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.api.Api;
import dev.glassbox.api.BuildRequest;
import dev.glassbox.image.FileEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A RUN step's output reaches the build's stream while the step's process still runs, as moby's attached build container does. */
class BuildLiveOutputTest {
    private static BuildRequest request(String dockerfile) {
        return new BuildRequest(List.of(FileEntry.file("Dockerfile", 0644, dockerfile.getBytes(StandardCharsets.UTF_8))), "Dockerfile",
                List.of("live:1"), Map.of(), false, "", false, Map.of());
    }

    /** What the build had written when each chunk came, and what state its container was in at that moment. */
    private record Seen(String chunk, String state, long clock) {}

    @Test
    void eachLineOfARunArrivesWhileItsContainerStillRuns() {
        try (Engine e = Engine.sim()) {
            BuildTest.ok(e, "docker pull alpine");
            Api api = e.api();
            List<Seen> seen = new ArrayList<>();
            api.build(request("FROM alpine\nRUN echo first && sleep 5 && echo second\n"), chunk -> {
                List<Api.ContainerSummary> ctrs = api.containers(true);
                seen.add(new Seen(chunk, ctrs.isEmpty() ? "none" : ctrs.get(0).state(), e.currentTimeMillis()));
            });
            Seen first = seen.stream().filter(s -> s.chunk().equals("first\n")).findFirst().orElseThrow();
            Seen second = seen.stream().filter(s -> s.chunk().equals("second\n")).findFirst().orElseThrow();
            assertEquals("running", first.state(), "the first line came while the RUN still ran: " + seen);
            assertTrue(seen.indexOf(first) < seen.indexOf(second), seen.toString());
            assertTrue(second.clock() - first.clock() >= 5_000 - BuildOutput.SLICE_MILLIS, "the second line came after the sleep: " + seen);
            int removed = 0;
            for (int i = 0; i < seen.size(); i++) {
                if (seen.get(i).chunk().startsWith(" ---> Removed intermediate container ")) {
                    removed = i;
                }
            }
            assertTrue(seen.indexOf(second) < removed, "both lines come before the step's end: " + seen);
        }
    }
}
