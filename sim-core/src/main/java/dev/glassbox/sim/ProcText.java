package dev.glassbox.sim;

import java.util.List;

/** The text of procfs files, from the kernel's state. */
final class ProcText {
    static final List<String> GLOBAL = List.of("cpuinfo", "loadavg", "meminfo", "mounts", "sched_debug", "uptime", "version");
    static final List<String> PER_PROCESS = List.of("cgroup", "cmdline", "comm", "cwd", "environ", "fd", "gid_map", "mounts", "ns", "root", "stat", "status", "uid_map");

    private ProcText() {}

    static String global(SimKernel k, String name, SimProcess caller) {
        return switch (name) {
            case "meminfo" -> meminfo(k);
            case "uptime" -> {
                long ms = k.now() - k.bootMillis;
                yield String.format("%d.%02d %d.%02d%n", ms / 1000, (ms / 10) % 100, ms * 2 / 1000, (ms * 2 / 10) % 100);
            }
            case "loadavg" -> String.format("0.00 0.00 0.00 1/%d %d%n", k.procList().size(), k.lastPid());
            case "version" -> "Linux version " + k.info().release() + " (glassbox@sim) (gcc (Debian 12.2.0-14) 12.2.0) #1 SMP PREEMPT_DYNAMIC\n";
            case "cpuinfo" -> cpuinfo(k);
            case "mounts" -> caller == null ? "" : mounts(caller);
            case "sched_debug" -> schedDebug(k);
            default -> null;
        };
    }

    /**
     * The scheduler's view: every task of the machine with its host PID, whatever PID namespace the
     * reader is in. That is why runc masks this file in a container.
     */
    private static String schedDebug(SimKernel k) {
        StringBuilder sb = new StringBuilder("Sched Debug Version: v0.11, " + k.info().release() + " #1\n\nrunnable tasks:\n");
        sb.append(" S            task   PID\n").append("-".repeat(24)).append('\n');
        for (SimProcess p : k.procList()) {
            if (p.state != SimProcess.State.DEAD) {
                sb.append(' ').append(stateLetter(p)).append(' ');
                padded(sb, comm(p), 15).append(' ');
                padded(sb, Integer.toString(p.pid), 5).append(System.lineSeparator()); // as " %c %15s %5d%n" formats it
            }
        }
        return sb.toString();
    }

    /** {@code text} right-aligned in {@code width} columns, as %Ns formats it. */
    private static StringBuilder padded(StringBuilder sb, String text, int width) {
        for (int i = text.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb.append(text);
    }

    static String perProcess(SimKernel k, SimProcess p, String name, Namespaces.Pid viewer) {
        return switch (name) {
            case "cmdline" -> p.title != null ? p.title : p.argv == null ? "" : String.join("\0", p.argv) + "\0";
            case "comm" -> comm(p) + "\n";
            case "environ" -> p.env == null ? "" : String.join("\0", p.env) + (p.env.isEmpty() ? "" : "\0");
            case "status" -> status(p, viewer);
            case "stat" -> stat(k, p, viewer);
            case "cgroup" -> "0::" + cgroupPath(p) + "\n";
            case "mounts" -> mounts(p);
            default -> null;
        };
    }

    static String comm(SimProcess p) {
        String n = p.programName.isEmpty() && p.argv != null ? p.argv.get(0) : p.programName;
        if (p.argv != null && !p.argv.isEmpty()) {
            String a0 = p.argv.get(0);
            n = a0.substring(a0.lastIndexOf('/') + 1);
        }
        return n.length() > 15 ? n.substring(0, 15) : n;
    }

    /** The process's cgroup as its cgroup namespace shows it. */
    static String cgroupPath(SimProcess p) {
        String full = p.cgroup == null || p.cgroup.path.isEmpty() ? "/" : "/" + p.cgroup.path;
        String root = p.ns.cgroup().cgroupRoot;
        if (root.isEmpty()) {
            return full;
        }
        String prefix = "/" + root;
        return full.equals(prefix) ? "/" : full.startsWith(prefix + "/") ? full.substring(prefix.length()) : full;
    }

    private static char stateLetter(SimProcess p) {
        return switch (p.state) {
            case RUNNING -> 'R';
            case ZOMBIE, DEAD -> 'Z';
            default -> 'S';
        };
    }

    private static String stateWord(SimProcess p) {
        return switch (p.state) {
            case RUNNING -> "R (running)";
            case ZOMBIE, DEAD -> "Z (zombie)";
            default -> "S (sleeping)";
        };
    }

    private static int ppidIn(SimProcess p, Namespaces.Pid viewer) {
        return p.parent == null ? 0 : p.parent.pidIn(viewer);
    }

    private static String status(SimProcess p, Namespaces.Pid viewer) {
        StringBuilder nspid = new StringBuilder();
        for (int i = viewer.level(); i < p.nsPids.size(); i++) {
            nspid.append('\t').append(p.nsPids.get(i));
        }
        int pid = p.pidIn(viewer);
        return "Name:\t" + comm(p) + "\n"
                + "Umask:\t0022\n"
                + "State:\t" + stateWord(p) + "\n"
                + "Tgid:\t" + pid + "\n"
                + "Ngid:\t0\n"
                + "Pid:\t" + pid + "\n"
                + "PPid:\t" + ppidIn(p, viewer) + "\n"
                + "Uid:\t" + p.uid + "\t" + p.uid + "\t" + p.uid + "\t" + p.uid + "\n"
                + "Gid:\t" + p.gid + "\t" + p.gid + "\t" + p.gid + "\t" + p.gid + "\n"
                + "NSpid:" + nspid + "\n"
                + Capabilities.statusLines(p.uid == 0 ? p.capBnd : 0, p.capBnd)
                + "VmRSS:\t" + String.format("%8d", p.rss() / 1024) + " kB\n"
                + "Threads:\t1\n";
    }

    private static String stat(SimKernel k, SimProcess p, Namespaces.Pid viewer) {
        long startTicks = (p.startMillis - k.bootMillis) / 10;
        long pages = p.rss() / 4096;
        return p.pidIn(viewer) + " (" + comm(p) + ") " + stateLetter(p) + " " + ppidIn(p, viewer) + " " + p.pidIn(viewer) + " "
                + p.pidIn(viewer) + " 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 " + startTicks + " " + (p.rss() + 4096 * 256) + " " + pages
                + " 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
    }

    private static String meminfo(SimKernel k) {
        long total = k.info().memTotal() / 1024;
        long used = 0;
        for (SimProcess p : k.procList()) {
            used += p.rss();
        }
        long free = total - used / 1024 - total / 10;
        return String.format("MemTotal:       %8d kB%nMemFree:        %8d kB%nMemAvailable:   %8d kB%nBuffers:        %8d kB%nCached:         %8d kB%nSwapTotal:      %8d kB%nSwapFree:       %8d kB%n",
                total, free, free + total / 20, total / 100, total / 20, 0, 0);
    }

    private static String cpuinfo(SimKernel k) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < k.info().cpus(); i++) {
            sb.append("processor\t: ").append(i).append("\nvendor_id\t: GenuineIntel\nmodel name\t: glassbox virtual CPU\ncpu MHz\t\t: 2400.000\n\n");
        }
        return sb.toString();
    }

    static String mounts(SimProcess p) {
        StringBuilder sb = new StringBuilder();
        for (MountTable.Mount m : p.ns.mnt().table.mounts()) {
            sb.append(m.source).append(' ').append(m.targetPath()).append(' ').append(m.type).append(' ')
                    .append(m.options).append(" 0 0\n");
        }
        return sb.toString();
    }
}
