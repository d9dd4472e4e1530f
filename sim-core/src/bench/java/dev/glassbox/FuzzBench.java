package dev.glassbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fuzz run of issue #15: generated command lines ({@link FuzzLines}: quotes, unicode, huge and negative numbers, bad
 * port specs, 10,000-character arguments) through the REPL's entry on sim engines with trace state capture on, one
 * engine per core, each engine replaced every 2,000 lines. Every line is checked: no stack trace or internal-error line
 * ({@link FuzzVerdict}), and its time is kept: the slowest lines are printed with their text, and a line still running
 * after 30 s is reported as a hang while it runs. Bounded: {@code -Dbench.n} lines (1,000,000) or {@code -Dbench.seconds}
 * (3,600), whichever comes first. The baseline, in the same run: {@code docker version} on the same engines.
 *
 * <p>{@code mvn -o -q -Pbench -pl sim-core test-compile exec:java@fuzz-bench -Dbench.n=50000}
 */
public final class FuzzBench {
    private FuzzBench() {}

    private record Slow(double millis, String line) {}

    public static void main(String[] args) throws InterruptedException {
        long n = Long.getLong("bench.n", 1_000_000);
        long seconds = Long.getLong("bench.seconds", 3_600);
        int threads = Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        AtomicLong multiLine = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Slow> slowest = Collections.synchronizedList(new ArrayList<>());
        Map<Thread, long[]> running = new ConcurrentHashMap<>(); // the line each worker is on and since when
        Map<Thread, String> runningLine = new ConcurrentHashMap<>();
        Map<String, Integer> shapes = new ConcurrentHashMap<>(); // the first line of errors longer than 3 lines, and their length
        double baseline = baseline();
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            long seed = 15_000 + w;
            Thread t = new Thread(() -> {
                SplittableRandom r = new SplittableRandom(seed);
                Engine e = fresh();
                int onEngine = 0;
                while (next.getAndIncrement() < n && System.nanoTime() < deadline) {
                    String line = FuzzLines.line(r);
                    running.put(Thread.currentThread(), new long[] {System.nanoTime()});
                    runningLine.put(Thread.currentThread(), line);
                    long s = System.nanoTime();
                    Result res;
                    try {
                        res = e.run(line);
                    } catch (RuntimeException | StackOverflowError ex) {
                        bad.incrementAndGet();
                        failures.add(clip(line) + "\n  → thrown: " + ex);
                        e = fresh();
                        continue;
                    }
                    double ms = (System.nanoTime() - s) / 1e6;
                    running.remove(Thread.currentThread());
                    statuses.computeIfAbsent(res.exitStatus(), k -> new AtomicLong()).incrementAndGet();
                    String verdict = FuzzVerdict.bad(res.out() + res.err());
                    if (verdict != null) {
                        bad.incrementAndGet();
                        if (failures.size() < 40) {
                            failures.add(clip(line) + "\n  → " + verdict);
                        }
                    }
                    if (res.exitStatus() != 0 && res.err().strip().split("\n").length > 3) {
                        multiLine.incrementAndGet();
                        String shape = res.err().strip().split("\n")[0].replaceAll("[0-9a-f]{12,}|\\d+", "#");
                        if (shapes.size() < 12) {
                            shapes.putIfAbsent(shape.length() > 100 ? shape.substring(0, 100) : shape, res.err().strip().split("\n").length);
                        }
                    }
                    keepSlowest(slowest, new Slow(ms, line));
                    if (++onEngine == 2_000) {
                        e.close();
                        e = fresh();
                        onEngine = 0;
                    }
                }
                e.close();
            }, "fuzz-" + w);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            while (t.isAlive()) {
                t.join(5_000);
                long now = System.nanoTime();
                running.forEach((th, since) -> {
                    if (now - since[0] > 30_000_000_000L) {
                        System.out.println("HANG? " + th.getName() + " has run one line for " + (now - since[0]) / 1_000_000_000L + " s: "
                                + clip(runningLine.get(th)));
                    }
                });
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long done = statuses.values().stream().mapToLong(AtomicLong::get).sum() + failures.stream().filter(f -> f.contains("thrown")).count();
        System.out.printf("fuzz: %d lines in %.0f s on %d engines at once: %.0f lines/s | baseline %.0f `docker version`/s on one engine%n", done,
                secs, threads, done / secs, baseline);
        System.out.printf("lines with a stack trace, an exception or the internal-error line: %d | errors of more than 3 lines: %d%n", bad.get(),
                multiLine.get());
        System.out.println("exit statuses: " + new TreeMap<>(statuses));
        shapes.forEach((first, lines) -> System.out.println("an error of " + lines + " lines begins: " + first));
        List<Slow> top = new ArrayList<>(slowest);
        top.sort((a, b) -> Double.compare(b.millis(), a.millis()));
        for (Slow s : top.subList(0, Math.min(5, top.size()))) {
            System.out.printf("slow: %.0f ms  %s%n", s.millis(), clip(s.line()));
        }
        failures.forEach(System.out::println);
        if (done < n) {
            System.out.printf("stopped at the time bound (-Dbench.seconds=%d) after %d of %d lines%n", seconds, done, n);
        }
    }

    private static Engine fresh() {
        Engine e = Engine.sim(Engine.DEFAULT_SEED, true);
        e.run("docker pull busybox");
        e.run("docker pull nginx");
        return e;
    }

    private static double baseline() {
        try (Engine e = fresh()) {
            for (int i = 0; i < 2_000; i++) {
                e.run("docker version");
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < 5_000; i++) {
                e.run("docker version");
            }
            return 5_000 / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static void keepSlowest(List<Slow> slowest, Slow s) {
        synchronized (slowest) {
            if (slowest.size() < 5) {
                slowest.add(s);
                return;
            }
            Slow min = Collections.min(slowest, (a, b) -> Double.compare(a.millis(), b.millis()));
            if (s.millis() > min.millis()) {
                slowest.remove(min);
                slowest.add(s);
            }
        }
    }

    private static String clip(String line) {
        return line == null ? "" : line.length() > 160 ? line.substring(0, 160) + "… (" + line.length() + " chars)" : line;
    }
}
