package dev.glassbox.kernel;

import static dev.glassbox.kernel.KernelEvent.echo;

import dev.glassbox.trace.Subsystem;

/**
 * The cgroup steps both kernels record. The sentences are the same on both; what differs is passed
 * in: the control file's name (cgroup v1 or v2) and the host path it lives at, or the whole command
 * where the kernels carry the step out differently.
 */
public final class CgroupEvents {
    private CgroupEvents() {
    }

    private static KernelEvent of(String action, String path, String sentence, String equivalent) {
        return new KernelEvent(Subsystem.CGROUP, action, path, sentence, equivalent);
    }

    /** mkdir of the group's directory; {@code command} makes it (and enables controllers where v2 needs it). */
    public static KernelEvent created(String path, String command) {
        return of("mkdir", path, "A new cgroup " + path + " is created; the container's processes will be charged to it.", command);
    }

    /** memory.max or memory.limit_in_bytes; {@code bytes} 0 lifts the limit. */
    public static KernelEvent memoryLimit(String path, String file, long bytes, String value, String hostFile) {
        return of("limit memory", path, bytes > 0
                ? file + " caps what the group may use at " + bytes + " bytes; past it the kernel's OOM killer ends a process."
                : file + " is set back to no limit.", echo(value, hostFile));
    }

    /** Whether the host has swap space for a swap limit to matter. */
    public enum SwapSpace { NONE, HOST }

    /**
     * memory.swap.max (v2, the swap alone) or memory.memsw.limit_in_bytes (v1, memory and swap
     * together); {@code limits} not swap-limited lifts it.
     */
    public static KernelEvent swapLimit(String path, String file, boolean v2, CgroupLimits limits, SwapSpace space,
            String value, String hostFile) {
        String sentence;
        if (!limits.swapLimited()) {
            sentence = file + " is set back to no limit: the group may swap out as much as the host's swap holds.";
        } else if (v2 && space == SwapSpace.NONE) {
            sentence = file + " lets the group swap out " + limits.swapOnlyBytes()
                    + " bytes beyond memory.max; this machine has no swap space, so in practice the group is held to memory.max alone.";
        } else if (v2) {
            sentence = file + " lets the group swap out " + limits.swapOnlyBytes() + " bytes beyond memory.max (Docker's --memory-swap less --memory).";
        } else {
            sentence = file + " caps memory and swap together at " + limits.memorySwapBytes() + " bytes, so the group may swap out "
                    + limits.swapOnlyBytes() + " bytes beyond its memory limit.";
        }
        return of("limit swap", path, sentence, echo(value, hostFile));
    }

    /** pids.max; {@code pids} 0 lifts the limit. */
    public static KernelEvent pidsLimit(String path, long pids, String hostFile) {
        return of("limit pids", path, pids > 0
                ? "pids.max caps the group at " + pids + " processes; fork() fails past it."
                : "pids.max is set back to no limit.", echo(pids > 0 ? Long.toString(pids) : "max", hostFile));
    }

    /** cpu.max or cpu.cfs_quota_us ({@code file}); {@code quota} 0 lifts the limit; {@code command} writes it. */
    public static KernelEvent cpuLimit(String path, String file, long quota, long period, String command) {
        return of("limit cpu", path, quota > 0
                ? file + " gives the group " + quota + "µs of CPU time per " + period + "µs period."
                : "The group's CPU time is set back to no limit.", command);
    }

    /** cpu.weight (v2, default 100) or cpu.shares (v1, default 1024). */
    public static KernelEvent cpuWeight(String path, String file, String value, int defaultValue, String hostFile) {
        return of("cpu weight", path, file + " gives the group a relative share of the CPU when it is contended: " + value
                + " (" + defaultValue + " is the default).", echo(value, hostFile));
    }

    /** cpuset.cpus. */
    public static KernelEvent cpusetLimit(String path, String cpus, String hostFile) {
        return of("limit cpuset", path, "cpuset.cpus lets the group's processes run on CPUs " + cpus
                + " only; the scheduler keeps them off the others, and sched_getaffinity tells them so.", echo(cpus, hostFile));
    }

    /** The process is moved into the group by its parent (runc writes its pid to cgroup.procs). */
    public static KernelEvent attach(String path, int pid, String command) {
        return of("attach", path, "Process " + pid + " joins cgroup " + path
                + ", before it runs any of the container's code, so all it does is counted.", command);
    }

    /** The process moves itself in, by writing 0 to each v1 hierarchy's tasks file. */
    public static KernelEvent attachItself(String path, int pid, String command) {
        return of("attach", path, "Process " + pid + " moves itself into cgroup " + path
                + " before it runs any of the container's code, so all it does is counted."
                + " A single thread that writes 0 to each hierarchy's tasks file needs no global lock;"
                + " writing its pid to cgroup.procs would wait for the kernel's RCU grace period.",
                command + "   (run by process " + pid + " itself)");
    }

    /** fork() refused at pids.max. */
    public static KernelEvent forkRefused(String path, long pidsMax) {
        return of("fork refused", path, "pids.max is " + pidsMax
                + " and the group already has that many processes, so fork() fails with EAGAIN.", "fork() = -1 EAGAIN");
    }

    /** The memory cgroup's OOM killer ends the largest process; the equivalent is the kernel log line. */
    public static KernelEvent oomKill(String path, long needed, long memoryMax, int pid, String program, long totalVmKb) {
        return of("oom kill", path, "The group needs " + needed + " bytes but memory.max is " + memoryMax
                + ": the OOM killer ends process " + pid + " (" + program + "), the largest in the group.",
                "Memory cgroup out of memory: Killed process " + pid + " (" + program + ") total-vm:" + totalVmKb + "kB");
    }

    /** The host ran out of memory (no group limit was reached first): the kernel's OOM killer ends the largest process of the host. */
    public static KernelEvent globalOomKill(String path, long needed, long memTotal, int pid, String program, long totalVmKb) {
        return of("oom kill", path, "The host's processes need " + needed + " bytes but it has " + memTotal
                + ": the OOM killer ends process " + pid + " (" + program + "), the largest on the host.",
                "Out of memory: Killed process " + pid + " (" + program + ") total-vm:" + totalVmKb + "kB");
    }

    /** cgroup.freeze (v2) or freezer.state (v1) written with {@code value}. */
    public static KernelEvent freeze(String path, boolean frozen, String value, String hostFile) {
        return of(frozen ? "freeze" : "thaw", path, frozen
                ? "The freezer stops every process of the group where it is; none of them is scheduled until thawed."
                : "The freezer lets the group's processes run again.", echo(value, hostFile));
    }

    /** rmdir of the empty group; {@code hostDirs} its directories, one per v1 hierarchy. */
    public static KernelEvent removed(String path, String hostDirs) {
        return of("rmdir", path, "The empty cgroup " + path + " is removed.", "rmdir " + hostDirs);
    }
}
