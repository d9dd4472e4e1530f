package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Progress;
import dev.glassbox.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code docker logs -f}: at a console it follows as engine time passes; without one it says it does not. */
class LogFollowTest {
    private static final String TICKER = "docker run -d --name ticker busybox sh -c 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done'";
    private final Engine engine = Engine.sim();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void followsNewLinesUntilCtrlC() {
        assertEquals(0, engine.run(TICKER).exitStatus());
        ScriptedConsole console = new ScriptedConsole() {
            private boolean pressed;

            @Override
            public boolean interrupted() {
                boolean now = !pressed && output().contains("tick 4\n");
                pressed |= now;
                return now;
            }
        };
        Result r = engine.run("docker logs -f ticker", Progress.NONE, console);
        assertEquals(130, r.exitStatus(), r.text());
        assertTrue(console.output().contains("tick 1\ntick 2\ntick 3\ntick 4\n"), console.output());
        assertFalse(console.output().contains("tick 5"), console.output());
        assertEquals("true", engine.run("docker inspect -f '{{.State.Running}}' ticker").out().trim());
    }

    @Test
    void endsByItselfWhenTheContainerExits() {
        engine.run("docker run -d --name once busybox sh -c 'sleep 2; echo done'");
        ScriptedConsole console = new ScriptedConsole();
        Result r = engine.run("docker logs -f once", Progress.NONE, console);
        assertEquals(0, r.exitStatus(), r.text());
        assertEquals("done\n", console.output() + r.out());
    }

    @Test
    void withoutAConsoleItSaysItDoesNotFollow() {
        engine.run(TICKER);
        Result r = engine.run("docker logs -f ticker");
        assertEquals(0, r.exitStatus());
        assertEquals("glassbox: docker logs -f stops here: the container runs on and what it prints later is not followed\n", r.err());
    }
}
