package dev.glassbox.sim;

import dev.glassbox.kernel.KernelState;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.ProcessInfo;
import dev.glassbox.trace.StatePart;
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
        return new KernelState(namespaces(k), processes(k), k.cgroups.state(), mounts(k), k.net.state(), routes(k), nat(k), proxies(k));
    }

    /** One part of the state, read alone. */
    static Object part(SimKernel k, StatePart part) {
        switch (part) {
            case NAMESPACES: return namespaces(k);
            case PROCESSES: return processes(k);
            case CGROUPS: return k.cgroups.state();
            case MOUNTS: return mounts(k);
            case LINKS: return k.net.state();
            case ROUTES: return routes(k);
            case NAT: return nat(k);
            case PROXIES: return proxies(k);
            default: throw new IllegalArgumentException("not a kernel part: " + part);
        }
    }

    static Map<String, ProcessInfo> processes(SimKernel k) {
        Map<String, ProcessInfo> processes = new TreeMap<>();
        for (SimProcess p : k.procList()) {
            if (p.state != SimProcess.State.DEAD) {
                processes.put(pidKey(p.pid), info(p));
            }
        }
        return processes;
    }

    /** A pid as a key that sorts as a number: seven digits, zero-padded. */
    static String pidKey(int pid) {
        String s = Integer.toString(pid);
        return s.length() >= 7 ? s : "0000000".substring(s.length()) + s;
    }

    /** The namespaces the engine made (the host's own left out), each with how many live processes are in it. */
    static Map<String, KernelState.Namespace> namespaces(SimKernel k) {
        Map<String, KernelState.Namespace> namespaces = new TreeMap<>();
        Map<Long, int[]> members = new java.util.HashMap<>();
        for (SimProcess p : k.procList()) {
            if (p.state == SimProcess.State.DEAD) {
                continue;
            }
            for (Namespaces.Ns ns : p.ns.all()) {
                members.computeIfAbsent(ns.inode, x -> new int[1])[0]++;
            }
        }
        List<Namespaces.Ns> hostNs = k.hostNs.all();
        for (Namespaces.Set s : k.sandboxes.values()) {
            for (Namespaces.Ns ns : s.all()) {
                if (!hostNs.contains(ns)) {
                    int[] m = members.get(ns.inode);
                    namespaces.put(ns.type.procName() + ":[" + ns.inode + "]",
                            new KernelState.Namespace(ns.type.procName(), ns.inode, ns.creatorPid, m == null ? 0 : m[0]));
                }
            }
        }
        return namespaces;
    }

    /** The overlay mounts of the host, and every mount of the containers' mount namespaces but their ext4 binds. */
    static Map<String, KernelState.Mount> mounts(SimKernel k) {
        Map<String, KernelState.Mount> mounts = new TreeMap<>();
        for (MountTable.Mount m : k.hostNs.mnt().table.mounts) {
            if (m.type.equals("overlay")) {
                mounts.put(m.targetPath(), new KernelState.Mount(k.hostNs.mnt().inode, m.type, m.source, m.targetPath(), m.options));
            }
        }
        for (Namespaces.Set s : k.sandboxes.values()) {
            if (s.mnt() == k.hostNs.mnt()) {
                continue;
            }
            for (MountTable.Mount m : s.mnt().table.mounts) {
                if (m.target.isEmpty() || !m.type.equals("ext4")) {
                    mounts.put("mnt:[" + s.mnt().inode + "]" + m.targetPath(), new KernelState.Mount(s.mnt().inode, m.type, m.source, m.targetPath(), m.options));
                }
            }
        }
        return mounts;
    }

    static Map<String, String> routes(SimKernel k) {
        Map<String, String> routes = new TreeMap<>();
        for (SimNet.NetNs ns : k.netNamespaces()) {
            for (Sys.Route r : ns.routes) {
                String key = (ns == k.hostNs.net() ? "host" : "net:[" + ns.inode + "]") + " " + r.destination();
                routes.put(key, (r.gateway().isEmpty() ? "" : "via " + r.gateway() + " ") + "dev " + r.device());
            }
        }
        return routes;
    }

    static List<NatRule> nat(SimKernel k) {
        return List.copyOf(k.net.nat);
    }

    static List<NatRule> proxies(SimKernel k) {
        return List.copyOf(k.net.proxies);
    }
}
