package dev.glassbox.trace;

/** The boxes of Docker's architecture, top to bottom; every trace event belongs to one. */
public enum Layer {
    CLIENT, API, DAEMON, REGISTRY, RUNTIME, KERNEL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
