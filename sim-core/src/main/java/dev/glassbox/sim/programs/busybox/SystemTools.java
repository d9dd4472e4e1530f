package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import dev.glassbox.sim.programs.Clock;
import dev.glassbox.sim.programs.Tool;
import dev.glassbox.sim.programs.Users;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Applets about the system as the process sees it: id, hostname, uname, date, free, mount, df, nproc, uptime. */
final class SystemTools {
    private SystemTools() {}

    static int id(Tool t) {
        Opts o = Opts.parse("ugGnr", t.args);
        if (o.invalid(t)) {
            return 1;
        }
        Users u = t.users();
        int uid = t.sys.getuid();
        int gid = t.sys.getgid();
        String name = u.user(uid);
        Set<Integer> groups = new LinkedHashSet<>();
        groups.add(gid);
        if (name != null) {
            groups.addAll(u.memberOf(name));
        }
        boolean names = o.has('n');
        if (o.has('u')) {
            t.outln(names ? u.userOr(uid) : Integer.toString(uid));
        } else if (o.has('g')) {
            t.outln(names ? u.groupOr(gid) : Integer.toString(gid));
        } else if (o.has('G')) {
            List<String> out = new ArrayList<>();
            groups.forEach(g -> out.add(names ? u.groupOr(g) : Integer.toString(g)));
            t.outln(String.join(" ", out));
        } else {
            StringBuilder sb = new StringBuilder("uid=").append(uid).append(paren(u.user(uid)))
                    .append(" gid=").append(gid).append(paren(u.group(gid))).append(" groups=");
            List<String> gs = new ArrayList<>();
            groups.forEach(g -> gs.add(g + paren(u.group(g))));
            t.outln(sb.append(String.join(",", gs)).toString());
        }
        return 0;
    }

    private static String paren(String name) {
        return name == null ? "" : "(" + name + ")";
    }

    static int whoami(Tool t) {
        int uid = t.sys.getuid();
        String name = t.users().user(uid);
        if (name == null) {
            return t.fail("unknown uid " + uid);
        }
        t.outln(name);
        return 0;
    }

    static int hostname(Tool t) {
        Opts o = Opts.parse("sifdF:", t.args);
        if (o.invalid(t)) {
            return 1;
        }
        if (!o.operands.isEmpty()) {
            try {
                t.sys.sethostname(o.operands.get(0));
                return 0;
            } catch (SysError e) {
                return t.fail("sethostname: " + e.getMessage());
            }
        }
        String name = t.sys.gethostname();
        if (o.has('i')) {
            List<String> addrs = Hosts.lookup(t.sys, name);
            if (addrs.isEmpty()) {
                return t.fail(name + ": Unknown host");
            }
            t.outln(String.join(" ", addrs));
        } else if (o.has('s')) {
            t.outln(name.split("\\.")[0]);
        } else {
            t.outln(name);
        }
        return 0;
    }

    static int uname(Tool t) {
        Opts o = Opts.parse("asnrvmpio", t.args);
        if (o.invalid(t)) {
            return 1;
        }
        Sys.Uname u = t.sys.uname();
        boolean all = o.has('a');
        List<String> parts = new ArrayList<>();
        if (all || o.has('s') || o.operands.size() + t.args.size() == 0) {
            parts.add(u.sysname());
        }
        if (all || o.has('n')) {
            parts.add(u.nodename());
        }
        if (all || o.has('r')) {
            parts.add(u.release());
        }
        if (all || o.has('v')) {
            parts.add(u.version());
        }
        if (all || o.has('m')) {
            parts.add(u.machine());
        }
        if (!all && o.has('p')) {
            parts.add("unknown");
        }
        if (!all && o.has('i')) {
            parts.add("unknown");
        }
        if (all || o.has('o')) {
            parts.add("GNU/Linux");
        }
        if (parts.isEmpty()) {
            parts.add(u.sysname());
        }
        t.outln(String.join(" ", parts));
        return 0;
    }

    static int date(Tool t) {
        long now = t.sys.timeMillis();
        String format = null;
        for (String a : t.args) {
            if (a.startsWith("+")) {
                format = a.substring(1);
            } else if (a.equals("-R")) {
                format = "%a, %d %b %Y %H:%M:%S +0000";
            } else if (a.startsWith("-I")) {
                format = "%Y-%m-%d";
            } else if (!a.equals("-u") && !a.equals("--utc")) {
                return t.fail("invalid date '" + a + "'");
            }
        }
        t.outln(format == null ? Clock.date(now) : Clock.strftime(format, now));
        return 0;
    }

