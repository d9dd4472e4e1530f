package dev.glassbox.bench;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.api.Api;
import dev.glassbox.daemon.DaemonOptions;
import dev.glassbox.daemon.storage.DriverKind;
import java.util.List;

/**
 * overlay2 against vfs on the sim kernel, in one process: the same images pulled and the same
 * containers created and run under each driver, alternating rounds (medians of the times); the disk
 * bytes come from GET /system/df (the layers' directories and the containers' own). Prints vfs/overlay2
 * ratios. Run: mvn -o -q -Pbench -pl sim-core test-compile exec:java@storage-bench
 */
public final class StorageDriverBench {
    private static final List<String> IMAGES = List.of("busybox", "alpine", "nginx", "redis");
    private static final int CONTAINERS_PER_IMAGE = 3;

    private StorageDriverBench() {}

    private record Round(double pullMillis, double runMillis, long layerBytes, long containerBytes) {}

    private static void must(Engine e, String line) {
        Result r = e.run(line);
        if (!r.ok()) {
            throw new IllegalStateException(line + " failed: " + r.text());
        }
    }

    private static Round round(DriverKind kind) {
        try (Engine e = Engine.sim(Engine.DEFAULT_SEED, false, DaemonOptions.DEFAULT.withStorageDriver(kind.id()))) {
            long t0 = System.nanoTime();
            for (String image : IMAGES) {
                must(e, "docker pull " + image);
            }
            long t1 = System.nanoTime();
            for (String image : IMAGES) {
                for (int i = 0; i < CONTAINERS_PER_IMAGE; i++) {
                    must(e, "docker run --name " + image + i + " " + image + " sh -c 'echo " + i + " > /written'");
                }
            }
            long t2 = System.nanoTime();
            Api.DiskUsage df = e.api().diskUsage();
            long containers = df.containerSizes().values().stream().mapToLong(Long::longValue).sum();
            return new Round((t1 - t0) / 1e6, (t2 - t1) / 1e6, df.layersSize(), containers);
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    public static void main(String[] args) {
        int warm = Integer.getInteger("bench.warmup", 3);
        int n = Integer.getInteger("bench.n", 9);
        for (int i = 0; i < warm; i++) {
            round(DriverKind.OVERLAY2);
            round(DriverKind.VFS);
        }
        double[][] pull = new double[2][n];
        double[][] run = new double[2][n];
        Round[] last = new Round[2];
        for (int i = 0; i < n; i++) {
            for (DriverKind k : DriverKind.values()) {
                Round r = round(k);
                pull[k.ordinal()][i] = r.pullMillis();
                run[k.ordinal()][i] = r.runMillis();
                last[k.ordinal()] = r; // the bytes are the same every round: the sim kernel is deterministic
            }
        }
        int o = DriverKind.OVERLAY2.ordinal();
        int v = DriverKind.VFS.ordinal();
        int containers = IMAGES.size() * CONTAINERS_PER_IMAGE;
        System.out.printf("%d images (%s), %d containers each writing one file; medians of %d rounds, sim kernel%n",
                IMAGES.size(), String.join(", ", IMAGES), containers, n);
        for (DriverKind k : DriverKind.values()) {
            int i = k.ordinal();
            System.out.printf("  %-8s pull %8.1f ms | run %8.1f ms | layers %,14d B | containers %,14d B%n", k.id(),
                    median(pull[i]), median(run[i]), last[i].layerBytes(), last[i].containerBytes());
        }
        System.out.printf("  vfs/overlay2: pull time %.2f | run time %.2f | layer bytes %.2f | total bytes %.2f"
                        + " (a container costs %,d B under overlay2, %,d B under vfs: two full copies of its image)%n",
                median(pull[v]) / median(pull[o]), median(run[v]) / median(run[o]),
                (double) last[v].layerBytes() / last[o].layerBytes(),
                (double) (last[v].layerBytes() + last[v].containerBytes()) / (last[o].layerBytes() + last[o].containerBytes()),
                last[o].containerBytes() / containers, last[v].containerBytes() / containers);
    }
}
