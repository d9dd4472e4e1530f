package dev.glassbox.bench;

import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import dev.glassbox.linux.Cmd;
import dev.glassbox.linux.image.LocalHub;
import dev.glassbox.linux.image.OciLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How long LocalHub takes to build busybox and nginx from the host's binaries, beside a baseline
 * measured in the same run: reading the same host files (busybox, nginx, the files ldd names) into
 * memory and nothing else. The first build in the JVM is reported as cold; then the median of
 * repeated builds, each on a fresh LocalHub. Also the images' sizes and an OCI layout write and read.
 * Run: mvn -q -Pbench-images -pl real-backend -am verify -DskipTests
 */
public final class LocalImagesBench {
    private LocalImagesBench() {}

    public static void main(String[] args) throws IOException {
        int n = Integer.getInteger("bench.n", 9);
        List<Path> files = hostFiles();
        long t0 = System.nanoTime();
        long bytes = readAll(files);
        double readCold = ms(t0);
        t0 = System.nanoTime();
        LocalHub hub = LocalHub.fromHost();
        Image busybox = hub.resolve(ImageRef.parse("busybox")).orElseThrow();
        Image nginx = hub.resolve(ImageRef.parse("nginx")).orElseThrow();
        double buildCold = ms(t0);
        System.out.printf("cold: build busybox+nginx %.0f ms | baseline: read the same %d host files (%d bytes) %.1f ms | ratio %.1f%n",
                buildCold, files.size(), bytes, readCold, buildCold / readCold);

        List<Double> reads = new ArrayList<>();
        List<Double> builds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t0 = System.nanoTime();
            readAll(files);
            reads.add(ms(t0));
            t0 = System.nanoTime();
            LocalHub fresh = LocalHub.fromHost();
            fresh.resolve(ImageRef.parse("busybox")).orElseThrow();
            fresh.resolve(ImageRef.parse("nginx")).orElseThrow();
            builds.add(ms(t0));
        }
        System.out.printf("warm (median of %d): build busybox+nginx %.0f ms | baseline read %.1f ms | ratio %.1f%n",
                n, median(builds), median(reads), median(builds) / median(reads));
        t0 = System.nanoTime();
        hub.resolve(ImageRef.parse("nginx")).orElseThrow();
        System.out.printf("cached: resolve nginx again %.3f ms%n", ms(t0));

        for (Image image : List.of(busybox, nginx)) {
            String name = image == busybox ? "busybox" : "nginx";
            long compressed = image.layers().stream().mapToLong(Layer::size).sum();
            long tar = image.layers().stream().mapToLong(Layer::uncompressedSize).sum();
            System.out.printf("%-8s %s  layers %d  content %,d B  tar %,d B  gzip %,d B  entries %d%n", name,
                    image.id().shortId(), image.layers().size(), image.size(), tar, compressed,
                    image.layers().stream().mapToInt(l -> l.entries().size()).sum());
        }

        Path dir = Files.createTempDirectory("glassbox-bench-oci-");
        try {
            OciLayout layout = new OciLayout(dir);
            t0 = System.nanoTime();
            layout.write(busybox, "busybox");
            layout.write(nginx, "nginx");
            double write = ms(t0);
            t0 = System.nanoTime();
            new OciLayout(dir).read("busybox").orElseThrow();
            new OciLayout(dir).read("nginx").orElseThrow();
            double read = ms(t0);
            long onDisk;
            try (Stream<Path> s = Files.walk(dir)) {
                onDisk = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf("OCI layout: write both %.0f ms, read both back (digests checked) %.0f ms, %,d B on disk%n",
                    write, read, onDisk);
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The host files the two images copy: busybox, nginx and the real files behind what ldd names. */
    private static List<Path> hostFiles() throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        files.add(Path.of("/bin/busybox").toRealPath());
        Path nginx = Path.of("/usr/sbin/nginx");
        if (Files.isExecutable(nginx)) {
            files.add(nginx.toRealPath());
            for (String line : Cmd.check(List.of("ldd", nginx.toString())).stdout().split("\n")) {
                String[] words = line.strip().split("\\s+");
                String p = line.contains("=>") ? words[2] : words[0];
                if (p.startsWith("/")) {
                    files.add(Path.of(p).toRealPath());
                }
            }
        }
        return List.copyOf(files);
    }

    private static long readAll(List<Path> files) throws IOException {
        long n = 0;
        for (Path p : files) {
            n += Files.readAllBytes(p).length;
        }
        return n;
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
