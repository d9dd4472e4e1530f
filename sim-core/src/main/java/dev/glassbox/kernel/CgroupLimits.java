package dev.glassbox.kernel;

/**
 * Resource limits for a container's cgroup; 0 means unlimited. {@code cpuQuotaMicros} per
 * {@code cpuPeriodMicros} is what {@code --cpus} becomes; {@code cpuShares} is Docker's relative
 * weight ({@code -c}, 0 = the default 1024; cpu.weight on cgroup v2); {@code cpusetCpus} the CPUs the
 * group may run on ({@code --cpuset-cpus}, "" = all).
 */
public record CgroupLimits(long memoryBytes, long pidsMax, long cpuQuotaMicros, long cpuPeriodMicros, long cpuShares, String cpusetCpus) {
    public static final CgroupLimits NONE = new CgroupLimits(0, 0, 0, 100_000);

    public CgroupLimits(long memoryBytes, long pidsMax, long cpuQuotaMicros, long cpuPeriodMicros) {
        this(memoryBytes, pidsMax, cpuQuotaMicros, cpuPeriodMicros, 0, "");
    }

    public CgroupLimits {
        cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
        if (memoryBytes < 0 || pidsMax < 0 || cpuQuotaMicros < 0 || cpuPeriodMicros <= 0 || cpuShares < 0) {
            throw new IllegalArgumentException("limits are never negative");
        }
    }

    /** cgroup v2's cpu.weight for the shares, as runc converts them (1024 → 100); 100 when unset. */
    public long cpuWeight() {
        return cpuShares == 0 ? 100 : 1 + ((Math.max(2, Math.min(262144, cpuShares)) - 2) * 9999) / 262142;
    }
}
