package dev.glassbox.sim.programs.busybox;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.Signals;
import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.programs.Paths;
import dev.glassbox.sim.programs.Tool;
import dev.glassbox.sim.programs.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Applets about processes: ps, top, kill, pidof, sleep, env, printenv, xargs. */
public final class ProcTools {
    private ProcTools() {}

    static int ps(Tool t) {
        Users users = t.users();
        int o = t.args.indexOf("-o");
        if (o >= 0) {
            if (o + 1 >= t.args.size()) {
                return t.fail("option requires an argument -- 'o'");
            }
            return psColumns(t, users, List.of(t.args.get(o + 1).split(",")));
        }
        StringBuilder sb = new StringBuilder("PID   USER     TIME  COMMAND\n");
        for (ProcFs.Proc p : ProcFs.all(t.sys)) {
            long secs = p.ticks() / 100;
            String time = secs / 60 + ":" + String.format("%02d", secs % 60);
            sb.append(String.format("%5d %-8.8s %5s %s%n", p.pid(), users.userOr(p.uid()), time, p.command()));
        }
        t.out(sb.toString());
        return 0;
    }

    /** busybox ps -o: each column's header and width; numbers right-aligned, the last column unpadded. */
    private static int psColumns(Tool t, Users users, List<String> cols) {
        Map<String, Object[]> spec = Map.of("pid", new Object[] {"PID", 5}, "ppid", new Object[] {"PPID", 5},
                "user", new Object[] {"USER", 8}, "comm", new Object[] {"COMMAND", 16}, "args", new Object[] {"COMMAND", 0},
                "stat", new Object[] {"STAT", 4}, "rss", new Object[] {"RSS", 6}, "vsz", new Object[] {"VSZ", 6},
                "time", new Object[] {"TIME", 5});
        for (String c : cols) {
            if (!spec.containsKey(c)) {
                return t.fail("bad -o argument '" + c + "', supported arguments: user,group,comm,args,pid,ppid,pgid,etime,nice,rgroup,ruser,time,tty,vsz,stat,rss");
            }
        }
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (String c : cols) {
            header.add((String) spec.get(c)[0]);
        }
        sb.append(row(header, cols, spec, false));
        for (ProcFs.Proc p : ProcFs.all(t.sys)) {
            List<String> v = new ArrayList<>();
            for (String c : cols) {
                long secs = p.ticks() / 100;
                v.add(switch (c) {
                    case "pid" -> String.valueOf(p.pid());
                    case "ppid" -> String.valueOf(p.ppid());
                    case "user" -> users.userOr(p.uid());
                    case "comm" -> p.name();
                    case "stat" -> p.state();
                    case "rss" -> p.rssKb() + "";
                    case "vsz" -> p.vszKb() + "";
                    case "time" -> secs / 60 + ":" + String.format("%02d", secs % 60);
                    default -> p.command();
                });
            }
            sb.append(row(v, cols, spec, true));
        }
        t.out(sb.toString());
        return 0;
    }

