package dev.glassbox.bench;

import dev.glassbox.Engine;
import dev.glassbox.Result;

/**
 * Sim engine throughput and memory, each reported beside a baseline measured in the same run:
 * run → stop → rm lifecycles of nginx against `docker version` round trips through the same layers,
 * and heap per running nginx container against the heap of the engine before any container ran.
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

    public static void main(String[] args) {
        int warm = Integer.getInteger("bench.warmup", 200);
        int n = Integer.getInteger("bench.n", 1000);
        int running = Integer.getInteger("bench.running", 200);
        for (boolean capture : new boolean[] {false, true}) {
            try (Engine e = Engine.sim(Engine.DEFAULT_SEED, capture)) {
                must(e, "docker pull nginx");
                for (int i = 0; i < warm; i++) {
                    must(e, "docker version");
                    must(e, "docker run -d --name web nginx && docker stop web && docker rm web");
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    must(e, "docker version");
                }
                double base = perSecond(n, System.nanoTime() - t0);
                t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    must(e, "docker run -d --name web nginx && docker stop web && docker rm web");
                }
                double life = perSecond(n, System.nanoTime() - t0);
                System.out.printf("trace state capture %-3s: %8.0f lifecycles/s (run -d nginx, stop, rm) | baseline %8.0f `docker version`/s | ratio %.3f%n",
                        capture ? "on" : "off", life, base, life / base);
            }
        }
        try (Engine e = Engine.sim(Engine.DEFAULT_SEED, false)) {
            must(e, "docker pull nginx");
            long before = usedHeap();
            for (int i = 0; i < running; i++) {
                must(e, "docker run -d --name c" + i + " nginx");
            }
            long after = usedHeap();
            long per = (after - before) / running;
            System.out.printf("heap: %d bytes per running nginx container (%d containers, 3 processes each) | baseline engine heap %d bytes | ratio %.4f%n",
                    per, running, before, per / (double) before);
        }
    }
}
