package dev.glassbox.sim;

import dev.glassbox.kernel.CgroupFeature;
import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.CgroupStats;
import dev.glassbox.kernel.Cgroups;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.KernelState;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import dev.glassbox.trace.Subsystem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A cgroup v2 hierarchy under the daemon's own cgroup. It charges each process's memory to its
 * group and enforces memory.max (the OOM killer picks the largest process) and pids.max (fork fails
 * with EAGAIN).
 */
final class SimCgroups implements Cgroups {
    static final String MOUNT = "/sys/fs/cgroup";

    static final class Group {
        final String path;
        CgroupLimits limits;
        final Set<SimProcess> procs = new LinkedHashSet<>();
        long oomKills;
        long cpuMicros;
        boolean frozen;

        Group(String path, CgroupLimits limits) {
            this.path = path;
            this.limits = limits;
        }

        long memory() {
            long n = 0;
            for (SimProcess p : procs) {
                n += p.rss;
            }
            return n;
        }

        CgroupStats stats() {
            return new CgroupStats(memory(), limits.memoryBytes(), procs.size(), limits.pidsMax(), cpuMicros, oomKills);
        }
    }

    private final SimKernel kernel;
    final TreeMap<String, Group> groups = new TreeMap<>();
    final Group root = new Group("", CgroupLimits.NONE);

