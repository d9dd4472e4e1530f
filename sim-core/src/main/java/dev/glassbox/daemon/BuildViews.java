package dev.glassbox.daemon;

import dev.glassbox.image.Healthcheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The image config's VOLUMEs and HEALTHCHECK as {@code docker image inspect} shows them (Go's JSON of the config). */
final class BuildViews {
    private BuildViews() {}

    static Map<String, Object> volumes(List<String> volumes) {
        if (volumes.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new TreeMap<>();
        volumes.forEach(v -> out.put(v, Map.of()));
        return out;
    }

    /** Zero durations and retries are left out, as Go's omitempty does. */
    static Map<String, Object> healthcheck(Healthcheck h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Test", h.test());
        if (h.intervalNanos() != 0) {
            out.put("Interval", h.intervalNanos());
        }
        if (h.timeoutNanos() != 0) {
            out.put("Timeout", h.timeoutNanos());
        }
        if (h.startPeriodNanos() != 0) {
            out.put("StartPeriod", h.startPeriodNanos());
        }
        if (h.startIntervalNanos() != 0) {
            out.put("StartInterval", h.startIntervalNanos());
        }
        if (h.retries() != 0) {
            out.put("Retries", h.retries());
        }
        return out;
    }
}
