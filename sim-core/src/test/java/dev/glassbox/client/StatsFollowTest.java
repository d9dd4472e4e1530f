package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Progress;
import dev.glassbox.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code docker stats}: at a console it streams a reading every half second until Ctrl-C; without one it says it does not. */
class StatsFollowTest {
    private final Engine engine = Engine.sim();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void streamsReadingsAsTheDockerCliDrawsThemUntilCtrlC() {
        assertEquals(0, engine.run("docker run -d --name web nginx").exitStatus());
        String table = engine.run("docker stats --no-stream").out();
        ScriptedConsole console = new ScriptedConsole() {
            private boolean pressed;

            @Override
            public boolean interrupted() {
                boolean now = !pressed && output().split("\033\\[J", -1).length > 3;
                pressed |= now;
                return now;
            }
        };
        Result r = engine.run("docker stats", Progress.NONE, console);
        assertEquals(130, r.exitStatus(), r.text());
        String[] frames = console.output().split("\033\\[J", -1);
        assertEquals(4, frames.length, console.output());
        StringBuilder drawn = new StringBuilder("\033[H" + table);
        for (String line : ("\033[H" + table).split("\n", -1)) {
            drawn.append(line).append(" \033[K\n");
        }
        assertEquals(drawn.toString(), frames[0], "home, the table, the table again with each line erased to its end");
        assertTrue(frames[1].contains(" web "), frames[1]);
        assertEquals("", frames[3]);
    }

    @Test
    void withoutAConsoleItShowsOneReadingAndSaysItDoesNotFollow() {
        engine.run("docker run -d --name web nginx");
        Result r = engine.run("docker stats");
        assertEquals(0, r.exitStatus());
        assertTrue(r.out().startsWith("CONTAINER ID   NAME      CPU %"), r.out());
        assertEquals("glassbox: docker stats stops here: the containers run on and their usage later is not followed\n", r.err());
        assertEquals("", engine.run("docker stats --no-stream").err());
    }

    @Test
    void aMissingContainerIsAnErrorBeforeAnyStream() {
        Result r = engine.run("docker stats nosuch", Progress.NONE, new ScriptedConsole());
        assertEquals(1, r.exitStatus());
        assertEquals("Error response from daemon: No such container: nosuch\n", r.err());
    }
}
