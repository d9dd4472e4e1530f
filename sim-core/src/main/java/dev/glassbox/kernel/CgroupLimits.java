package dev.glassbox.kernel;

/**
 * Resource limits for a container's cgroup; 0 means unlimited. {@code cpuQuotaMicros} per
 * {@code cpuPeriodMicros} is what {@code --cpus} becomes.
 */
public record CgroupLimits(long memoryBytes, long pidsMax, long cpuQuotaMicros, long cpuPeriodMicros) {
    public static final CgroupLimits NONE = new CgroupLimits(0, 0, 0, 100_000);

    public CgroupLimits {
        if (memoryBytes < 0 || pidsMax < 0 || cpuQuotaMicros < 0 || cpuPeriodMicros <= 0) {
            throw new IllegalArgumentException("limits are never negative");
        }
    }
}
