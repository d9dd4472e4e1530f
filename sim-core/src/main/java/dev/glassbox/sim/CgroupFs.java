package dev.glassbox.sim;

import dev.glassbox.kernel.SysError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * cgroup2 as a container sees it at /sys/fs/cgroup: inside its cgroup namespace its own cgroup is the
 * root, and the interface files are generated on every read from that group's limits and counters
 * (memory.max, memory.current, cpu.max, pids.max, cgroup.procs, …). runc mounts it read-only.
 */
final class CgroupFs implements Fs {
    static final List<String> FILES = List.of("cgroup.controllers", "cgroup.events", "cgroup.freeze", "cgroup.procs", "cgroup.type",
            "cpu.max", "cpu.stat", "cpu.weight", "cpuset.cpus", "cpuset.cpus.effective", "memory.current", "memory.events", "memory.max",
            "memory.swap.current", "memory.swap.max", "pids.current", "pids.max");

    private final SimKernel kernel;
    private final Namespaces.Plain cgroupNs;

    CgroupFs(SimKernel kernel, Namespaces.Plain cgroupNs) {
        this.kernel = kernel;
        this.cgroupNs = cgroupNs;
    }

    @Override
    public String type() {
        return "cgroup2";
    }

    private SimCgroups.Group group() {
        SimCgroups.Group g = kernel.cgroups.groups.get(cgroupNs.cgroupRoot);
        return g == null ? kernel.cgroups.root : g;
    }

    private long ino(String name) {
        return 0x200000L + Math.floorMod((cgroupNs.cgroupRoot + "/" + name).hashCode(), 1 << 20);
    }

    @Override
    public Node lookup(List<String> rel) {
        if (rel.isEmpty()) {
            return new Node.Dir(ino(""), 0555, kernel.now());
        }
        if (rel.size() != 1) {
            return null;
        }
        String text = text(group(), rel.get(0));
        if (text == null) {
            return null;
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new Node.File(ino(rel.get(0)), rel.get(0).equals("cgroup.procs") || rel.get(0).endsWith(".max") ? 0644 : 0444, kernel.now(), b,
                b.length);
    }

    /** One interface file of the group, as the kernel formats it. */
    private String text(SimCgroups.Group g, String name) {
        var l = g.limits;
        int cpus = kernel.info().cpus();
        return switch (name) {
            case "cgroup.controllers" -> "cpuset cpu io memory pids\n";
            case "cgroup.type" -> "domain\n";
            case "cgroup.freeze" -> (g.frozen ? 1 : 0) + "\n";
            case "cgroup.events" -> "populated " + (g.procs.isEmpty() ? 0 : 1) + "\nfrozen " + (g.frozen ? 1 : 0) + "\n";
            case "cgroup.procs" -> procs(g);
            case "cpu.max" -> (l.cpuQuotaMicros() > 0 ? String.valueOf(l.cpuQuotaMicros()) : "max") + " " + l.cpuPeriodMicros() + "\n";
            case "cpu.weight" -> l.cpuWeight() + "\n";
            case "cpu.stat" -> "usage_usec " + g.cpuMicros + "\nuser_usec " + g.cpuMicros + "\nsystem_usec 0\n";
            case "cpuset.cpus" -> l.cpusetCpus() + "\n";
            case "cpuset.cpus.effective" -> (l.cpusetCpus().isEmpty() ? (cpus == 1 ? "0" : "0-" + (cpus - 1)) : l.cpusetCpus()) + "\n";
            case "memory.current" -> g.memory() + "\n";
            case "memory.max" -> (l.memoryBytes() > 0 ? String.valueOf(l.memoryBytes()) : "max") + "\n";
            case "memory.swap.current" -> "0\n";
            case "memory.swap.max" -> (l.swapLimited() ? String.valueOf(l.swapOnlyBytes()) : "max") + "\n";
            case "memory.events" -> "low 0\nhigh 0\nmax " + g.oomKills + "\noom " + g.oomKills + "\noom_kill " + g.oomKills + "\n";
            case "pids.current" -> g.procs.size() + "\n";
            case "pids.max" -> (l.pidsMax() > 0 ? String.valueOf(l.pidsMax()) : "max") + "\n";
            default -> null;
        };
    }

    /** The group's processes as the reader's PID namespace numbers them (0 for those it cannot see, as Linux prints). */
    private String procs(SimCgroups.Group g) {
        SimProcess reader = kernel.scheduler.current();
        StringBuilder sb = new StringBuilder();
        for (SimProcess p : g.procs) {
            if (p.alive()) {
                sb.append(reader == null ? p.pid : p.pidIn(reader.ns.pid())).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public SortedMap<String, Node> list(List<String> rel) {
        if (!rel.isEmpty()) {
            throw lookup(rel) == null ? SysError.enoent() : SysError.enotdir();
        }
        TreeMap<String, Node> out = new TreeMap<>();
        for (String f : FILES) {
            out.put(f, lookup(List.of(f)));
        }
        return out;
    }

    @Override
    public Node.Dir mkdir(List<String> rel, int mode) {
        throw SysError.erofs();
    }

    @Override
    public Node.File write(List<String> rel, byte[] data, boolean append, int mode) {
        throw SysError.erofs();
    }

    @Override
    public void symlink(List<String> rel, String target) {
        throw SysError.erofs();
    }

    @Override
    public void remove(List<String> rel) {
        throw SysError.erofs();
    }

    @Override
    public void chmod(List<String> rel, int mode) {
        throw SysError.erofs();
    }

    static List<String> path(List<String> sysTarget) {
        List<String> out = new ArrayList<>(sysTarget);
        out.add("fs");
        out.add("cgroup");
        return out;
    }
}
