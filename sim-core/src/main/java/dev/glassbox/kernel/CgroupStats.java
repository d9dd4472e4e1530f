package dev.glassbox.kernel;

/** A cgroup's counters, as memory.current / pids.current / cpu.stat report them. */
public record CgroupStats(long memoryBytes, long memoryLimit, long pids, long pidsLimit, long cpuUsageMicros, long oomKills) {}
