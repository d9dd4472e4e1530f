package dev.glassbox.kernel;

/**
 * Resource limits for a container's cgroup; 0 means unlimited. {@code memorySwapBytes} is Docker's
 * MemorySwap, memory plus swap (0 = swap not limited). {@code cpuQuotaMicros} per
 * {@code cpuPeriodMicros} is what {@code --cpus} becomes; {@code cpuShares} is Docker's relative
 * weight ({@code -c}, 0 = the default 1024; cpu.weight on cgroup v2); {@code cpusetCpus} the CPUs the
 * group may run on ({@code --cpuset-cpus}, "" = all).
 */
public record CgroupLimits(long memoryBytes, long pidsMax, long cpuQuotaMicros, long cpuPeriodMicros, long cpuShares, String cpusetCpus,
                           long memorySwapBytes) {
    public static final CgroupLimits NONE = new CgroupLimits(0, 0, 0, 100_000);

    public CgroupLimits(long memoryBytes, long pidsMax, long cpuQuotaMicros, long cpuPeriodMicros) {
        this(memoryBytes, pidsMax, cpuQuotaMicros, cpuPeriodMicros, 0, "");
    }

    public CgroupLimits(long memoryBytes, long pidsMax, long cpuQuotaMicros, long cpuPeriodMicros, long cpuShares, String cpusetCpus) {
        this(memoryBytes, pidsMax, cpuQuotaMicros, cpuPeriodMicros, cpuShares, cpusetCpus, 0);
    }

    public CgroupLimits {
        cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
        if (memoryBytes < 0 || pidsMax < 0 || cpuQuotaMicros < 0 || cpuPeriodMicros <= 0 || cpuShares < 0 || memorySwapBytes < 0) {
            throw new IllegalArgumentException("limits are never negative");
        }
    }

    /** The CPUs of a machine with {@code total} of them the group may run on: those cpuset.cpus lists, or all ("0-2,4" style). */
    public java.util.BitSet cpus(int total) {
        java.util.BitSet out = new java.util.BitSet();
        if (cpusetCpus.isEmpty()) {
            out.set(0, total);
            return out;
        }
        for (String range : cpusetCpus.split(",")) {
            String[] ends = range.trim().split("-");
            int lo = Integer.parseInt(ends[0]);
            int hi = ends.length > 1 ? Integer.parseInt(ends[1]) : lo;
            out.set(lo, Math.min(hi, total - 1) + 1);
        }
        return out;
    }

    /** True when memory plus swap is capped (it needs a memory limit to be). */
    public boolean swapLimited() {
        return memorySwapBytes > 0 && memoryBytes > 0;
    }

    /** The swap the group may use on top of its memory: cgroup v2's memory.swap.max (0 when not {@link #swapLimited}). */
    public long swapOnlyBytes() {
        return swapLimited() ? Math.max(0, memorySwapBytes - memoryBytes) : 0;
    }

    /** cgroup v2's cpu.weight for the shares, as runc converts them (1024 → 100); 100 when unset. */
    public long cpuWeight() {
        return cpuShares == 0 ? 100 : 1 + ((Math.max(2, Math.min(262144, cpuShares)) - 2) * 9999) / 262142;
    }
}