    SimCgroups(SimKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public String version() {
        return "v2";
    }

    /** The sim host's cgroup2 tree offers cpuset and swap accounting (its machine has no swap to use, though). */
    @Override
    public Set<CgroupFeature> features() {
        return EnumSet.allOf(CgroupFeature.class);
    }

    private String file(String path, String name) {
        return MOUNT + "/" + path + "/" + name;
    }

    Group group(String path) {
        Group g = groups.get(path);
        if (g == null) {
            throw SysError.enoent();
        }
        return g;
    }

    @Override
    public void create(String path, CgroupLimits limits) {
        if (groups.containsKey(path)) {
            throw SysError.eexist();
        }
        kernel.event(Subsystem.CGROUP, "mkdir", path, "A new cgroup " + path + " is created; the container's processes will be charged to it.",
                "mkdir " + MOUNT + "/" + path);
        groups.put(path, new Group(path, limits));
        writeLimits(path, limits);
    }

    private void writeLimits(String path, CgroupLimits limits) {
        if (limits.memoryBytes() > 0) {
            kernel.event(Subsystem.CGROUP, "limit memory", path, "memory.max caps what the group may use at "
                    + limits.memoryBytes() + " bytes; past it the kernel's OOM killer ends a process.",
                    "echo " + limits.memoryBytes() + " > " + file(path, "memory.max"));
        }
        if (limits.swapLimited()) {
            kernel.event(Subsystem.CGROUP, "limit swap", path, "memory.swap.max lets the group swap out " + limits.swapOnlyBytes()
                    + " bytes beyond memory.max; this machine has no swap space, so in practice the group is held to memory.max alone.",
                    "echo " + limits.swapOnlyBytes() + " > " + file(path, "memory.swap.max"));
        }
        if (limits.pidsMax() > 0) {
            kernel.event(Subsystem.CGROUP, "limit pids", path, "pids.max caps the group at " + limits.pidsMax()
                    + " processes; fork() fails past it.", "echo " + limits.pidsMax() + " > " + file(path, "pids.max"));
        }
        if (limits.cpuQuotaMicros() > 0) {
            kernel.event(Subsystem.CGROUP, "limit cpu", path, "cpu.max gives the group " + limits.cpuQuotaMicros()
                    + "µs of CPU time per " + limits.cpuPeriodMicros() + "µs period.",
                    "echo \"" + limits.cpuQuotaMicros() + " " + limits.cpuPeriodMicros() + "\" > " + file(path, "cpu.max"));
        }
        if (!limits.cpusetCpus().isEmpty()) {
            kernel.event(Subsystem.CGROUP, "limit cpuset", path, "cpuset.cpus lets the group's processes run on CPUs " + limits.cpusetCpus()
                    + " only; the scheduler keeps them off the others, and sched_getaffinity tells them so.",
                    "echo " + limits.cpusetCpus() + " > " + file(path, "cpuset.cpus"));
        }
    }

    @Override
    public void update(String path, CgroupLimits limits) {
        group(path).limits = limits;
        writeLimits(path, limits);
    }

    @Override
    public void attach(String path, int pid) {
        SimProcess p = kernel.process(pid);
        Group g = group(path);
        kernel.event(Subsystem.CGROUP, "attach", path, "Process " + pid + " joins cgroup " + path
                + ", before it runs any of the container's code, so all it does is counted.",
                "echo " + pid + " > " + file(path, "cgroup.procs"));
        move(p, g);
        Namespaces.Plain cgroupNs = p.ns.cgroup();
        if (cgroupNs != kernel.hostNs.cgroup() && cgroupNs.cgroupRoot.isEmpty()) {
            // runc unshares the cgroup namespace after joining the cgroup: that cgroup becomes the container's "/"
            cgroupNs.cgroupRoot = path;
        }
    }

    void move(SimProcess p, Group g) {
        if (p.cgroup != null) {
            p.cgroup.procs.remove(p);
        }
        p.cgroup = g;
        g.procs.add(p);
    }

    /** fork(): refused with EAGAIN when pids.max is reached. */
    void checkFork(Group g) {
        if (g != null && g.limits.pidsMax() > 0 && g.procs.size() >= g.limits.pidsMax()) {
            kernel.event(Subsystem.CGROUP, "fork refused", g.path, "pids.max is " + g.limits.pidsMax()
                    + " and the group already has that many processes, so fork() fails with EAGAIN.", "fork() = -1 EAGAIN");
            throw SysError.eagain();
        }
    }

    /** Charges memory; past memory.max the OOM killer ends the group's largest process. */
    void charge(SimProcess p, long bytes) {
        Group g = p.cgroup;
        p.rss += bytes;
        if (g == null || g.limits.memoryBytes() == 0 || g.memory() <= g.limits.memoryBytes()) {
            return;
        }
        SimProcess victim = p;
        for (SimProcess q : g.procs) {
            if (q.alive() && q.rss > victim.rss) {
                victim = q;
            }
        }
        g.oomKills++;
        kernel.event(Subsystem.CGROUP, "oom kill", g.path, "The group needs " + g.memory() + " bytes but memory.max is "
                + g.limits.memoryBytes() + ": the OOM killer ends process " + victim.pid + " (" + victim.programName
                + "), the largest in the group.", "Memory cgroup out of memory: Killed process " + victim.pid
                + " (" + victim.programName + ") total-vm:" + victim.rss / 1024 + "kB");
        victim.oomKilled = true;
        victim.rss = 0;
        kernel.kill(victim, Signals.SIGKILL, true);
    }

    @Override
    public CgroupStats stats(String path) {
        return group(path).stats();
    }

    @Override
    public void freeze(String path, boolean frozen) {
        Group g = group(path);
        kernel.event(Subsystem.CGROUP, frozen ? "freeze" : "thaw", path, frozen
                ? "The freezer stops every process of the group where it is; none of them is scheduled until thawed."
                : "The freezer lets the group's processes run again.", "echo " + (frozen ? 1 : 0) + " > " + file(path, "cgroup.freeze"));
        g.frozen = frozen;
        if (!frozen) {
            g.procs.forEach(kernel.scheduler::makeRunnable);
        }
    }

    @Override
    public void remove(String path) {
        Group g = group(path);
        if (!g.procs.isEmpty()) {
            throw new SysError(Errno.EBUSY, "Device or resource busy");
        }
        kernel.event(Subsystem.CGROUP, "rmdir", path, "The empty cgroup " + path + " is removed.", "rmdir " + MOUNT + "/" + path);
        groups.remove(path);
    }

    Map<String, KernelState.Cgroup> state() {
        Map<String, KernelState.Cgroup> out = new TreeMap<>();
        for (Group g : groups.values()) {
            List<Integer> pids = new ArrayList<>();
            for (SimProcess p : g.procs) {
                pids.add(p.pid);
            }
            out.put(g.path, new KernelState.Cgroup(g.path, g.limits, g.stats(), pids, g.frozen));
        }
        return out;
    }
}
