package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Progress;
import dev.glassbox.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code docker compose up} attached and {@code docker compose logs -f} at a console: they follow as engine time passes. */
class ComposeFollowTest {
    private static final String TICKER = """
            services:
              clock:
                image: busybox
                command: ["sh", "-c", "i=0; while true; do i=$$((i+1)); echo tick $$i; sleep 1; done"]
            """;
    private static final String ONCE = """
            services:
              hello:
                image: busybox
                command: ["sh", "-c", "sleep 2; echo hello from compose"]
            """;

    private Engine engine;
    private MemoryWorkspace files;

    /** A person who watches the console and presses Ctrl-C once it shows {@code text}. */
    private static final class CtrlCOn extends ScriptedConsole {
        private final String text;
        private boolean pressed;

        CtrlCOn(String text) {
            this.text = text;
        }

        @Override
        public boolean interrupted() {
            if (!pressed && output().contains(text)) {
                pressed = true;
                return true;
            }
            return false;
        }
    }

    @BeforeEach
    void start() {
        engine = Engine.sim();
        files = new MemoryWorkspace("/home/student/app");
        engine.workspace(files);
        engine.run("docker pull -q busybox");
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void logsFollowsEachNewLineUntilCtrlC() {
        files.put("/home/student/app/compose.yaml", TICKER);
        assertEquals(0, engine.run("docker compose up -d").exitStatus());
        CtrlCOn console = new CtrlCOn("clock-1  | tick 4\n");
        Result r = engine.run("docker compose logs -f", Progress.NONE, console);
        assertEquals(130, r.exitStatus(), r.text());
        String screen = console.output();
        assertTrue(screen.contains("clock-1  | tick 1\nclock-1  | tick 2\nclock-1  | tick 3\nclock-1  | tick 4\n"), screen);
        assertFalse(screen.contains("tick 5"), "Ctrl-C ends it at once:\n" + screen);
        assertFalse(r.text().contains("not followed"), r.text());
        assertEquals("running", engine.run("docker inspect -f '{{.State.Status}}' app-clock-1").out().trim(), "logs -f leaves them running");
    }

    @Test
    void logsWithoutAConsoleSaysItDoesNotFollow() {
        files.put("/home/student/app/compose.yaml", TICKER);
        engine.run("docker compose up -d");
        Result r = engine.run("docker compose logs -f");
        assertEquals(0, r.exitStatus());
        assertTrue(r.err().contains("glassbox: docker compose logs -f stops here"), r.err());
    }

    @Test
    void attachedUpEndsWithTheExitLineWhenTheServiceExits() {
        files.put("/home/student/app/compose.yaml", ONCE);
        ScriptedConsole console = new ScriptedConsole();
        Result r = engine.run("docker compose up", Progress.NONE, console);
        assertEquals(0, r.exitStatus(), r.text());
        String screen = console.output() + r.text();
        assertTrue(screen.contains("Attaching to hello-1\nhello-1  | hello from compose\nhello-1 exited with code 0\n"), screen);
        assertEquals("exited", engine.run("docker inspect -f '{{.State.Status}}' app-hello-1").out().trim());
    }

    @Test
    void ctrlCDuringAttachedUpStopsTheContainersGracefully() {
        files.put("/home/student/app/compose.yaml", TICKER);
        CtrlCOn console = new CtrlCOn("clock-1  | tick 3\n");
        Result r = engine.run("docker compose up", Progress.NONE, console);
        assertEquals(130, r.exitStatus(), r.text());
        String screen = console.output() + r.text();
        assertTrue(screen.contains("clock-1  | tick 3\nGracefully stopping... (press Ctrl+C again to force)\n[+] Stopping 1/1\n"
                + " ✔ Container app-clock-1  Stopped"), screen);
        assertTrue(screen.contains("Stopped                                         10.0s"), "sh as PID 1 ignores SIGTERM: killed after 10s\n" + screen);
        assertTrue(screen.contains("clock-1  | tick 12\n"), "what it prints while it is being stopped still shows\n" + screen);
        assertTrue(screen.endsWith("clock-1 exited with code 137\n"), screen);
        assertEquals("exited", engine.run("docker inspect -f '{{.State.Status}}' app-clock-1").out().trim());
    }

    /** Presses Ctrl-C when the console shows {@code first}, and again when it shows {@code second}. */
    private static final class CtrlCTwice extends ScriptedConsole {
        private final String first;
        private final String second;
        private int pressed;

        CtrlCTwice(String first, String second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public boolean interrupted() {
            if (pressed < 2 && output().contains(pressed == 0 ? first : second)) {
                pressed++;
                return true;
            }
            return false;
        }
    }

    @Test
    void aSecondCtrlCWhileStoppingKillsAtOnce() {
        files.put("/home/student/app/compose.yaml", TICKER);
        CtrlCTwice console = new CtrlCTwice("clock-1  | tick 3\n", "Gracefully stopping");
        Result r = engine.run("docker compose up", Progress.NONE, console);
        assertEquals(130, r.exitStatus(), r.text());
        String screen = console.output() + r.text();
        assertTrue(screen.contains("Gracefully stopping... (press Ctrl+C again to force)\n[+] Stopping 1/1\n"
                + " ✔ Container app-clock-1  Stopped                                          0.0s \n"), "killed, not waited for\n" + screen);
        assertFalse(screen.contains("tick 4"), screen);
        assertTrue(screen.endsWith("clock-1 exited with code 137\n"), screen);
    }
}
