package dev.glassbox.sim.programs.stress;

import dev.glassbox.kernel.SysError;
import dev.glassbox.sim.Sys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * stress 1.0.4 (progrium/stress): forks cpu, io, vm and hdd hogs and reports how they ended. vm hogs
 * allocate in 4 MiB steps, so a memory limit kills them at the step that crosses it, as the OOM killer would.
 */
public final class Stress {
    static final long STEP = 4L << 20;

    private final Sys sys;
    private int pid;
    private boolean verbose;
    private boolean quiet;
    private int cpu;
    private int io;
    private int vm;
    private int hdd;
    private long vmBytes = 256L << 20;
    private long vmHang = -1;
    private boolean vmKeep;
    private long hddBytes = 1L << 30;
    private long timeout;

    private Stress(Sys sys) {
        this.sys = sys;
    }

    public static int main(Sys sys) {
        Stress s = new Stress(sys);
        s.pid = sys.getpid();
        String problem = s.parse(sys.argv());
        if (problem != null) {
            if (!problem.isEmpty()) {
                s.fail(0, problem);
            }
            return 1;
        }
        return s.run();
    }

    private void info(String msg) {
        if (!quiet) {
            sys.out("stress: info: [" + pid + "] " + msg + "\n");
        }
    }

    private void dbug(int who, String msg) {
        if (verbose) {
            sys.out("stress: dbug: [" + who + "] " + msg + "\n");
        }
    }

    private void fail(int line, String msg) {
        sys.err("stress: FAIL: [" + pid + "] (" + line + ") " + msg + "\n");
    }

    private String parse(List<String> argv) {
        if (argv.size() < 2) {
            sys.out(usage());
            return "";
        }
        for (int i = 1; i < argv.size(); i++) {
            String a = argv.get(i);
            String v = i + 1 < argv.size() ? argv.get(i + 1) : null;
            try {
                switch (a) {
                    case "-v", "--verbose" -> verbose = true;
                    case "-q", "--quiet" -> quiet = true;
                    case "--vm-keep" -> vmKeep = true;
                    case "--version" -> {
                        sys.out("stress 1.0.4\n");
                        return "";
                    }
                    case "-?", "--help" -> {
                        sys.out(usage());
                        return "";
                    }
                    case "-n", "--dry-run" -> { }
                    default -> {
                        if (v == null) {
                            return "option " + a + " requires an argument";
                        }
                        i++;
                        switch (a) {
                            case "-c", "--cpu" -> cpu = Integer.parseInt(v);
                            case "-i", "--io" -> io = Integer.parseInt(v);
                            case "-m", "--vm" -> vm = Integer.parseInt(v);
                            case "-d", "--hdd" -> hdd = Integer.parseInt(v);
                            case "--vm-bytes" -> vmBytes = bytes(v);
                            case "--vm-stride", "--backoff" -> bytes(v);
                            case "--vm-hang" -> vmHang = Long.parseLong(v);
                            case "--hdd-bytes" -> hddBytes = bytes(v);
                            case "-t", "--timeout" -> timeout = seconds(v);
                            default -> {
                                return "unrecognized option: " + a;
                            }
                        }
                    }
                }
            } catch (NumberFormatException e) {
                return "invalid number in " + a + ": " + v;
            }
        }
        return null;
    }

    static long bytes(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        long mult = switch (s.charAt(s.length() - 1)) {
            case 'b' -> 1;
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 0;
        };
        return mult == 0 ? Long.parseLong(s) : Long.parseLong(s.substring(0, s.length() - 1)) * mult;
    }

