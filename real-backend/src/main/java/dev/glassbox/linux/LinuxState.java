package dev.glassbox.linux;

import dev.glassbox.kernel.CgroupLimits;
import dev.glassbox.kernel.CgroupStats;
import dev.glassbox.kernel.KernelState;
import dev.glassbox.kernel.NatRule;
import dev.glassbox.kernel.NsType;
import dev.glassbox.kernel.ProcessInfo;
import dev.glassbox.kernel.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Linux kernel's objects as a {@link KernelState}, keyed as the sim kernel keys them: what the
 * ledger says was made, with live facts read from the host (processes and mounts from /proc,
 * counters from the cgroup files, MAC addresses from /sys/class/net), the DNAT rules in the daemon's
 * nat chain and the ports its proxy listens on.
 */
final class LinuxState {
    private LinuxState() {}

    static KernelState read(Ledger ledger, Serialized processes, LinuxKernel.TrackedCgroups cgroups, List<NatRule> nat,
            List<NatRule> proxies) {
        List<Sandbox> sandboxes = processes.sandboxes();
        Map<String, KernelState.Namespace> namespaces = new TreeMap<>();
        Map<String, ProcessInfo> procs = new TreeMap<>();
        Map<String, KernelState.Mount> mounts = new TreeMap<>();
        Map<String, List<Integer>> byCgroup = new TreeMap<>();
        for (Sandbox sb : sandboxes) {
            List<ProcessInfo> list;
            try {
                list = processes.list(sb);
            } catch (RuntimeException e) {
                list = List.of();
            }
            for (ProcessInfo p : list) {
                procs.put(String.format("%07d", p.pid()), p);
                byCgroup.computeIfAbsent(p.cgroup(), c -> new ArrayList<>()).add(p.pid());
            }
            for (Map.Entry<NsType, Long> ns : sb.namespaces().entrySet()) {
                String type = ns.getKey().procName();
                namespaces.put(type + ":[" + ns.getValue() + "]", new KernelState.Namespace(type, ns.getValue(), sb.pid(), list.size()));
            }
            Long mnt = sb.namespaces().get(NsType.MNT);
            if (mnt != null) {
                for (KernelState.Mount m : mountInfo(sb.pid(), mnt)) {
                    mounts.put("mnt:[" + mnt + "]" + m.target(), m);
                }
            }
        }
        long hostMnt = inode("/proc/self/ns/mnt");
        synchronized (ledger) {
            ledger.overlays.forEach((target, opts) -> mounts.put(target, new KernelState.Mount(hostMnt, "overlay", "overlay", target, opts)));
        }
        Map<String, KernelState.Cgroup> groups = new TreeMap<>();
        for (Map.Entry<String, CgroupLimits> g : cgroups.made().entrySet()) {
            CgroupStats st;
            try {
                st = cgroups.stats(g.getKey());
            } catch (RuntimeException e) {
                st = new CgroupStats(0, 0, 0, 0, 0, 0);
            }
            List<Integer> members = new ArrayList<>();
            byCgroup.forEach((cg, pids) -> {
                if (cg.endsWith("/" + g.getKey()) || cg.equals("/" + g.getKey())) {
                    members.addAll(pids);
                }
            });
            groups.put(g.getKey(), new KernelState.Cgroup(g.getKey(), g.getValue(), st, members, cgroups.frozen(g.getKey())));
        }
        Map<String, KernelState.Link> links = new TreeMap<>();
        long hostNet = inode("/proc/self/ns/net");
        for (Ledger.LinkRecord r : ledger.links()) {
            Sandbox sb = r.sandbox() == null ? null : sandboxes.stream().filter(s -> s.id().equals(r.sandbox())).findFirst().orElse(null);
            if (r.sandbox() != null && sb == null) {
                continue;
            }
            long netns = sb == null ? hostNet : sb.namespaces().getOrDefault(NsType.NET, hostNet);
            String mac = sb == null ? LinuxKernel.read("/sys/class/net/" + r.name() + "/address").trim() : "";
            String peer = r.peer().contains("/") ? r.peer().substring(r.peer().indexOf('/') + 1) : r.peer();
            links.put(sb == null ? r.name() : netns + ":" + r.name(), new KernelState.Link(r.name(), netns, r.kind(),
                    r.master().isEmpty() ? null : r.master(), peer.isEmpty() ? null : peer, mac, r.up(), r.addresses()));
        }
        return new KernelState(namespaces, procs, groups, mounts, links, Map.of(), List.copyOf(nat), List.copyOf(proxies));
    }

    /** The mounts of a process's mount namespace, from /proc/PID/mountinfo. */
    static List<KernelState.Mount> mountInfo(int pid, long mntns) {
        List<KernelState.Mount> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/" + pid + "/mountinfo"));
        } catch (IOException | RuntimeException e) {
            return out;
        }
        for (String line : lines) {
            String[] f = line.split(" ");
            int dash = java.util.Arrays.asList(f).indexOf("-");
            if (f.length < 7 || dash < 0 || dash + 2 >= f.length) {
                continue;
            }
            String target = unescape(f[4]);
            out.add(new KernelState.Mount(mntns, f[dash + 1], unescape(f[dash + 2]), target, f[5]));
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    static long inode(String nsLink) {
        try {
            String t = Files.readSymbolicLink(Path.of(nsLink)).toString();
            return Long.parseLong(t.substring(t.indexOf('[') + 1, t.indexOf(']')));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
