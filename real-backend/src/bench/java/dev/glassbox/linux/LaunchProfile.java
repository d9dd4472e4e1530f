package dev.glassbox.linux;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the time of one {@code docker run --rm} goes: the wall time from each trace step's start to
 * the next step's start, median over many runs, one line per step. Needs root. Run:
 * mvn -q -Pbench -pl real-backend verify -DskipTests (it runs with the other benchmarks; -Dbench.profile="-p 8080:80"
 * profiles other flags, -Dbench.persist=false leaves out the daemon's state file, -Dbench.capture=true
 * captures the trace's state at every step, as the REPL does, -Dbench.running=N keeps N other containers
 * running). Run alone, with java:
 * <ul>
 * <li>-Dbench.warmup=N runs before the measured ones (default 3);
 * <li>-Dbench.sample=true adds a wall-clock sampler of the engine's thread, which counts by the
 * innermost -Dbench.depth=N glassbox frames (default 3), or with -Dbench.inclusive=true by every
 * glassbox method on the stack, each once; -Dbench.java=true leaves out the samples in a native
 * method (a system call, a wait), -Dbench.within=Class.method keeps only those inside that method,
 * -Dbench.lines=N prints N lines (default 60);
 * <li>-Dbench.threads=true prints the CPU time, user and system, of each of the JVM's threads (the
 * JIT compilers' among them) and how long the engine's thread was runnable but waited for a CPU.
 * </ul>
 */
