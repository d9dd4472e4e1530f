package dev.glassbox.trace;

/** The kernel feature a kernel-layer event exercises. */
public enum Subsystem {
    NAMESPACE, CGROUP, UNIONFS, NETWORK, PROCESS;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
