package dev.glassbox.kernel;

/**
 * Resource controls a host's cgroups may or may not offer beyond memory, pids and CPU time: what
 * dockerd's sysinfo probes ({@code Cpuset}, {@code SwapLimit}) before it accepts a setting or
 * discards it with a warning.
 */
public enum CgroupFeature {
    /** The cpuset controller: {@code --cpuset-cpus} (cpuset.cpus). */
    CPUSET,
    /** Memory plus swap accounting: {@code --memory-swap} (v1 memory.memsw.limit_in_bytes, v2 memory.swap.max). */
    SWAP_LIMIT
}
