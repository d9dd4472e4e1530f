package dev.glassbox.compose;

import java.util.Arrays;

/** What a {@code depends_on} entry waits for before the dependent service starts. */
enum Condition {
    STARTED("service_started"),
    HEALTHY("service_healthy"),
    COMPLETED("service_completed_successfully");

    final String word;

    Condition(String word) {
        this.word = word;
    }

    static Condition of(String word) {
        return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst().orElse(null);
    }
}
