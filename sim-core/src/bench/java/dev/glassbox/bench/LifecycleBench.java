package dev.glassbox.bench;

import dev.glassbox.Engine;
import dev.glassbox.Result;

/**
 * Sim engine throughput and memory, each reported beside a baseline measured in the same run:
 * run → stop → rm lifecycles of nginx against `docker version` round trips through the same layers (just started, and
 * again after {@code bench.settle} more, when the JIT compiler has compiled what they run, as the median of five rounds),
 * the same lifecycles with other containers running (what a step costs once the state is larger), heap per idle
 * engine (what a web session holds) and heap per running nginx container against the heap of the engine before
 * any container ran, each with trace state capture off and on.
 * Run: mvn -q -Pbench -pl sim-core verify (or see README).
 */
public final class LifecycleBench {
    private LifecycleBench() {}

    private static void must(Engine e, String line) {
        Result r = e.run(line);
        if (!r.ok()) {
            throw new IllegalStateException(line + " failed: " + r.text());
        }
    }

    private static double perSecond(int n, long nanos) {
        return n / (nanos / 1e9);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * The bytes of the live objects, as HotSpot's class histogram totals them after a full collection, or -1 where the
     * JVM has no such command. The used heap moves by a few kilobytes per container from run to run (four runs of one
     * build read 28,118 to 33,172 bytes per container); the histogram counts the objects alone.
     */
    private static long liveBytes() {
        try {
            Object text = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            String[] lines = String.valueOf(text).strip().split("\n");
            String[] total = lines[lines.length - 1].trim().split("\\s+"); // "Total  <instances>  <bytes>"
            return total[0].equals("Total") ? Long.parseLong(total[2]) : -1;
        } catch (javax.management.JMException | RuntimeException e) {
            return -1;
        }
    }

    /** The lifecycle the bench measures. */
    private static final String LIFECYCLE = "docker run -d --name web nginx && docker stop web && docker rm web";

    /** {@code rounds} rounds of {@code n} lifecycles each: their rates per second, slowest first. */
    private static double[] rounds(Engine e, int n, int rounds) {
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                must(e, LIFECYCLE);
            }
            rates[r] = perSecond(n, System.nanoTime() - t0);
        }
        java.util.Arrays.sort(rates);
        return rates;
    }

    /**
     * Bytes the JVM's threads allocated per run of {@code line} (the virtual threads' count on their carriers), or -1 where
     * the JVM does not tell. Unlike a rate, this hardly moves between runs: it counts the work done, not how fast the
     * processor and the JIT compiler of that run happened to do it, so a change of a few percent shows here first.
     */
    private static double allocatedPer(Engine e, String line, int n) {
        long before = totalAllocated();
        for (int i = 0; i < n; i++) {
            must(e, line);
        }
        long after = totalAllocated();
        return before < 0 || after < 0 ? -1 : (after - before) / (double) n;
    }

    /** ThreadMXBean.getTotalThreadAllocatedBytes, which Java 21 added (the code is built for 17): -1 where it is missing. */
    private static long totalAllocated() {
        Object threads = java.lang.management.ManagementFactory.getThreadMXBean();
        try {
            return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getTotalThreadAllocatedBytes").invoke(threads);
        } catch (ReflectiveOperationException | RuntimeException ex) {
            return -1;
        }
    }

    /** The median of sorted rates and their range: one round can meet a collection or a compilation, the median does not. */
    private static String median(double[] sorted) {
        return String.format(java.util.Locale.ROOT, "%8.0f lifecycles/s (median of %d rounds, %.0f-%.0f)", sorted[sorted.length / 2], sorted.length,
                sorted[0], sorted[sorted.length - 1]);
    }

    public static void main(String[] args) {
        int warm = Integer.getInteger("bench.warmup", 200);
        int n = Integer.getInteger("bench.n", 1000);
        int running = Integer.getInteger("bench.running", 200);
        int settle = Integer.getInteger("bench.settle", 10_000);
        int historyFill = Integer.getInteger("bench.historyFill", 1_500);
        for (boolean capture : new boolean[] {false, true}) {
            try (Engine e = Engine.sim(Engine.DEFAULT_SEED, capture)) {
                must(e, "docker pull nginx");
                for (int i = 0; i < warm; i++) {
                    must(e, "docker version");
                    must(e, LIFECYCLE);
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    must(e, "docker version");
                }
                double base = perSecond(n, System.nanoTime() - t0);
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    must(e, LIFECYCLE);
                }
                double life = perSecond(n, System.nanoTime() - t0);
                System.out.printf("trace state capture %-3s: %8.0f lifecycles/s (run -d nginx, stop, rm) | baseline %8.0f `docker version`/s | ratio %.3f%n",
                        capture ? "on" : "off", life, base, life / base);
                for (int i = 0; i < settle; i++) { // as in a server that has been up a while: the JIT compiler has done its work
                    must(e, LIFECYCLE);
                }
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    must(e, "docker version");
                }
                base = perSecond(n, System.nanoTime() - t0);
                double[] settled = rounds(e, n, 5);
                System.out.printf("  … after %d more: %s | baseline %8.0f `docker version`/s | ratio %.3f%n",
                        settle, median(settled), base, settled[settled.length / 2] / base);
                double lifeBytes = allocatedPer(e, LIFECYCLE, n);
                double baseBytes = allocatedPer(e, "docker version", n);
                if (lifeBytes >= 0 && baseBytes > 0) {
                    System.out.printf("  allocated: %8.0f bytes per lifecycle | baseline %8.0f bytes per `docker version` | ratio %.1f%n",
                            lifeBytes, baseBytes, lifeBytes / baseBytes);
                }
            }
        }
        int background = Integer.getInteger("bench.background", 20);
        for (boolean capture : new boolean[] {false, true}) {
            try (Engine e = Engine.sim(Engine.DEFAULT_SEED, capture)) {
                must(e, "docker pull nginx");
                for (int i = 0; i < background; i++) {
                    must(e, "docker run -d --name bg" + i + " nginx");
                }
                for (int i = 0; i < warm; i++) {
                    must(e, LIFECYCLE);
                }
                System.out.printf("with %d other containers running, capture %-3s: %s%n", background, capture ? "on" : "off",
                        median(rounds(e, n / 2, 5)));
            }
        }
        for (int i = 0; i < 50; i++) { // a dry round: what the phases above left in pooled threads is let go before measuring
            try (Engine e = Engine.sim(Engine.DEFAULT_SEED, false)) {
                must(e, "docker version");
            }
        }
        for (boolean capture : new boolean[] {false, true}) {
            // The heap with 100 more idle engines, less the heap once they are closed and let go, measured three times; the
            // median is reported. Read against the heap before they were made, what the phases above left for the collector
            // (pooled threads that end a minute later, compiled code let go) came out in the figure, once as -7,399 bytes.
            java.util.List<Engine> first = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) { // what the first engines fill once (caches, classes' statics) is filled before
                Engine e = Engine.sim(Engine.DEFAULT_SEED, capture);
                must(e, "docker version");
                first.add(e);
            }
            long[] per = new long[3];
            long[] growth = new long[3];
            for (int round = 0; round < per.length; round++) {
                long before = usedHeap();
                java.util.List<Engine> idle = new java.util.ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    Engine e = Engine.sim(Engine.DEFAULT_SEED, capture);
                    must(e, "docker version");
                    idle.add(e);
                }
                long with = usedHeap();
                growth[round] = (with - before) / 100;
                idle.forEach(Engine::close);
                idle.clear();
                per[round] = (with - usedHeap()) / 100;
            }
            java.util.Arrays.sort(per);
            java.util.Arrays.sort(growth);
            System.out.printf("heap: %d bytes per idle engine (a session's engine after one command, capture %s: 100 engines, with less without, median of 3, %d-%d; growth from before them %d-%d)%n",
                    per[1], capture ? "on" : "off", per[0], per[2], growth[0], growth[2]);
            first.forEach(Engine::close);
        }
        for (boolean capture : new boolean[] {false, true}) {
            try (Engine e = Engine.sim(Engine.DEFAULT_SEED, capture)) {
                must(e, "docker pull nginx");
                // What the engine keeps of its past, bounded, is filled first: the last 1,000 events and the exit statuses of
                // the last 4,096 processes. Measured from one lifecycle, 200 containers filled most of both and came out
                // at 34,088 and 37,504 bytes each.
                for (int i = 0; i < historyFill; i++) {
                    must(e, LIFECYCLE);
                }
                long before = usedHeap();
                long liveBefore = liveBytes();
                for (int i = 0; i < running; i++) {
                    must(e, "docker run -d --name c" + i + " nginx");
                }
                long per = (usedHeap() - before) / running;
                long livePer = liveBefore < 0 ? -1 : (liveBytes() - liveBefore) / running;
                System.out.printf("heap: %d bytes per running nginx container, capture %s (%d containers, 3 processes each, after %d lifecycles) | baseline engine heap %d bytes | ratio %.4f%n",
                        per, capture ? "on" : "off", running, historyFill, before, per / (double) before);
                if (livePer >= 0) {
                    System.out.printf("  … counted as live objects (the class histogram's total): %d bytes per container%n", livePer);
                }
            }
        }
        // Last: its engine on threads of the system leaves pooled threads that end a minute later, freeing their heap
        // in the middle of whatever is measured then (the idle engines' growth came out below zero).
        System.out.printf("processes carried by %s threads (Java %d)%n", dev.glassbox.sim.ProcessThreads.standard(), Runtime.version().feature());
        if (dev.glassbox.sim.ProcessThreads.VIRTUAL.available()) {
            // Virtual threads against threads of the system, capture off, rounds taken in turn from two engines that differ in that alone
            try (Engine v = Engine.sim(Engine.DEFAULT_SEED, false, dev.glassbox.sim.ProcessThreads.VIRTUAL);
                 Engine t = Engine.sim(Engine.DEFAULT_SEED, false, dev.glassbox.sim.ProcessThreads.SYSTEM)) {
                for (Engine e : new Engine[] {v, t}) {
                    must(e, "docker pull nginx");
                    for (int i = 0; i < settle / 2; i++) {
                        must(e, LIFECYCLE);
                    }
                }
                double[] onVirtual = new double[5];
                double[] onSystem = new double[5];
                for (int r = 0; r < 5; r++) {
                    onVirtual[r] = rounds(v, n, 1)[0];
                    onSystem[r] = rounds(t, n, 1)[0];
                }
                java.util.Arrays.sort(onVirtual);
                java.util.Arrays.sort(onSystem);
                System.out.printf("processes on virtual threads: %s | baseline on threads of the system: %s | ratio %.2f%n", median(onVirtual),
                        median(onSystem), onVirtual[onVirtual.length / 2] / onSystem[onSystem.length / 2]);
            }
        }
    }
}