    static int free(Tool t) {
        Opts o = Opts.parse("bkmgh", t.args);
        Map<String, String> m;
        try {
            m = ProcFs.fields(t.sys.readText("/proc/meminfo"));
        } catch (SysError e) {
            return t.fail("can't open '/proc/meminfo': " + e.getMessage());
        }
        long total = ProcFs.kb(m.get("MemTotal"));
        long free = ProcFs.kb(m.get("MemFree"));
        long cache = ProcFs.kb(m.get("Buffers")) + ProcFs.kb(m.get("Cached")) + ProcFs.kb(m.get("SReclaimable"));
        long avail = m.containsKey("MemAvailable") ? ProcFs.kb(m.get("MemAvailable")) : free + cache;
        long swapTotal = ProcFs.kb(m.get("SwapTotal"));
        long swapFree = ProcFs.kb(m.get("SwapFree"));
        long div = o.has('m') ? 1024 : o.has('g') ? 1024 * 1024 : 1;
        long mul = o.has('b') ? 1024 : 1;
        StringBuilder sb = new StringBuilder(String.format("%-7s%12s%12s%12s%12s%12s%12s%n", "", "total", "used", "free",
                "shared", "buff/cache", "available"));
        sb.append(String.format("%-7s%12d%12d%12d%12d%12d%12d%n", "Mem:", total * mul / div,
                Math.max(0, total - free - cache) * mul / div, free * mul / div, ProcFs.kb(m.get("Shmem")) * mul / div,
                cache * mul / div, avail * mul / div));
        sb.append(String.format("%-7s%12d%12d%12d%n", "Swap:", swapTotal * mul / div, (swapTotal - swapFree) * mul / div,
                swapFree * mul / div));
        t.out(sb.toString());
        return 0;
    }

    static int mount(Tool t) {
        if (!t.args.isEmpty()) {
            Opts o = Opts.parse("t:o:rw", t.args);
            List<String> ops = o.operands;
            String source = ops.isEmpty() ? "" : ops.get(0);
            String target = ops.size() > 1 ? ops.get(1) : "";
            try {
                t.sys.mount(source, target, o.get('t', ""));
                return 0;
            } catch (SysError e) {
                if (e.errno() == Errno.EPERM) {
                    return t.fail("permission denied (are you root?)");
                }
                t.io.err("mount: mounting " + source + " on " + target + " failed: " + e.getMessage() + "\n");
                return 255;
            }
        }
        try {
            for (String line : t.sys.readText("/proc/mounts").split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4) {
                    t.outln(f[0] + " on " + f[1] + " type " + f[2] + " (" + f[3] + ")");
                }
            }
            return 0;
        } catch (SysError e) {
            return t.fail("can't read '/proc/mounts': " + e.getMessage());
        }
    }

    /** The simulator has no statfs(2), so df can name the filesystems but not their sizes. */
    static int df(Tool t) {
        List<String[]> mounts = new ArrayList<>();
        try {
            for (String line : t.sys.readText("/proc/mounts").split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3 && !Set.of("proc", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue").contains(f[2])) {
                    mounts.add(f);
                }
            }
        } catch (SysError e) {
            return t.fail("can't read '/proc/mounts': " + e.getMessage());
        }
        t.outln("Filesystem           1K-blocks      Used Available Use% Mounted on");
        for (String[] f : mounts) {
            t.err(f[1] + ": Function not implemented");
        }
        return mounts.isEmpty() ? 0 : 1;
    }

    /** busybox nproc counts the CPUs sched_getaffinity allows (a cpuset narrows them); --all counts the machine's. */
    static int nproc(Tool t) {
        if (!t.sys.argv().contains("--all")) {
            try {
                t.outln(Integer.toString(t.sys.schedGetaffinity()));
                return 0;
            } catch (SysError e) {
                if (e.errno() != Errno.ENOSYS) {
                    return t.fail(e.getMessage());
                }
            }
        }
        try {
            int n = 0;
            for (String line : t.sys.readText("/proc/cpuinfo").split("\n")) {
                if (line.startsWith("processor")) {
                    n++;
                }
            }
            t.outln(Integer.toString(Math.max(n, 1)));
            return 0;
        } catch (SysError e) {
            return t.fail("can't open '/proc/cpuinfo': " + e.getMessage());
        }
    }

    static int uptime(Tool t) {
        try {
            long up = (long) Double.parseDouble(t.sys.readText("/proc/uptime").trim().split("\\s+")[0]);
            String[] load = t.sys.readText("/proc/loadavg").trim().split("\\s+");
            long days = up / 86400;
            long hours = (up / 3600) % 24;
            long mins = (up / 60) % 60;
            StringBuilder sb = new StringBuilder(" ").append(Clock.strftime("%H:%M:%S", t.sys.timeMillis())).append(" up ");
            if (days > 0) {
                sb.append(days).append(days == 1 ? " day, " : " days, ");
            }
            sb.append(hours > 0 ? String.format("%2d:%02d", hours, mins) : mins + " min");
            sb.append(",  0 users,  load average: ").append(load[0]).append(", ").append(load[1]).append(", ").append(load[2]);
            t.outln(sb.toString());
            return 0;
        } catch (SysError e) {
            return t.fail("can't open '/proc/uptime': " + e.getMessage());
        }
    }
}
