package dev.glassbox.compose;

import java.util.List;

/** A service's {@code healthcheck}, durations as written ({@code 10s}); {@code test} in Docker's form. */
record HealthSpec(List<String> test, String interval, String timeout, String startPeriod, Integer retries, boolean disable) {
    HealthSpec {
        test = test == null ? List.of() : List.copyOf(test);
        interval = interval == null ? "" : interval;
        timeout = timeout == null ? "" : timeout;
        startPeriod = startPeriod == null ? "" : startPeriod;
    }
}
