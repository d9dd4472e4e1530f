package dev.glassbox.daemon;

import dev.glassbox.kernel.CgroupFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What dockerd's verifyPlatformContainerResources does with a setting whose controller the host
 * lacks: it accepts the container, discards the setting and says so in a warning, in its words and
 * order (swap, then cpuset). {@code memorySwap} -1 afterwards means swap is not limited.
 */
record Discarded(long memorySwap, String cpusetCpus, List<String> warnings) {
    static final String SWAP = "Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.";
    static final String CPUSET = "Your kernel does not support cpuset or the cpuset cgroup is not mounted. Cpuset discarded.";

    static Discarded check(long memory, long memorySwap, String cpusetCpus, Set<CgroupFeature> host) {
        List<String> warnings = new ArrayList<>();
        long swap = memorySwap;
        String cpuset = cpusetCpus;
        if (memory > 0 && memorySwap != -1 && !host.contains(CgroupFeature.SWAP_LIMIT)) {
            warnings.add(SWAP);
            swap = -1;
        }
        if (!cpusetCpus.isEmpty() && !host.contains(CgroupFeature.CPUSET)) {
            warnings.add(CPUSET);
            cpuset = "";
        }
        return new Discarded(swap, cpuset, List.copyOf(warnings));
    }

    /** docker info's warnings for the same missing controllers (daemon/info_unix.go). */
    static List<String> infoWarnings(Set<CgroupFeature> host) {
        List<String> out = new ArrayList<>();
        if (!host.contains(CgroupFeature.SWAP_LIMIT)) {
            out.add("WARNING: No swap limit support");
        }
        if (!host.contains(CgroupFeature.CPUSET)) {
            out.add("WARNING: No cpuset support");
        }
        return out;
    }
}
