package dev.glassbox.sim;

import dev.glassbox.kernel.KernelState;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.ProcessInfo;
import dev.glassbox.trace.SortedArrayMap;
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
                p.command(), p.cgroup == null ? "/" : p.cgroup.absolutePath, p.rss(), p.startMillis);
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
        SortedArrayMap.Kept<String, ProcessInfo> processes = k.viewCache.processMap;
        for (SimProcess p : k.processesByPid()) {
            if (p.state != SimProcess.State.DEAD) {
                Seen seen = p.seen;
                if (seen == null || !seen.still(p)) {
                    p.seen = seen = new Seen(p);
                }
                processes.put(seen.key, seen.info);
            }
        }
        return processes.done();
    }

    /**
     * The maps the last reads of the processes and routes made, reused while they are unchanged, so that the trace's
     * comparison of two reads stops at the first == (each process keeps its own view, as mounts, namespaces, links
     * and cgroups do).
     */
    static final class Cache {
        final SortedArrayMap.Kept<String, ProcessInfo> processMap = new SortedArrayMap.Kept<>();
        final SortedArrayMap.Kept<String, String> routeMap = new SortedArrayMap.Kept<>();
        /**
         * How many times the namespaces were read (see Ns.countedAt), their order (see namespaces), and the network
         * namespaces' order (see containerNetNamespaces).
         */
        int namespaceReads;
        NamespaceOrder namespaceOrder;
        NetOrder netOrder;
    }

    /** A process as last read, with the fields its view comes from (kept on the process). */
    static final class Seen {
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
            rss = p.rss();
            uid = p.uid;
        }

        boolean still(SimProcess p) {
            return state == p.state && rss == p.rss() && uid == p.uid && parent == p.parent && cgroup == p.cgroup
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
        Namespaces.Set run = null; // processes next to each other by PID mostly share their namespaces: counted a run at a time
        int inRun = 0;
        for (SimProcess p : k.processesByPid()) {
            if (p.state == SimProcess.State.DEAD) {
                continue;
            }
            if (p.ns != run) {
                count(run, inRun, read);
                run = p.ns;
                inRun = 0;
            }
            inRun++;
        }
        count(run, inRun, read);
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

    private static final NsType[] NS_TYPES = NsType.values();

    /** Adds {@code n} members to each namespace of {@code set} (none: null), counting from zero at a new read. */
    private static void count(Namespaces.Set set, int n, int read) {
        if (set == null) {
            return;
        }
        for (NsType t : NS_TYPES) {
            Namespaces.Ns ns = set.get(t);
            if (ns.countedAt != read) {
                ns.countedAt = read;
                ns.count = 0;
            }
            ns.count += n;
        }
    }

    /** The engine's namespaces in the order of their keys, as of a count of sandbox changes. */
    record NamespaceOrder(int version, Object[] keys, Namespaces.Ns[] namespaces) {}

    /** The containers' network namespaces (not the host's) in the order of their keys, as of a count of sandbox changes. */
    record NetOrder(int version, List<SimNet.NetNs> namespaces) {}

    /**
     * The network namespaces but the host's, in the order of their keys ({@code net:[4026532001]}): the order their
     * links' and routes' keys sort in, so that the traced state's maps of them are made without sorting.
     */
    static List<SimNet.NetNs> containerNetNamespaces(SimKernel k) {
        NetOrder o = k.viewCache.netOrder;
        if (o == null || o.version() != k.sandboxesVersion) {
            List<SimNet.NetNs> all = k.netNamespaces();
            all.remove(k.hostNs.net());
            all.sort(java.util.Comparator.comparing(Namespaces.Ns::key));
            k.viewCache.netOrder = o = new NetOrder(k.sandboxesVersion, List.copyOf(all));
        }
        return o.namespaces();
    }

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
        SortedArrayMap.Kept<String, String> routes = k.viewCache.routeMap;
        List<SimNet.NetNs> all = new ArrayList<>(); // the host's first ("host …"), then the others ("net:[…] …"): the keys' order
        all.add(k.hostNs.net());
        all.addAll(containerNetNamespaces(k));
        for (SimNet.NetNs ns : all) {
            RouteViews v = ns.routesShown;
            if (v == null || !v.routes().equals(ns.routes)) {
                ns.routesShown = v = RouteViews.of(ns == k.hostNs.net() ? "host" : "net:[" + ns.inode + "]", ns.routes);
            }
            for (int i = 0; i < v.keys().length; i++) {
                routes.put(v.keys()[i], v.values()[i]);
            }
        }
        return routes.done();
    }

    /** A network namespace's routes as the state shows them, in key order, kept on it while its routes stay the same. */
    record RouteViews(List<Sys.Route> routes, String[] keys, String[] values) {
        static RouteViews of(String owner, List<Sys.Route> routes) {
            Map<String, String> shown = new TreeMap<>();
            for (Sys.Route r : routes) {
                // every container on a network shows the same route to it: one copy of each
                shown.put(owner + " " + r.destination(), ((r.gateway().isEmpty() ? "" : "via " + r.gateway() + " ") + "dev " + r.device()).intern());
            }
            return new RouteViews(List.copyOf(routes), shown.keySet().toArray(new String[0]), shown.values().toArray(new String[0]));
        }
    }

    static List<NatRule> nat(SimKernel k) {
        return List.copyOf(k.net.nat);
    }

    static List<NatRule> proxies(SimKernel k) {
        return List.copyOf(k.net.proxies);
    }
}
