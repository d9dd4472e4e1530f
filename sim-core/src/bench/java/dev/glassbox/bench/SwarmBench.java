package dev.glassbox.bench;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.world.World;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time and heap to start a 3-node swarm (init, two joins) with a 10-replica nginx service on the sim world,
 * median of 5 rounds after 2 warm-ups, state capture off. Run: mvn -o -q -Pbench -pl sim-core test-compile exec:java@swarm-bench
 */
public final class SwarmBench {
    private SwarmBench() {}

    private static Result must(Engine e, String line) {
        Result r = e.run(line);
        if (!r.ok()) {
            throw new IllegalStateException(line + " failed: " + r.text());
        }
        return r;
    }

    private static long[] round() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        try (World w = World.sim(Engine.DEFAULT_SEED, false)) {
            Engine e = w.engine();
            must(e, "node add worker1");
            must(e, "node add worker2");
            Matcher m = Pattern.compile("--token (\\S+)").matcher(must(e, "docker swarm init").out());
            m.find();
            must(e, "docker -H worker1 swarm join --token " + m.group(1) + " 10.0.2.15:2377");
            must(e, "docker -H worker2 swarm join --token " + m.group(1) + " 10.0.2.15:2377");
            must(e, "docker service create -d --name web --replicas 10 -p 8080:80 nginx");
            long t1 = System.nanoTime();
            System.gc();
            long after = rt.totalMemory() - rt.freeMemory();
            return new long[] {(t1 - t0) / 1_000_000, Math.max(0, after - before) / (1024 * 1024)};
        }
    }

    public static void main(String[] args) {
        round();
        round();
        long[] ms = new long[5];
        long[] mb = new long[5];
        for (int i = 0; i < 5; i++) {
            long[] r = round();
            ms[i] = r[0];
            mb[i] = r[1];
        }
        java.util.Arrays.sort(ms);
        java.util.Arrays.sort(mb);
        System.out.println("3-node swarm, 10 nginx replicas: " + ms[2] + " ms (median of 5), " + mb[2] + " MiB heap held by the world");
    }
}
