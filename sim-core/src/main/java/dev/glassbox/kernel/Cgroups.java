package dev.glassbox.kernel;

/** Control groups, paths relative to the daemon's own cgroup ({@code docker/ID}). */
public interface Cgroups {
    /** {@code v1} or {@code v2}. */
    String version();

    /** The optional controls this host has; a setting that needs a missing one is discarded by the daemon. */
    java.util.Set<CgroupFeature> features();

    void create(String path, CgroupLimits limits);

    void update(String path, CgroupLimits limits);

    /** Moves a process into the cgroup (writes its pid to cgroup.procs). */
    void attach(String path, int pid);

    CgroupStats stats(String path);

    /** The freezer: pause and unpause. */
    void freeze(String path, boolean frozen);

    /** rmdir; the cgroup must be empty. */
    void remove(String path);
}
