package dev.glassbox.repl;

import dev.glassbox.Engine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;

/**
 * A short, silent REPL session that loads the classes a real one needs. The launcher runs it once
 * under {@code -XX:ArchiveClassesAtExit} so later starts map those classes from a CDS archive.
 */
final class CdsTraining {
    private static final String SESSION = String.join("\n",
            "help",
            "docker run -d --name cds -p 8080:80 nginx",
            "docker ps -a",
            "trace",
            "trace --json",
            "state",
            "kernel",
            "step docker stop c\t",
            "",
            "b",
            "q",
            "docker rm cds",
            "exit",
            "");

    private CdsTraining() {}

    static int run() throws IOException {
        Path history = Files.createTempFile("glassbox-cds", ".history");
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        try (LazyEngine engine = LazyEngine.start(Engine::sim);
                Terminal terminal = new DumbTerminal(
                        new ByteArrayInputStream(SESSION.getBytes(StandardCharsets.UTF_8)), OutputStream.nullOutputStream())) {
            new Repl(terminal, history, engine, nowhere).run();
            return 0;
        } finally {
            Files.deleteIfExists(history);
        }
    }
}