    static long seconds(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        long mult = switch (s.charAt(s.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            case 'y' -> 31536000;
            default -> 0;
        };
        return mult == 0 ? Long.parseLong(s) : Long.parseLong(s.substring(0, s.length() - 1)) * mult;
    }

    private int run() {
        long start = sys.timeMillis();
        info("dispatching hogs: " + cpu + " cpu, " + io + " io, " + vm + " vm, " + hdd + " hdd");
        dbug(pid, "using backoff sleep of 3000us");
        long deadline = timeout > 0 ? start + timeout * 1000 : 0;
        if (timeout > 0) {
            dbug(pid, "setting timeout to " + timeout + "s");
        }
        List<Integer> workers = new ArrayList<>();
        fork(workers, cpu, "hogcpu", child -> hogCpu(child, deadline));
        fork(workers, io, "hogio", child -> idle(child, deadline));
        fork(workers, vm, "hogvm", child -> hogVm(child, deadline));
        fork(workers, hdd, "hoghdd", child -> hogHdd(child, deadline));
        boolean failed = false;
        while (!workers.isEmpty()) {
            int[] done = reapOne(workers);
            int st = done[1];
            if (st == 0) {
                dbug(pid, "<-- worker " + done[0] + " returned normally");
            } else if (st > 128) {
                fail(415, "<-- worker " + done[0] + " got signal " + (st - 128));
                failed = true;
            } else {
                fail(422, "<-- worker " + done[0] + " returned error " + st);
                failed = true;
            }
            if (failed) {
                sys.err("stress: WARN: [" + pid + "] (417) now reaping child worker processes\n");
                for (int w : workers) {
                    try {
                        sys.kill(w, 9);
                        sys.waitpid(w);
                    } catch (SysError e) {
                        // already gone
                    }
                }
                workers.clear();
            }
        }
        long secs = Math.round((sys.timeMillis() - start) / 1000.0);
        if (failed) {
            fail(451, "failed run completed in " + secs + "s");
            return 1;
        }
        info("successful run completed in " + secs + "s");
        return 0;
    }

    private void fork(List<Integer> workers, int n, String kind, dev.glassbox.sim.Program body) {
        for (int i = 1; i <= n; i++) {
            int w = sys.fork(body);
            workers.add(w);
            dbug(pid, "--> " + kind + " worker " + i + " [" + w + "] forked");
        }
    }

    /** Sys has no wait-for-any-child: a worker that is gone from /proc (or a zombie there) is the one to reap. */
    private int[] reapOne(List<Integer> workers) {
        if (workers.size() > 1) {
            while (true) {
                for (int w : workers) {
                    if (ended(w)) {
                        workers.remove(Integer.valueOf(w));
                        return new int[] {w, sys.waitpid(w)};
                    }
                }
                sys.sleep(100);
            }
        }
        int w = workers.remove(0);
        return new int[] {w, sys.waitpid(w)};
    }

    private boolean ended(int w) {
        try {
            return sys.readText("/proc/" + w + "/status").contains("State:\tZ");
        } catch (SysError e) {
            return true;
        }
    }

    private static boolean over(Sys sys, long deadline) {
        return deadline > 0 && sys.timeMillis() >= deadline;
    }

    private static void sleepUntil(Sys sys, long deadline, long millis) {
        long end = millis < 0 ? Long.MAX_VALUE : sys.timeMillis() + millis;
        if (deadline > 0) {
            end = Math.min(end, deadline);
        }
        while (sys.timeMillis() < end) {
            sys.sleep(Math.min(1000, end - sys.timeMillis()));
        }
    }

    private int hogCpu(Sys child, long deadline) {
        double x = 0;
        while (!over(child, deadline)) {
            for (int i = 1; i < 100_000; i++) {
                x += Math.sqrt(i);
            }
            child.sleep(x > 0 ? 10 : 11);
        }
        return 0;
    }

    private int idle(Sys child, long deadline) {
        while (!over(child, deadline)) {
            child.sleep(100);
        }
        return 0;
    }

    private int hogVm(Sys child, long deadline) {
        int me = child.getpid();
        boolean allocated = false;
        while (!over(child, deadline)) {
            if (!allocated) {
                dbug(me, "allocating " + vmBytes + " bytes ...");
                for (long done = 0; done < vmBytes; done += STEP) {
                    child.allocate(Math.min(STEP, vmBytes - done));
                }
                dbug(me, "touching bytes in strides of 4096 bytes ...");
                allocated = true;
            }
            if (vmHang == 0) {
                dbug(me, "sleeping forever with allocated memory");
                sleepUntil(child, deadline, -1);
            } else {
                sleepUntil(child, deadline, vmHang > 0 ? vmHang * 1000 : 1000);
            }
            if (!vmKeep) {
                child.free(vmBytes);
                dbug(me, "freed " + vmBytes + " bytes");
                allocated = false;
            }
        }
        return 0;
    }

    private int hogHdd(Sys child, long deadline) {
        String file = "./stress." + child.getpid();
        byte[] chunk = new byte[1 << 20];
        while (!over(child, deadline)) {
            child.write(file, new byte[0], false);
            for (long done = 0; done < hddBytes && !over(child, deadline); done += chunk.length) {
                child.write(file, chunk, true);
                child.sleep(10);
            }
            child.unlink(file);
        }
        return 0;
    }

    private static String usage() {
        return "`stress' imposes certain types of compute stress on your system\n\n"
                + "Usage: stress [OPTION [ARG]] ...\n"
                + " -?, --help         show this help statement\n"
                + "     --version      show version statement\n"
                + " -v, --verbose      be verbose\n"
                + " -q, --quiet        be quiet\n"
                + " -n, --dry-run      show what would have been done\n"
                + " -t, --timeout N    timeout after N seconds\n"
                + "     --backoff N    wait factor of N microseconds before work starts\n"
                + " -c, --cpu N        spawn N workers spinning on sqrt()\n"
                + " -i, --io N         spawn N workers spinning on sync()\n"
                + " -m, --vm N         spawn N workers spinning on malloc()/free()\n"
                + "     --vm-bytes B   malloc B bytes per vm worker (default is 256MB)\n"
                + "     --vm-stride B  touch a byte every B bytes (default is 4096)\n"
                + "     --vm-hang N    sleep N secs before free (default none, 0 is inf)\n"
                + "     --vm-keep      redirty memory instead of freeing and reallocating\n"
                + " -d, --hdd N        spawn N workers spinning on write()/unlink()\n"
                + "     --hdd-bytes B  write B bytes per hdd worker (default is 1GB)\n\n"
                + "Example: stress --cpu 8 --io 4 --vm 2 --vm-bytes 128M --timeout 10s\n\n"
                + "Note: Numbers may be suffixed with s,m,h,d,y (time) or B,K,M,G (size).\n";
    }
}
