package dev.glassbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.api.Api;
import dev.glassbox.trace.Trace;
import java.util.List;

/** Placeholder while the client package lands; replaced by the wired engine. */
public final class Engine implements AutoCloseable {
    private Engine() {}

    public static Engine sim() {
        throw new IllegalStateException("wiring in progress");
    }

    public static Engine sim(long seed) {
        throw new IllegalStateException("wiring in progress");
    }

    public static Engine sim(long seed, boolean captureState) {
        throw new IllegalStateException("wiring in progress");
    }

    public Result run(String line) {
        return run(line, Progress.NONE);
    }

    public Result run(String line, Progress progress) {
        throw new IllegalStateException("wiring in progress");
    }

    public Trace lastTrace() {
        throw new IllegalStateException("wiring in progress");
    }

    public JsonNode state() {
        throw new IllegalStateException("wiring in progress");
    }

    public Api api() {
        throw new IllegalStateException("wiring in progress");
    }

    public List<String> containerNames() {
        throw new IllegalStateException("wiring in progress");
    }

    public List<String> imageNames() {
        throw new IllegalStateException("wiring in progress");
    }

    public String kernelName() {
        throw new IllegalStateException("wiring in progress");
    }

    @Override
    public void close() {}
}
