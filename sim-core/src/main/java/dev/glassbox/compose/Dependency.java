package dev.glassbox.compose;

/** One {@code depends_on} entry: the service waited for, until what, and whether it must exist. */
record Dependency(String service, Condition condition, boolean required, boolean restart) {}
