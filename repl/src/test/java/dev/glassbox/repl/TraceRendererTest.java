package dev.glassbox.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceRendererTest {
    @Test
    void drawsChildrenUnderTheirCauseWithGuides() {
        String expected = """
                [client] command docker run -d --name web nginx — the docker CLI parsed the line
                │  $ docker run -d --name web nginx
                ├─ [api] create web — the daemon creates the container
                │  │  $ POST /v1.50/containers/create?name=web
                │  ├─ [kernel/namespace] unshare pid — a new PID namespace
                │  │     $ unshare(CLONE_NEWPID)
                │  └─ [daemon] store web — the container is saved
                └─ [api] start web — started
                      $ POST /v1.50/containers/web/start
                """;
        assertEquals(expected, TraceRenderer.render(Traces.run()));
    }

    @Test
    void colourOnlyAddsEscapes() {
        String coloured = TraceRenderer.render(Traces.run(), Style.ANSI);
        assertNotEquals(TraceRenderer.render(Traces.run()), coloured);
        assertEquals(TraceRenderer.render(Traces.run()), coloured.replaceAll("\u001b\\[[0-9;]*m", ""));
    }

    @Test
    void emptyTraceIsEmptyText() {
        assertEquals("", TraceRenderer.render(Trace.empty()));
    }

    @Test
    void anEventWithoutEquivalentOrObjectIsOneShortLine() {
        Trace t = new Trace("ps", null, List.of(
                Traces.event(0, -1, Layer.CLIENT, null, "command", "", "listed", "", List.of())));
        assertEquals("[client] command — listed\n", TraceRenderer.render(t));
    }

    @Test
    void aLineThatDidNotRunIsShownAsTheCommentItIsWithoutThePrompt() {
        Trace t = new Trace("run", null, List.of(
                Traces.event(0, -1, Layer.RUNTIME, null, "runc start", "c1", "started", "# Docker would run: runc start c1", List.of()),
                Traces.event(1, 0, Layer.KERNEL, null, "execve", "sh", "ran", "execve(\"/bin/sh\")", List.of())));
        assertEquals("[runtime] runc start c1 — started\n│  # Docker would run: runc start c1\n"
                + "└─ [kernel] execve sh — ran\n      $ execve(\"/bin/sh\")\n", TraceRenderer.render(t));
    }

    @Test
    void deepTreesKeepTheGuidesOfUnfinishedAncestors() {
        Trace t = new Trace("x", null, List.of(
                Traces.event(0, -1, Layer.CLIENT, null, "a", "", "s", "", List.of()),
                Traces.event(1, 0, Layer.API, null, "b", "", "s", "", List.of()),
                Traces.event(2, 1, Layer.DAEMON, null, "c", "", "s", "", List.of()),
                Traces.event(3, 2, Layer.RUNTIME, null, "d", "", "s", "", List.of()),
                Traces.event(4, 0, Layer.API, null, "e", "", "s", "", List.of())));
        String text = TraceRenderer.render(t);
        assertTrue(text.contains("│  └─ [daemon] c — s\n│     └─ [runtime] d — s\n└─ [api] e — s\n"), text);
    }
}
