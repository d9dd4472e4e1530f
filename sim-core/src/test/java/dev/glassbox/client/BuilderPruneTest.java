package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Progress;
import dev.glassbox.Result;
import dev.glassbox.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docker builder prune with the classic builder: Docker's question, POST /build/prune, and nothing to reclaim. */
class BuilderPruneTest {
    private static final String NOTICE = "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n"
            + "            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n"
            + "            environment-variable.\n\n";

    @Test
    void asksThenPrunesThroughTheApiAndReclaimsNothing() {
        try (Engine e = Engine.sim()) {
            List<TraceEvent> events = new ArrayList<>();
            e.onTraceEvent(events::add);
            Result yes = e.run("docker builder prune -a", Progress.NONE, new ScriptedConsole().type("[y/N] ", "y\n"));
            assertEquals(0, yes.exitStatus(), yes.text());
            assertEquals("Total reclaimed space: 0B\n", yes.out());
            assertTrue(events.stream().anyMatch(ev -> ev.equivalent().matches("POST /v[0-9.]+/build/prune\\?all=1 HTTP/1.1")), events.toString());
            assertTrue(events.stream().anyMatch(ev -> ev.action().equals("prune build cache")), events.toString());

            events.clear();
            Result no = e.run("docker builder prune");
            assertEquals(0, no.exitStatus());
            assertEquals(NOTICE, no.err());
            assertEquals("WARNING! This will remove all dangling build cache. Are you sure you want to continue? [y/N] ", no.out());
            assertTrue(events.stream().noneMatch(ev -> ev.equivalent().contains("/build/prune")), "a no sends nothing");

            Result f = e.run("docker builder prune -f --keep-storage 1GB");
            assertEquals("Total reclaimed space: 0B\n", f.out());
            assertTrue(e.run("docker builder prune x").err().startsWith(NOTICE + "docker: 'docker builder prune' accepts no arguments\n"));
        }
    }
}
