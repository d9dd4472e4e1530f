package dev.glassbox.kernel;

import java.util.Map;

/**
 * A container's init process, cloned into its namespaces and held before execve (runc's "created"
 * state). {@code namespaces} maps each kind to the namespace's inode number, as {@code ls -l
 * /proc/PID/ns} shows it. Everything the runtime sets up afterwards refers to this handle.
 */
public record Sandbox(String id, int pid, Map<NsType, Long> namespaces) {
    public Sandbox {
        namespaces = Map.copyOf(namespaces);
    }
}