    private static String row(List<String> values, List<String> cols, Map<String, Object[]> spec, boolean data) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            int w = (Integer) spec.get(cols.get(i))[1];
            boolean last = i == values.size() - 1;
            boolean number = data && Set.of("pid", "ppid", "rss", "vsz").contains(cols.get(i));
            String v = values.get(i);
            if (last && !number) {
                sb.append(v);
            } else {
                sb.append(String.format(number ? "%" + w + "s" : "%-" + w + "s", v));
            }
            sb.append(last ? "\n" : " ");
        }
        return sb.toString();
    }

    /** top in batch mode: one frame per iteration, {@code -n} iterations {@code -d} seconds apart. */
    static int top(Tool t) {
        Opts o = Opts.parse("bn:d:", t.args);
        int frames = Integer.parseInt(o.get('n', "-1"));
        long delay = (long) (Double.parseDouble(o.get('d', "5")) * 1000);
        for (int i = 0; frames < 0 || i < frames; i++) {
            if (i > 0) {
                t.sys.sleep(delay);
            }
            t.out(frame(t));
        }
        return 0;
    }

    private static String frame(Tool t) {
        StringBuilder sb = new StringBuilder();
        try {
            Map<String, String> m = ProcFs.fields(t.sys.readText("/proc/meminfo"));
            long total = ProcFs.kb(m.get("MemTotal"));
            long free = ProcFs.kb(m.get("MemFree"));
            sb.append(String.format("Mem: %dK used, %dK free, %dK shrd, %dK buff, %dK cached%n", total - free, free,
                    ProcFs.kb(m.get("Shmem")), ProcFs.kb(m.get("Buffers")), ProcFs.kb(m.get("Cached"))));
        } catch (SysError e) {
            // no meminfo: the line is left out
        }
        String[] load = read(t, "/proc/loadavg").trim().split("\\s+");
        if (load.length >= 5) {
            sb.append("Load average: ").append(String.join(" ", load[0], load[1], load[2], load[3], load[4])).append('\n');
        }
        double uptime = 0;
        String up = read(t, "/proc/uptime").trim();
        if (!up.isEmpty()) {
            uptime = Double.parseDouble(up.split("\\s+")[0]);
        }
        long totalKb = 0;
        try {
            totalKb = ProcFs.kb(ProcFs.fields(t.sys.readText("/proc/meminfo")).get("MemTotal"));
        } catch (SysError e) {
            // unknown total: %VSZ shows 0
        }
        sb.append("  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\n");
        Users users = t.users();
        for (ProcFs.Proc p : ProcFs.all(t.sys)) {
            double alive = uptime * 100 - p.startTicks();
            long cpu = alive > 0 ? Math.round(100.0 * p.ticks() / alive) : 0;
            long pvsz = totalKb > 0 ? Math.round(100.0 * p.vszKb() / totalKb) : 0;
            sb.append(String.format("%5d %5d %-8.8s %-4s %5d %3d%% %3d %3d%% %s%n", p.pid(), p.ppid(),
                    users.userOr(p.uid()), p.state(), p.vszKb(), pvsz, 0, cpu, p.command()));
        }
        return sb.toString();
    }

    private static String read(Tool t, String path) {
        try {
            return t.sys.readText(path);
        } catch (SysError e) {
            return "";
        }
    }

    public static int kill(Tool t) {
        List<String> args = new ArrayList<>(t.args);
        int sig = Signals.SIGTERM;
        if (!args.isEmpty() && args.get(0).equals("-l")) {
            if (args.size() > 1) {
                int n = Signals.parse(args.get(1));
                if (n < 0) {
                    return t.fail("bad signal name '" + args.get(1) + "'");
                }
                t.outln(args.get(1).matches("\\d+") ? Signals.name(n).substring(3) : Integer.toString(n));
                return 0;
            }
            for (int i = 1; i < 32; i++) {
                String name = Signals.name(i);
                if (!name.equals("SIG" + i)) {
                    t.outln(String.format("%2d) %s", i, name.substring(3)));
                }
            }
            return 0;
        }
        if (!args.isEmpty() && (args.get(0).equals("-s") || args.get(0).equals("-n")) && args.size() > 1) {
            sig = Signals.parse(args.get(1));
            if (sig < 0) {
                return t.fail("bad signal name '" + args.get(1) + "'");
            }
            args = args.subList(2, args.size());
        } else if (!args.isEmpty() && args.get(0).startsWith("-") && args.get(0).length() > 1
                && !args.get(0).equals("--")) {
            sig = Signals.parse(args.get(0).substring(1));
            if (sig < 0) {
                return t.fail("bad signal name '" + args.get(0).substring(1) + "'");
            }
            args = args.subList(1, args.size());
        }
        if (!args.isEmpty() && args.get(0).equals("--")) {
            args = args.subList(1, args.size());
        }
        if (args.isEmpty()) {
            t.io.err("Usage: kill [-l] [-SIG] PID...\n");
            return 1;
        }
        int st = 0;
        for (String a : args) {
            try {
                t.sys.kill(Integer.parseInt(a), sig);
            } catch (NumberFormatException e) {
                t.err("invalid number '" + a + "'");
                st = 1;
            } catch (SysError e) {
                t.err("can't kill pid " + a + ": " + e.getMessage());
                st = 1;
            }
        }
        return st;
    }

    static int pidof(Tool t) {
        List<String> found = new ArrayList<>();
        List<ProcFs.Proc> procs = ProcFs.all(t.sys);
        for (int i = procs.size() - 1; i >= 0; i--) {
            ProcFs.Proc p = procs.get(i);
            String argv0 = p.cmdline().split(" ", 2)[0];
            for (String name : t.args) {
                if (name.equals(p.name()) || name.equals(Paths.basename(argv0))) {
                    found.add(Integer.toString(p.pid()));
                    break;
                }
            }
        }
        if (found.isEmpty()) {
            return 1;
        }
        t.outln(String.join(" ", found));
        return 0;
    }

    static int sleep(Tool t) {
        if (t.args.isEmpty()) {
            t.io.err("Usage: sleep [N]...\n");
            return 1;
        }
        double total = 0;
        for (String a : t.args) {
            if (a.equals("infinity") || a.equals("inf")) {
                total = Double.POSITIVE_INFINITY;
                continue;
            }
            double mult = 1;
            String n = a;
            char last = a.isEmpty() ? ' ' : a.charAt(a.length() - 1);
            switch (last) {
                case 's' -> n = a.substring(0, a.length() - 1);
                case 'm' -> { mult = 60; n = a.substring(0, a.length() - 1); }
                case 'h' -> { mult = 3600; n = a.substring(0, a.length() - 1); }
                case 'd' -> { mult = 86400; n = a.substring(0, a.length() - 1); }
                default -> { }
            }
            try {
                total += Double.parseDouble(n) * mult;
            } catch (NumberFormatException e) {
                return t.fail("invalid number '" + a + "'");
            }
        }
        if (Double.isInfinite(total)) {
            while (true) {
                t.sys.sleep(Long.MAX_VALUE / 4);
            }
        }
        t.sys.sleep(Math.round(total * 1000));
        return 0;
    }

    static int env(Tool t) {
        List<String> env = new ArrayList<>(t.sys.environ());
        int i = 0;
        for (; i < t.args.size(); i++) {
            String a = t.args.get(i);
            if (a.equals("-i") || a.equals("-")) {
                env.clear();
            } else if (a.equals("-u") && i + 1 < t.args.size()) {
                String name = t.args.get(++i);
                env.removeIf(e -> e.startsWith(name + "="));
            } else if (a.contains("=")) {
                String name = a.substring(0, a.indexOf('='));
                env.removeIf(e -> e.startsWith(name + "="));
                env.add(a);
            } else {
                break;
            }
        }
        if (i >= t.args.size()) {
            env.forEach(t::outln);
            return 0;
        }
        List<String> argv = t.args.subList(i, t.args.size());
        try {
            int pid = t.io.in().isStream() ? t.sys.spawnWithStdin(argv, env, null, null) : t.sys.spawn(argv, env, t.stdin(), null, null);
            return t.sys.waitpid(pid);
        } catch (SysError e) {
            t.err("can't execute '" + argv.get(0) + "': " + e.getMessage());
            return e.errno() == Errno.ENOENT ? 127 : 126;
        }
    }

    static int printenv(Tool t) {
        if (t.args.isEmpty()) {
            t.sys.environ().forEach(t::outln);
            return 0;
        }
        int st = 0;
        for (String name : t.args) {
            String v = t.sys.getenv(name);
            if (v == null) {
                st = 1;
            } else {
                t.outln(v);
            }
        }
        return st;
    }

    static int xargs(Tool t) {
        int i = 0;
        int perCall = Integer.MAX_VALUE;
        String replace = null;
        boolean trace = false;
        boolean nul = false;
        while (i < t.args.size() && t.args.get(i).startsWith("-")) {
            String a = t.args.get(i++);
            switch (a) {
                case "-n" -> perCall = Integer.parseInt(t.args.get(i++));
                case "-I" -> replace = t.args.get(i++);
                case "-t" -> trace = true;
                case "-0" -> nul = true;
                default -> {
                    if (a.startsWith("-n")) {
                        perCall = Integer.parseInt(a.substring(2));
                    }
                }
            }
        }
        List<String> cmd = i < t.args.size() ? t.args.subList(i, t.args.size()) : List.of("echo");
        String in = t.stdin();
        List<String> items = new ArrayList<>();
        if (replace != null) {
            items.addAll(TextTools.lines(in));
            perCall = 1;
        } else {
            for (String w : in.split(nul ? "\0" : "\\s+")) {
                if (!w.isEmpty()) {
                    items.add(w);
                }
            }
        }
        int st = 0;
        int k = 0;
        do {
            List<String> argv = new ArrayList<>();
            List<String> batch = items.subList(k, Math.min(items.size(), k + Math.max(1, perCall)));
            for (String c : cmd) {
                argv.add(replace != null && !batch.isEmpty() ? c.replace(replace, batch.get(0)) : c);
            }
            if (replace == null) {
                argv.addAll(batch);
            }
            k += batch.size();
            if (trace) {
                t.io.err(String.join(" ", argv) + "\n");
            }
            try {
                int code = t.sys.waitpid(t.sys.spawn(argv, t.sys.environ(), "", null, null));
                if (code != 0) {
                    st = 123;
                }
            } catch (SysError e) {
                t.err(argv.get(0) + ": " + e.getMessage());
                return 127;
            }
        } while (k < items.size());
        return st;
    }
}
