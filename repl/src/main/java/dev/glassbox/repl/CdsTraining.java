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

    /** Classes of a real terminal that a training run without one would not load. */
    private static final String[] TERMINAL_CLASSES = {
        "org.jline.terminal.impl.PosixSysTerminal",
        "org.jline.terminal.impl.AbstractPosixTerminal",
        "org.jline.terminal.impl.jni.JniNativePty",
        "org.jline.terminal.impl.jni.linux.LinuxNativePty",
        "org.jline.terminal.impl.jni.linux.LinuxNativePty$1",
        "org.jline.terminal.impl.AbstractPty",
        "org.jline.terminal.impl.AbstractPty$PtyInputStream",
        "org.jline.nativ.CLibrary",
        "org.jline.nativ.CLibrary$Termios",
        "org.jline.nativ.CLibrary$WinSize",
        "org.jline.utils.Signals",
        "org.jline.utils.FastBufferedOutputStream",
        "org.jline.utils.ShutdownHooks",
        "org.jline.utils.ShutdownHooks$Task",
        "org.jline.terminal.impl.exec.ExecTerminalProvider",
        "org.jline.terminal.impl.exec.ExecPty",
    };

    static int run() throws IOException {
        try (Terminal system = SystemTerminal.open()) {
            system.getType();
        }
        for (String name : TERMINAL_CLASSES) {
            try {
                Class.forName(name, false, CdsTraining.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // another JLine version: that class is simply not archived
            }
        }
        Path history = Files.createTempFile("glassbox-cds", ".history");
        PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        try (LazyEngine engine = new LazyEngine(Engine::sim);
                Terminal terminal = new DumbTerminal("cds", "xterm-256color",
                        new ByteArrayInputStream(SESSION.getBytes(StandardCharsets.UTF_8)), OutputStream.nullOutputStream(),
                        StandardCharsets.UTF_8)) {
            new Repl(terminal, history, engine, nowhere).run();
            return 0;
        } finally {
            Files.deleteIfExists(history);
        }
    }
}
