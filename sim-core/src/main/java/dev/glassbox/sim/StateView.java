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
        return new ProcessInfo(p.pid, p.parent == null ? 0 : p.parent.pid, p.nsPids, p.uid, p.state.word,
                p.command(), p.cgroup == null ? "/" : p.cgroup.absolutePath, p.rss, p.startMillis);
    }

    static KernelState of(SimKernel k) {
        Map<String, KernelState.Mount> mounts = new TreeMap<>();
        mounts(k).forEach((key, m) -> mounts.put(key.toString(), m));
        return new KernelState(namespaces(k), processes(k), k.cgroups.state(), mounts, k.net.state(), routes(k), nat(k), proxies(k));
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
        Map<SimProcess, Seen> was = k.viewCache.processes;
        Map<SimProcess, Seen> now = new java.util.IdentityHashMap<>();
        for (SimProcess p : k.procList()) {
            if (p.state != SimProcess.State.DEAD) {
                Seen seen = was.get(p);
                if (seen == null || !seen.still(p)) {
                    seen = new Seen(p);
                }
                now.put(p, seen);
                processes.put(seen.key, seen.info);
            }
        }
        k.viewCache.processes = now;
        return processes;
    }

    /**
     * What the last read of the state made of the processes, reused while they are unchanged, so that a read of a
     * part mostly finds the same objects (and the trace's comparison stops at the first ==). Mounts, namespaces, links
     * and cgroups keep theirs on themselves.
     */
    static final class Cache {
        Map<SimProcess, Seen> processes = new java.util.IdentityHashMap<>();
    }

    /** A process as last read, with the fields its view comes from. */
    private static final class Seen {
        final String key;
        final ProcessInfo info;
        final List<String> argv;
        final String title;
        final SimCgroups.Group cgroup;
        final SimProcess.State state;
        final SimProcess parent;
        final long rss;
        final int uid;

        Seen(SimProcess p) {
            key = pidKey(p.pid);
            info = info(p);
            argv = p.argv == null ? null : List.copyOf(p.argv);
            title = p.title;
            cgroup = p.cgroup;
            state = p.state;
            parent = p.parent;
            rss = p.rss;
            uid = p.uid;
        }

        boolean still(SimProcess p) {
            return state == p.state && rss == p.rss && uid == p.uid && parent == p.parent && cgroup == p.cgroup
                    && java.util.Objects.equals(title, p.title) && java.util.Objects.equals(argv, p.argv);
        }
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
                    int count = m == null ? 0 : m[0];
                    KernelState.Namespace v = ns.view;
                    if (v == null || v.members() != count || v.creatorPid() != ns.creatorPid) {
                        ns.view = v = new KernelState.Namespace(ns.type.procName(), ns.inode, ns.creatorPid, count);
                    }
                    namespaces.put(ns.key(), v);
                }
            }
        }
        return namespaces;
    }

    /**
     * The overlay mounts of the host, and every mount of the containers' mount namespaces but their ext4 binds and the
     * host's own mounts they still hold: a new mount namespace starts as a copy of the host's (every other container's
     * root among them) until runc's pivot_root drops them, and those copies are shown once, as the host's.
     */
    static Map<MountKey, KernelState.Mount> mounts(SimKernel k) {
        Map<MountKey, KernelState.Mount> mounts = new TreeMap<>();
        Namespaces.Mnt host = k.hostNs.mnt();
        for (MountTable.Mount m : host.table.mounts) {
            if (m.type.equals("overlay")) {
                shown(mounts, m, host.inode, "");
            }
        }
        java.util.Set<MountTable.Mount> hostMounts = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        hostMounts.addAll(host.table.mounts);
        for (Namespaces.Set s : k.sandboxes.values()) {
            if (s.mnt() == host) {
                continue;
            }
            for (MountTable.Mount m : s.mnt().table.mounts) {
                if ((m.target.isEmpty() || !m.type.equals("ext4")) && !hostMounts.contains(m)) {
                    shown(mounts, m, s.mnt().inode, s.mnt().key());
                }
            }
        }
        return mounts;
    }

    /** A mount as the last read showed it, kept on the mount itself (a mount never changes; a remount is a new one). */
    private static void shown(Map<MountKey, KernelState.Mount> mounts, MountTable.Mount m, long inode, String prefix) {
        KernelState.Mount v = m.view;
        if (v == null || v.namespace() != inode) {
            String target = m.targetPath();
            m.viewKey = new MountKey(prefix, target);
            m.view = v = new KernelState.Mount(inode, m.type, m.source, target, m.options);
        }
        mounts.put(m.viewKey, v);
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
