package dev.glassbox.web;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A visualizer on port 0 with a data directory of its own for each test, stopped after it (javalin-testtools' way). */
abstract class StartedServer {
    @TempDir
    Path data;
    Visualizer web;

    @BeforeEach
    void start() {
        web = Visualizer.start(Visualizer.Options.defaults().withPort(0).withDataDir(data));
    }

    @AfterEach
    void stop() {
        web.close();
    }
}
