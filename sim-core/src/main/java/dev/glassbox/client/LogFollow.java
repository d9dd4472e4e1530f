package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.Api.LogLine;
import dev.glassbox.api.DockerException;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code docker logs -f} at the user's console: what the container prints from now on shows as engine
 * time passes, until it stops (the CLI's stream ends) or the user presses Ctrl-C (the CLI exits 130).
 */
final class LogFollow {
    private final Session s;
    private final String container;
    private final Consumer<LogLine> show;
    private int seen;

    /** {@code seen}: how many of the container's lines were shown already. */
    LogFollow(Session s, String container, int seen, Consumer<LogLine> show) {
        this.s = s;
        this.container = container;
        this.seen = seen;
        this.show = show;
    }

    /**
     * One request, as the CLI's {@code GET /containers/{id}/logs?follow=1} is one stream: the lines so far,
     * then an attachment to the running container's output, drained as engine time passes (no request per tick).
     */
    int run() {
        String id = String.valueOf(s.api.inspectContainer(container).get("Id"));
        boolean running = s.api.containers(false).stream().anyMatch(c -> c.id().equals(id));
        showSoFar();
        s.showOnConsole();
        if (!running) {
            return 0;
        }
        Api.Attachment a = s.api.attach(id, Api.AttachOptions.OUTPUT);
        s.console.open(false);
        try {
            while (true) {
                a.drain().forEach(show);
                s.showOnConsole();
                if (a.ended()) {
                    return 0;
                }
                s.console.read(Interaction.TICK_MILLIS); // docker logs reads no keys
                if (s.console.interrupted()) {
                    return Interaction.INTERRUPTED_STATUS;
                }
                s.pump.advance();
            }
        } finally {
            a.close();
            s.showOnConsole();
            s.console.close();
        }
    }

    private void showSoFar() {
        List<LogLine> all;
        try {
            all = s.api.logs(container, true, true, "all", false);
        } catch (DockerException e) {
            return; // removed meanwhile: the stream ends
        }
        for (LogLine l : all.subList(Math.min(seen, all.size()), all.size())) {
            show.accept(l);
        }
        seen = all.size();
    }
}
