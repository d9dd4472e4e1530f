package dev.glassbox.sim;

import dev.glassbox.kernel.CgroupEvents;
import dev.glassbox.kernel.CgroupFeature;
import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.CgroupStats;
import dev.glassbox.kernel.Cgroups;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.KernelState;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
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
        /** {@code path} from the hierarchy's root, as a process's cgroup is shown. */
        final String absolutePath;
        CgroupLimits limits;
        final Set<SimProcess> procs = new LinkedHashSet<>();
        long oomKills;
        long cpuMicros;
        boolean frozen;
        /** How the traced state last showed it, kept while it is unchanged. */
        KernelState.Cgroup view;

        Group(String path, CgroupLimits limits) {
            this.path = path;
            this.absolutePath = "/" + path;
            this.limits = limits;
        }

        long memory() {
            long n = 0;
            for (SimProcess p : procs) {
                n += p.rss();
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
        kernel.event(CgroupEvents.created(path, "mkdir " + MOUNT + "/" + path));
        groups.put(path, new Group(path, limits));
        kernel.edits.mark(dev.glassbox.trace.StatePart.CGROUPS);
        writeLimits(path, limits);
    }

    private void writeLimits(String path, CgroupLimits limits) {
        if (limits.memoryBytes() > 0) {
            kernel.event(CgroupEvents.memoryLimit(path, "memory.max", limits.memoryBytes(), Long.toString(limits.memoryBytes()),
                    file(path, "memory.max")));
        }
        if (limits.swapLimited()) {
            kernel.event(CgroupEvents.swapLimit(path, "memory.swap.max", true, limits, CgroupEvents.SwapSpace.NONE,
                    Long.toString(limits.swapOnlyBytes()), file(path, "memory.swap.max")));
        }
        if (limits.pidsMax() > 0) {
            kernel.event(CgroupEvents.pidsLimit(path, limits.pidsMax(), file(path, "pids.max")));
        }
        if (limits.cpuQuotaMicros() > 0) {
            kernel.event(CgroupEvents.cpuLimit(path, "cpu.max", limits.cpuQuotaMicros(), limits.cpuPeriodMicros(),
                    "echo \"" + limits.cpuQuotaMicros() + " " + limits.cpuPeriodMicros() + "\" > " + file(path, "cpu.max")));
        }
        if (!limits.cpusetCpus().isEmpty()) {
            kernel.event(CgroupEvents.cpusetLimit(path, limits.cpusetCpus(), file(path, "cpuset.cpus")));
        }
    }

    @Override
    public void update(String path, CgroupLimits limits) {
        group(path).limits = limits;
        kernel.edits.mark(dev.glassbox.trace.StatePart.CGROUPS);
        writeLimits(path, limits);
    }

    @Override
    public void attach(String path, int pid) {
        SimProcess p = kernel.process(pid);
        Group g = group(path);
        kernel.event(CgroupEvents.attach(path, pid, "echo " + pid + " > " + file(path, "cgroup.procs")));
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
            kernel.edits.mark(dev.glassbox.trace.StatePart.CGROUPS);
        }
        p.cgroup = g;
        kernel.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        g.procs.add(p);
        kernel.edits.mark(dev.glassbox.trace.StatePart.CGROUPS);
    }

    /** fork(): refused with EAGAIN when pids.max is reached. */
    void checkFork(Group g) {
        if (g != null && g.limits.pidsMax() > 0 && g.procs.size() >= g.limits.pidsMax()) {
            kernel.event(CgroupEvents.forkRefused(g.path, g.limits.pidsMax()));
            throw SysError.eagain();
        }
    }

    /** Charges memory; past memory.max the OOM killer ends the group's largest process. */
    void charge(SimProcess p, long bytes) {
        Group g = p.cgroup;
        p.rss(p.rss() + bytes);
        kernel.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        if (g == null || g.limits.memoryBytes() == 0 || g.memory() <= g.limits.memoryBytes()) {
            hostLimit(p);
            return;
        }
        SimProcess victim = p;
        for (SimProcess q : g.procs) {
            if (q.alive() && q.rss() > victim.rss()) {
                victim = q;
            }
        }
        g.oomKills++;
        kernel.edits.mark(dev.glassbox.trace.StatePart.CGROUPS);
        kernel.event(CgroupEvents.oomKill(g.path, g.memory(), g.limits.memoryBytes(), victim.pid, victim.programName, victim.rss() / 1024));
        victim.oomKilled = true;
        victim.rss(0);
        kernel.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        kernel.kill(victim, Signals.SIGKILL, true);
    }

    /** Past the host's memory, the kernel's OOM killer ends the host's largest process, wherever it is. */
    private void hostLimit(SimProcess p) {
        if (kernel.liveRss <= kernel.info().memTotal()) {
            return; // what the live processes hold is no more than that
        }
        long total = 0;
        SimProcess victim = p;
        for (SimProcess q : kernel.procList()) {
            if (q.alive()) {
                total += q.rss();
                victim = q.rss() > victim.rss() ? q : victim;
            }
        }
        if (total <= kernel.info().memTotal()) {
            return;
        }
        Group g = victim.cgroup;
        if (g != null) {
            g.oomKills++; // memory.events counts a kill by any OOM killer of a process in the group
            kernel.edits.mark(dev.glassbox.trace.StatePart.CGROUPS);
        }
        kernel.event(CgroupEvents.globalOomKill(g == null ? "/" : g.path, total, kernel.info().memTotal(), victim.pid, victim.programName,
                victim.rss() / 1024));
        victim.oomKilled = true;
        victim.rss(0);
        kernel.edits.mark(dev.glassbox.trace.StatePart.PROCESSES);
        kernel.kill(victim, Signals.SIGKILL, true);
    }

    @Override
    public CgroupStats stats(String path) {
        return group(path).stats();
    }

    @Override
    public void freeze(String path, boolean frozen) {
        Group g = group(path);
        kernel.event(CgroupEvents.freeze(path, frozen, frozen ? "1" : "0", file(path, "cgroup.freeze")));
        g.frozen = frozen;
        kernel.edits.mark(dev.glassbox.trace.StatePart.CGROUPS);
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
        kernel.event(CgroupEvents.removed(path, MOUNT + "/" + path));
        groups.remove(path);
        kernel.edits.mark(dev.glassbox.trace.StatePart.CGROUPS);
    }

    /** The cgroups as the traced state last showed them (the same map while none changed). */
    private final dev.glassbox.trace.SortedArrayMap.Kept<String, KernelState.Cgroup> shown = new dev.glassbox.trace.SortedArrayMap.Kept<>();

    Map<String, KernelState.Cgroup> state() {
        dev.glassbox.trace.SortedArrayMap.Kept<String, KernelState.Cgroup> out = shown;
        for (Group g : groups.values()) {
            if (!shownAsIs(g)) { // the view is kept while unchanged: shared by the trace's states
                List<Integer> pids = new ArrayList<>();
                for (SimProcess p : g.procs) {
                    pids.add(p.pid);
                }
                g.view = new KernelState.Cgroup(g.path, g.limits, g.stats(), List.copyOf(pids), g.frozen);
            }
            out.put(g.path, g.view);
        }
        return out.done();
    }

    /** Whether the group's kept view still shows it (checked field by field, without making a view to compare). */
    private static boolean shownAsIs(Group g) {
        KernelState.Cgroup v = g.view;
        if (v == null || v.frozen() != g.frozen || !v.limits().equals(g.limits) || v.procs().size() != g.procs.size()) {
            return false;
        }
        int i = 0;
        for (SimProcess p : g.procs) {
            if (v.procs().get(i++) != p.pid) {
                return false;
            }
        }
        CgroupStats s = v.stats();
        return s.memoryBytes() == g.memory() && s.cpuUsageMicros() == g.cpuMicros && s.oomKills() == g.oomKills
                && s.memoryLimit() == g.limits.memoryBytes() && s.pidsLimit() == g.limits.pidsMax() && s.pids() == g.procs.size();
    }
}