public final class LaunchProfile {
    private LaunchProfile() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 30);
        String flags = System.getProperty("bench.profile", "--network none");
        Path tmp = Files.createTempDirectory("glassbox-profile");
        Map<String, List<Double>> perStep = new LinkedHashMap<>();
        List<Double> totals = new ArrayList<>();
        LinuxKernel.Options o = LinuxKernel.Options.at(tmp.resolve("state")).named("profile");
        // -Dbench.persist=false: the same engine without the daemon's state file, to see what persisting costs
        boolean persist = !"false".equals(System.getProperty("bench.persist"));
        // -Dbench.capture=true: the trace's state captured at every step, as the REPL does
        try (Engine e = persist ? LinuxEngine.open(o, Boolean.getBoolean("bench.capture"))
                : Engine.on(LinuxKernel.open(o), new dev.glassbox.registry.Registries(dev.glassbox.linux.image.LocalHub.fromHost(),
                        dev.glassbox.linux.image.HttpRegistry::at), false)) {
            e.run("docker pull busybox");
            for (int i = 0; i < Integer.getInteger("bench.running", 0); i++) { // -Dbench.running=N: N containers running meanwhile
                Result bg = e.run("docker run -d --name running" + i + " busybox sleep 3600");
                if (bg.exitStatus() != 0) {
                    throw new IllegalStateException(bg.text());
                }
            }
            List<long[]> marks = new ArrayList<>();
            List<String> names = new ArrayList<>();
            e.onTraceEvent(ev -> {
                names.add(ev.seq() + " " + ev.layer() + " " + ev.action());
                marks.add(new long[] {System.nanoTime()});
            });
            Sampler sampler = Boolean.getBoolean("bench.sample") ? new Sampler(Thread.currentThread()) : null;
            for (int i = -Integer.getInteger("bench.warmup", 3); i < n; i++) {
                if (sampler != null) {
                    sampler.on = i >= 0;
                }
                if (i == 0 && Boolean.getBoolean("bench.threads")) {
                    threadCpu(); // before the measured runs, to subtract
                }
                marks.clear();
                names.clear();
                long t0 = System.nanoTime();
                Result r = e.run("docker run --rm " + flags + " busybox true");
                long t1 = System.nanoTime();
                if (r.exitStatus() != 0) {
                    throw new IllegalStateException(r.text());
                }
                if (i < 0) {
                    continue;
                }
                totals.add((t1 - t0) / 1e6);
                // the listener fires for step k when step k+1 begins: the gap before firing k is step k's own time
                long prev = t0;
                for (int k = 0; k < marks.size(); k++) {
                    String name = names.get(k);
                    perStep.computeIfAbsent(name, x -> new ArrayList<>()).add((marks.get(k)[0] - prev) / 1e6);
                    prev = marks.get(k)[0];
                }
                perStep.computeIfAbsent("(after the last step, until run returns)", x -> new ArrayList<>()).add((t1 - prev) / 1e6);
            }
            if (sampler != null) {
                sampler.print();
            }
            if (Boolean.getBoolean("bench.threads")) {
                threadCpu();
            }
        } finally {
            Cmd.run(List.of("rm", "-rf", tmp.toString()), 60_000);
        }
        System.out.printf("docker run --rm %s busybox true: median %.1f ms over %d runs; per step (time until the next step begins):%n",
                flags, median(totals), totals.size());
        perStep.forEach((k, v) -> System.out.printf("  %6.2f ms  %s%n", median(v), k));
    }

    /**
     * -Dbench.sample=true: a wall-clock sampler. Every 100 µs it looks at what the running thread is doing
     * (waiting included) and counts the innermost glassbox frame with the frame it called.
     */
    private static final class Sampler extends Thread {
        final Thread target;
        volatile boolean on;
        volatile boolean done;
        final Map<String, Integer> counts = new java.util.HashMap<>();
        int total;
        // the options, read once: the loop runs every 100 µs
        final String within = System.getProperty("bench.within");
        final boolean javaOnly = Boolean.getBoolean("bench.java");
        final boolean inclusive = Boolean.getBoolean("bench.inclusive");

        Sampler(Thread target) {
            this.target = target;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            while (!done) {
                if (on) {
                    StackTraceElement[] st = target.getStackTrace();
                    if (counted(st)) {
                        synchronized (counts) {
                            if (inclusive) {
                                java.util.Set<String> seen = new java.util.HashSet<>();
                                for (StackTraceElement f : st) {
                                    if (f.getClassName().startsWith("dev.glassbox")) {
                                        seen.add(f.getClassName().replaceAll(".*\\.", "") + "." + f.getMethodName());
                                    }
                                }
                                seen.forEach(m -> counts.merge(m, 1, Integer::sum));
                            } else {
                                counts.merge(key(st), 1, Integer::sum);
                            }
                            total++;
                        }
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
        }

        /** Inside -Dbench.within's method if given; with -Dbench.java, not in a native method (a system call, a wait). */
        private boolean counted(StackTraceElement[] st) {
            if (within != null && java.util.Arrays.stream(st).noneMatch(f -> (f.getClassName() + "." + f.getMethodName()).endsWith(within))) {
                return false;
            }
            return !javaOnly || (st.length > 0 && !st[0].isNativeMethod());
        }

        static String key(StackTraceElement[] st) {
            int depth = Integer.getInteger("bench.depth", 3);
            StringBuilder sb = new StringBuilder();
            int found = 0;
            for (int k = 0; k < st.length && found < depth; k++) {
                StackTraceElement f = st[k];
                boolean ours = f.getClassName().startsWith("dev.glassbox");
                if (ours || k == 0) {
                    sb.append(sb.length() == 0 ? "" : " < ").append(f.getClassName().replaceAll(".*\\.", "")).append('.')
                            .append(f.getMethodName()).append(':').append(f.getLineNumber());
                    if (ours) {
                        found++;
                    }
                }
            }
            return sb.toString();
        }

        void print() {
            done = true;
            List<Map.Entry<String, Integer>> e = new ArrayList<>(counts.entrySet());
            e.sort((a, b) -> b.getValue() - a.getValue());
            System.out.printf("wall-clock samples of the engine thread: %d%n", total);
            for (int k = 0; k < Math.min(Integer.getInteger("bench.lines", 60), e.size()); k++) {
                System.out.printf("  %5.1f%%  %s%n", 100.0 * e.get(k).getValue() / total, e.get(k).getKey());
            }
        }
    }

    /** -Dbench.threads=true: the CPU time each of this JVM's threads used so far, by thread name, from /proc/self/task. */
    private static void threadCpu() throws java.io.IOException {
        Map<String, double[]> byName = new java.util.TreeMap<>();
        long hz = 100; // USER_HZ
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+$", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double[] ms = {Long.parseLong(f[11]) * 1000.0 / hz, Long.parseLong(f[12]) * 1000.0 / hz};
                    byName.merge(name, ms, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        }
        String[] sched = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
        System.out.printf("this thread since it started: %.0f ms on a CPU, %.0f ms runnable but waiting for one (schedstat)%n",
                Long.parseLong(sched[0]) / 1e6, Long.parseLong(sched[1]) / 1e6);
        System.out.println("CPU time by thread since the JVM started (user + system):");
        byName.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1])).limit(12)
                .forEach(e -> System.out.printf("  %6.0f + %5.0f ms  %s%n", e.getValue()[0], e.getValue()[1], e.getKey()));
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
