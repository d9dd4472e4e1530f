package dev.glassbox.repl;

import dev.glassbox.Result;
import dev.glassbox.lab.LabShell;
import dev.glassbox.lab.Lessons;
import dev.glassbox.lab.ProgressStore;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The REPL's side of the labs: the lessons (glassbox's own, or an author's folder), the student's
 * progress file under their home, and a {@link LabShell} built on first use, whose fresh engines come
 * from {@link Kernels} and become the REPL's engine.
 */
final class LabCommands {
    private final Supplier<Lessons> lessons;
    private final Path progressFile;
    private final Kernels kernels;
    private LabShell shell;

    LabCommands(Supplier<Lessons> lessons, Path progressFile, Kernels kernels) {
        this.lessons = lessons;
        this.progressFile = progressFile;
        this.kernels = kernels;
    }

    /** {@code $GLASSBOX_HOME/lab-progress.json}, or {@code ~/.glassbox/lab-progress.json} without GLASSBOX_HOME. */
    static Path defaultProgressFile() {
        String home = System.getenv("GLASSBOX_HOME");
        if (home == null || home.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".glassbox", "lab-progress.json");
        }
        return Path.of(home, "lab-progress.json");
    }

    private LabShell shell() {
        if (shell == null) {
            shell = new LabShell(lessons.get(), ProgressStore.file(progressFile), kernels::fresh, kernels::name, System::currentTimeMillis);
        }
        return shell;
    }

    Result execute(String line) {
        return shell().execute(line);
    }

    /** The lab's lines after an engine command (nothing outside a lesson). */
    String after() {
        return shell == null ? "" : shell.after();
    }

    /** {@code glassbox[run-flow 2/4]$ } in a lesson, {@code glassbox$ } otherwise. */
    String prompt() {
        String p = shell == null ? null : shell.prompt();
        return p == null ? Repl.PROMPT : "glassbox[" + p + "]$ ";
    }

    /** The kernel changes: the lesson, built on the old engine, ends (its progress stays). */
    String kernelChanged() {
        if (shell == null || shell.lab() == null) {
            return "";
        }
        String id = shell.lab().lesson().id();
        shell.execute("lab quit");
        return "glassbox: you left " + id + " (its engine is gone); `lab start " + id + "` comes back to it on this kernel\n";
    }
}
