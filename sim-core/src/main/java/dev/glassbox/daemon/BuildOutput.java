package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.kernel.ExitStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A RUN step's build container, followed while it runs: what the process writes reaches the build's
 * output as it comes (moby attaches to the container before it starts it), not when the step ends.
 */
final class BuildOutput {
    /** How long the builder waits for the process before it hands on what it wrote meanwhile. */
    static final long SLICE_MILLIS = 50;

    private BuildOutput() {}

    /** Starts {@code ctr}, passes its output on to {@code out} as it is written, and answers its exit code (-1 if it outlived the cap). */
    static int follow(Daemon d, Container ctr, Consumer<String> out) {
        List<Api.LogLine> buffer = new ArrayList<>();
        ctr.attachments.add(buffer);
        try {
            d.lifecycle.start(ctr);
            int pid = ctr.pid;
            long deadline = d.kernel.currentTimeMillis() + Daemon.WAIT_CAP_MILLIS;
            Optional<ExitStatus> exit = Optional.empty();
            while (exit.isEmpty() && d.kernel.currentTimeMillis() < deadline) {
                exit = d.tasks.waitExit(pid, SLICE_MILLIS);
                if (exit.isEmpty()) {
                    d.kernel.idle(0); // a kernel that reports output on its own threads hands it over here
                }
                pass(buffer, out);
            }
            pass(buffer, out);
            return exit.map(ExitStatus::code).orElse(-1);
        } finally {
            ctr.attachments.remove(buffer);
        }
    }

    private static void pass(List<Api.LogLine> buffer, Consumer<String> out) {
        List<Api.LogLine> lines = new ArrayList<>(buffer);
        buffer.clear();
        for (Api.LogLine l : lines) {
            out.accept(l.text());
        }
    }
}
