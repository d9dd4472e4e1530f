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
        /** How many times the namespaces were read (see Ns.countedAt), and their order (see namespaces). */
        int namespaceReads;
        NamespaceOrder namespaceOrder;
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

    /**
     * The namespaces the engine made (the host's own left out), each with how many live processes are in it. The
     * members are counted on the namespaces themselves; the namespaces in key order are kept until a sandbox is
     * added or released.
     */
    static Map<String, KernelState.Namespace> namespaces(SimKernel k) {
        int read = ++k.viewCache.namespaceReads;
        for (SimProcess p : k.procList()) {
            if (p.state == SimProcess.State.DEAD) {
                continue;
            }
            for (Namespaces.Ns ns : p.ns.all()) {
                if (ns.countedAt != read) {
                    ns.countedAt = read;
                    ns.count = 0;
                }
                ns.count++;
            }
        }
        NamespaceOrder order = k.viewCache.namespaceOrder;
        if (order == null || order.version() != k.sandboxesVersion) {
            Map<String, Namespaces.Ns> byKey = new TreeMap<>();
            List<Namespaces.Ns> hostNs = k.hostNs.all();
            for (Namespaces.Set s : k.sandboxes.values()) {
                for (Namespaces.Ns ns : s.all()) {
                    if (!hostNs.contains(ns)) {
                        byKey.put(ns.key(), ns);
                    }
                }
            }
            order = new NamespaceOrder(k.sandboxesVersion, byKey.keySet().toArray(), byKey.values().toArray(new Namespaces.Ns[0]));
            k.viewCache.namespaceOrder = order;
        }
        Object[] views = new Object[order.namespaces().length];
        for (int i = 0; i < views.length; i++) {
            Namespaces.Ns ns = order.namespaces()[i];
            int count = ns.countedAt == read ? ns.count : 0;
            KernelState.Namespace v = ns.view;
            if (v == null || v.members() != count || v.creatorPid() != ns.creatorPid) {
                ns.view = v = new KernelState.Namespace(ns.type.procName(), ns.inode, ns.creatorPid, count);
            }
            views[i] = v;
        }
        return new SortedArrayMap<>(order.keys(), views);
    }

    /** The engine's namespaces in the order of their keys, as of a count of sandbox changes. */
    record NamespaceOrder(int version, Object[] keys, Namespaces.Ns[] namespaces) {}

    /**
     * The overlay mounts of the host, and every mount of the containers' mount namespaces but their ext4 binds and the
     * host's own mounts they still hold: a new mount namespace starts as a copy of the host's (every other container's
     * root among them) until runc's pivot_root drops them, and those copies are shown once, as the host's.
     */
    static Map<MountKey, KernelState.Mount> mounts(SimKernel k) {
        Namespaces.Mnt host = k.hostNs.mnt();
        java.util.function.Supplier<java.util.Set<MountTable.Mount>> hostMounts = new dev.glassbox.registry.Lazy<>(() -> {
            java.util.Set<MountTable.Mount> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            all.addAll(host.table.mounts());
            return all;
        });
        List<Run> runs = new ArrayList<>();
        runs.add(run(host, host, hostMounts));
        java.util.Set<MountTable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.add(host.table);
        for (Namespaces.Set s : k.sandboxes.values()) {
            if (seen.add(s.mnt().table)) {
                runs.add(run(s.mnt(), host, hostMounts));
            }
        }
        return joined(runs);
    }

    /**
     * A mount table's mounts as the state shows them, in key order, under their namespace's {@code prefix}, with the
     * versions of the table and of the host's table they were read at. The run is kept on the table while the table
     * stays as it was, and, when it still held some of the host's mounts (a new container's copy before pivot_root),
     * while the host's stays too. (The host's table never takes a mount object from another table, so a table holding
     * none of the host's mounts does not depend on it.)
     */
    private record Run(String prefix, Object[] keys, Object[] values, boolean holdsHostMounts, int version, int hostVersion) {}

    /** The host's overlay mounts; for a container's table, its mounts but its ext4 binds and the host's it still holds. */
    private static Run run(Namespaces.Mnt mnt, Namespaces.Mnt host, java.util.function.Supplier<java.util.Set<MountTable.Mount>> hostMounts) {
        MountTable t = mnt.table;
        int hostVersion = host.table.version();
        if (t.shown instanceof Run r && r.version() == t.version() && (!r.holdsHostMounts() || r.hostVersion() == hostVersion)) {
            return r;
        }
        boolean isHost = mnt == host;
        String prefix = isHost ? "" : mnt.key();
        Map<MountKey, KernelState.Mount> shown = new TreeMap<>();
        boolean held = false;
        for (MountTable.Mount m : t.mounts()) {
            if (isHost) {
                if (m.type.equals("overlay")) {
                    shown(shown, m, mnt.inode, prefix);
                }
            } else if (hostMounts.get().contains(m)) {
                held = true;
            } else if (m.target.isEmpty() || !m.type.equals("ext4")) {
                shown(shown, m, mnt.inode, prefix);
            }
        }
        Run r = new Run(prefix, shown.keySet().toArray(), shown.values().toArray(), held, t.version(), hostVersion);
        t.shown = r;
        return r;
    }

    /**
     * The runs as one map. Each namespace's keys share its prefix, so its run sorts as one block; the blocks are put
     * in order of their first keys, and any overlap (never seen) falls back to a tree.
     */
    @SuppressWarnings("unchecked")
    private static Map<MountKey, KernelState.Mount> joined(List<Run> runs) {
        runs.removeIf(r -> r.keys().length == 0);
        runs.sort((a, b) -> a.prefix().compareTo(b.prefix())); // a prefix orders its block (the joins are checked below)
        int n = 0;
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            if (i > 0) {
                Object[] before = runs.get(i - 1).keys();
                if (((MountKey) before[before.length - 1]).compareTo((MountKey) r.keys()[0]) >= 0) {
                    Map<MountKey, KernelState.Mount> tree = new TreeMap<>();
                    for (Run x : runs) {
                        for (int j = 0; j < x.keys().length; j++) {
                            tree.put((MountKey) x.keys()[j], (KernelState.Mount) x.values()[j]);
                        }
                    }
                    return tree;
                }
            }
            n += r.keys().length;
        }
        Object[] keys = new Object[n];
        Object[] values = new Object[n];
        int at = 0;
        for (Run r : runs) {
            System.arraycopy(r.keys(), 0, keys, at, r.keys().length);
            System.arraycopy(r.values(), 0, values, at, r.values().length);
            at += r.keys().length;
        }
        return new SortedArrayMap<>(keys, values);
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
