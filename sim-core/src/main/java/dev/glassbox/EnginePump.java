package dev.glassbox;

import dev.glassbox.api.DockerException;
import dev.glassbox.client.Pump;
import dev.glassbox.daemon.Daemon;
import java.util.Map;

/**
 * The engine's side of an interactive command: {@value #TICK_MILLIS} ms pass between the client's looks
 * at the console, and the client's pending wait is answered from the daemon's own view, without a
 * request in the trace for every look (one wait request, at the end, stands for it there).
 */
final class EnginePump implements Pump {
    static final long TICK_MILLIS = 20;

    private final Engine engine;
    private final Daemon daemon;

    EnginePump(Engine engine, Daemon daemon) {
        this.engine = engine;
        this.daemon = daemon;
    }

    @Override
    public void advance() {
        engine.advance(TICK_MILLIS);
    }

    @Override
    public boolean stopped(String container) {
        try {
            return !(daemon.inspectContainer(container).get("State") instanceof Map<?, ?> state
                    && Boolean.TRUE.equals(state.get("Running")));
        } catch (DockerException e) {
            return true;
        }
    }

    @Override
    public boolean execEnded(String execId) {
        try {
            return !daemon.execInspect(execId).running();
        } catch (DockerException e) {
            return true;
        }
    }
}
