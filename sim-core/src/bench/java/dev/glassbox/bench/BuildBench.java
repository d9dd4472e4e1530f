package dev.glassbox.bench;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;

/**
 * The classic build cache's payoff on the sim kernel: a 6-step Dockerfile (FROM, ENV, WORKDIR, COPY,
 * RUN, CMD) built cold ({@code --no-cache}: every step runs, RUN in a build container) against the same
 * build fully cached, alternating in the same run (medians). The cached build must take under 10 % of the cold one.
 * Run: mvn -o -q -Pbench -pl sim-core test-compile exec:java@build-bench
 */
public final class BuildBench {
    private BuildBench() {}

    private static void must(Engine e, String line) {
        Result r = e.run(line);
        if (!r.ok()) {
            throw new IllegalStateException(line + " failed: " + r.text());
        }
    }

    private static double millis(Engine e, String line) {
        long t0 = System.nanoTime();
        must(e, line);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    public static void main(String[] args) {
        int warm = Integer.getInteger("bench.warmup", 30);
        int n = Integer.getInteger("bench.n", 100);
        try (Engine e = Engine.sim(Engine.DEFAULT_SEED, false)) {
            ((MemoryWorkspace) e.workspace())
                    .put("/home/student/app/Dockerfile", "FROM alpine\nENV GREETING=hello\nWORKDIR /app\nCOPY hello.txt .\n"
                            + "RUN cat hello.txt && echo $GREETING > /app/out.txt\nCMD [\"cat\", \"/app/out.txt\"]\n")
                    .put("/home/student/app/hello.txt", "hi there\n");
            must(e, "docker pull alpine");
            for (int i = 0; i < warm; i++) {
                must(e, "docker build --no-cache -t bench app");
                must(e, "docker build -t bench app");
            }
            // cold and cached builds alternate, so both see the same machine; medians, so a stall elsewhere counts once
            double[] cold = new double[n];
            double[] cached = new double[n];
            for (int i = 0; i < n; i++) {
                cold[i] = millis(e, "docker build --no-cache -t bench app");
                cached[i] = millis(e, "docker build -t bench app");
            }
            double c = median(cold);
            double h = median(cached);
            System.out.printf("6-step build on the sim kernel, median of %d: cold (--no-cache) %.2f ms | fully cached %.2f ms | cached/cold %.3f (%s 0.10)%n",
                    n, c, h, h / c, h / c < 0.10 ? "under" : "NOT under");
        }
    }
}
