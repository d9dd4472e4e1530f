package dev.glassbox.sim;

import dev.glassbox.kernel.KernelState;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.ProcessInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The sim kernel's objects as a {@link KernelState} value. */
final class StateView {
    private StateView() {}

    static ProcessInfo info(SimProcess p) {
        return new ProcessInfo(p.pid, p.parent == null ? 0 : p.parent.pid, p.nsPids, p.uid, p.state.name().toLowerCase(java.util.Locale.ROOT),
                p.command(), p.cgroup == null ? "/" : "/" + p.cgroup.path, p.rss, p.startMillis);
    }

    static KernelState of(SimKernel k) {
        Map<String, KernelState.Namespace> namespaces = new TreeMap<>();
        Map<Long, int[]> members = new TreeMap<>();
        Map<String, ProcessInfo> processes = new TreeMap<>();
        for (SimProcess p : k.procList()) {
            if (p.state == SimProcess.State.DEAD) {
                continue;
            }
            processes.put(String.format("%07d", p.pid), info(p));
            for (Namespaces.Ns ns : p.ns.all()) {
                members.computeIfAbsent(ns.inode, x -> new int[1])[0]++;
            }
        }
        List<Namespaces.Set> sets = new ArrayList<>(k.sandboxes.values());
        for (Namespaces.Set s : sets) {
            for (Namespaces.Ns ns : s.all()) {
                if (!k.hostNs.all().contains(ns)) {
                    int[] m = members.get(ns.inode);
                    namespaces.put(ns.type.procName() + ":[" + ns.inode + "]",
                            new KernelState.Namespace(ns.type.procName(), ns.inode, ns.creatorPid, m == null ? 0 : m[0]));
                }
            }
        }
        Map<String, KernelState.Mount> mounts = new TreeMap<>();
        for (MountTable.Mount m : k.hostNs.mnt().table.mounts) {
            if (m.type.equals("overlay")) {
                mounts.put(m.targetPath(), new KernelState.Mount(k.hostNs.mnt().inode, m.type, m.source, m.targetPath(), m.options));
            }
        }
        for (Namespaces.Set s : sets) {
            if (s.mnt() == k.hostNs.mnt()) {
                continue;
            }
            for (MountTable.Mount m : s.mnt().table.mounts) {
                if (m.target.isEmpty() || !m.type.equals("ext4")) {
                    mounts.put("mnt:[" + s.mnt().inode + "]" + m.targetPath(), new KernelState.Mount(s.mnt().inode, m.type, m.source, m.targetPath(), m.options));
                }
            }
        }
        Map<String, String> routes = new TreeMap<>();
        for (SimNet.NetNs ns : k.netNamespaces()) {
            for (Sys.Route r : ns.routes) {
                String key = (ns == k.hostNs.net() ? "host" : "net:[" + ns.inode + "]") + " " + r.destination();
                routes.put(key, (r.gateway().isEmpty() ? "" : "via " + r.gateway() + " ") + "dev " + r.device());
            }
        }
        return new KernelState(namespaces, processes, k.cgroups.state(), mounts, k.net.state(), routes, List.<NatRule>copyOf(k.net.nat),
                List.<NatRule>copyOf(k.net.proxies));
    }
}
