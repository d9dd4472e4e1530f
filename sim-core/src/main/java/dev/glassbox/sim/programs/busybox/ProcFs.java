package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading /proc as procps and busybox do: one record per pid directory. */
final class ProcFs {
    private ProcFs() {}

    record Proc(int pid, int ppid, int uid, String name, String state, String cmdline, long ticks, long startTicks,
            long rssKb, long vszKb) {
        /** What ps shows in COMMAND: the argv (or proctitle), else the name in brackets. */
        String command() {
            return cmdline.isEmpty() ? "[" + name + "]" : cmdline;
        }
    }

    static List<Integer> pids(Sys sys) {
        List<Integer> pids = new ArrayList<>();
        for (Sys.DirEntry e : sys.readdir("/proc")) {
            if (!e.name().isEmpty() && e.name().chars().allMatch(Character::isDigit)) {
                pids.add(Integer.parseInt(e.name()));
            }
        }
        pids.sort(null);
        return pids;
    }

    /** All processes still there by the time their files are read. */
    static List<Proc> all(Sys sys) {
        List<Proc> list = new ArrayList<>();
        for (int pid : pids(sys)) {
            Proc p = read(sys, pid);
            if (p != null) {
                list.add(p);
            }
        }
        return list;
    }

    static Proc read(Sys sys, int pid) {
        try {
            Map<String, String> status = fields(sys.readText("/proc/" + pid + "/status"));
            String cmdline = sys.readText("/proc/" + pid + "/cmdline");
            while (cmdline.endsWith("\0")) {
                cmdline = cmdline.substring(0, cmdline.length() - 1);
            }
            cmdline = cmdline.replace('\0', ' ');
            long ticks = 0;
            long start = 0;
            try {
                String stat = sys.readText("/proc/" + pid + "/stat");
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
                // f[0] is field 3 (state): utime is field 14, stime 15, starttime 22
                ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                start = Long.parseLong(f[19]);
            } catch (SysError | NumberFormatException | IndexOutOfBoundsException e) {
                // no stat file: times stay 0
            }
            String uid = status.getOrDefault("Uid", "0").trim().split("\\s+")[0];
            String state = status.getOrDefault("State", "R").trim();
            return new Proc(pid, parseInt(status.get("PPid")), parseInt(uid), status.getOrDefault("Name", "?"),
                    state.isEmpty() ? "R" : state.substring(0, 1), cmdline, ticks, start, kb(status.get("VmRSS")),
                    kb(status.getOrDefault("VmSize", status.get("VmRSS"))));
        } catch (SysError e) {
            return null;
        }
    }

    /** "Key:\tvalue" lines (status, meminfo) as a map. */
    static Map<String, String> fields(String text) {
        Map<String, String> m = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                m.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return m;
    }

    static long kb(String v) {
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim().split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int parseInt(String v) {
        try {
            return v == null ? 0 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
