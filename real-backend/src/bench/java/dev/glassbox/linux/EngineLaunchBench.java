package dev.glassbox.linux;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code docker run --rm busybox true} through the whole engine (client → api → daemon → runtime →
 * Linux kernel), start to exit, beside the same rootfs started by a bare unshare, by runc and by crun
 * (where installed), all in one run. Needs root. Run: mvn -q -Pbench -pl real-backend verify -DskipTests
 */
public final class EngineLaunchBench {
    private EngineLaunchBench() {}

    interface Step {
        void run() throws Exception;
    }

    private static double median(int n, Step step) throws Exception {
        List<Long> t = new ArrayList<>();
        for (int i = -3; i < n; i++) {
            long t0 = System.nanoTime();
            step.run();
            if (i >= 0) {
                t.add(System.nanoTime() - t0);
            }
        }
        Collections.sort(t);
        return t.get(t.size() / 2) / 1e6;
    }

    private static void sh(List<String> argv, Path cwd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + p.exitValue() + ": " + out);
        }
    }

    private static void engineRun(Engine e, String line) {
        Result r = e.run(line);
        if (r.exitStatus() != 0) {
            throw new IllegalStateException(line + ": " + r.text());
        }
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 20);
        Path tmp = Files.createTempDirectory("glassbox-engine-bench");
        Path bundle = tmp.resolve("bundle");
        Path rootfs = bundle.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        Files.createSymbolicLink(rootfs.resolve("bin/true"), Path.of("busybox"));
        Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
        List<String> lines;
        try {
            lines = measure(n, tmp, bundle, rootfs);
        } finally {
            Cmd.run(List.of("rm", "-rf", tmp.toString()), 60_000);
        }
        System.out.printf("glassbox engine launch bench, start to exit, median of %d rounds (3 warm-up rounds dropped); each round runs every variant once:%n", n);
        lines.forEach(System.out::println);
    }

    /** Every row's figure, as a line; {@code tmp} holds the rootfs and the engine's state. */
    private static List<String> measure(int n, Path tmp, Path bundle, Path rootfs) throws Exception {
        List<String> lines = new ArrayList<>();
        // every variant runs once per round, round after round, so that a machine that slows down or
        // speeds up during the run weighs on all of them alike
        java.util.LinkedHashMap<String, Step> variants = new java.util.LinkedHashMap<>();
        variants.put("unshare --fork --pid --mount --uts --ipc --net --root ROOTFS /bin/true (the floor)",
                () -> sh(List.of("unshare", "--fork", "--pid", "--mount", "--uts", "--ipc", "--net", "--root", rootfs.toString(), "/bin/true"), tmp));
        int[] k = {0};
        if (Cmd.onPath("runc")) {
            sh(List.of("runc", "spec"), bundle);
            String spec = Files.readString(bundle.resolve("config.json")).replace("\"terminal\": true", "\"terminal\": false")
                    .replace("\"sh\"", "\"/bin/true\"");
            Files.writeString(bundle.resolve("config.json"), spec);
            variants.put("runc run (same rootfs, no network)", () -> sh(List.of("runc", "--root", tmp.resolve("runc-state").toString(), "run",
                    "--bundle", bundle.toString(), "glassbox-bench-" + k[0]++), tmp));
        } else {
            lines.add("  runc and crun: not installed (apt-get install runc crun)");
        }
        if (Cmd.onPath("crun") && Cmd.onPath("runc")) {
            Step crun = () -> sh(List.of("unshare", "-m", "sh", "-c", "umount /sys/fs/cgroup/unified 2>/dev/null; crun --root "
                    + tmp.resolve("crun-state") + " run --bundle " + bundle + " glassbox-bench-c" + k[0]++), tmp);
            try {
                crun.run();
                variants.put("crun run (same rootfs, no network)", crun);
            } catch (IllegalStateException e) {
                lines.add("  crun: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Engine e = LinuxEngine.open(LinuxKernel.Options.at(tmp.resolve("state")).named("bench"), false)) {
            engineRun(e, "docker pull busybox");
            variants.put("glassbox docker run --rm --network none busybox true", () -> engineRun(e, "docker run --rm --network none busybox true"));
            variants.put("glassbox docker run --rm busybox true (bridge, veth)", () -> engineRun(e, "docker run --rm busybox true"));
            variants.put("glassbox docker run --rm -p " + port + ":80 busybox true (bridge, published port)",
                    () -> engineRun(e, "docker run --rm -p " + port + ":80 busybox true"));
            java.util.Map<String, List<Long>> times = new java.util.LinkedHashMap<>();
            variants.keySet().forEach(name -> times.put(name, new ArrayList<>()));
            for (int i = -3; i < n; i++) {
                for (var v : variants.entrySet()) {
                    long t0 = System.nanoTime();
                    v.getValue().run();
                    if (i >= 0) {
                        times.get(v.getKey()).add(System.nanoTime() - t0);
                    }
                }
            }
            double floor = 0;
            double crun = 0;
            for (var t : times.entrySet()) {
                List<Long> l = new ArrayList<>(t.getValue());
                Collections.sort(l);
                double ms = l.get(l.size() / 2) / 1e6;
                if (floor == 0) {
                    floor = ms;
                    lines.add(String.format("  %s: %.1f ms", t.getKey(), ms));
                    continue;
                }
                if (t.getKey().startsWith("crun")) {
                    crun = ms;
                }
                lines.add(String.format("  %s: %.1f ms (%.1fx the floor%s)", t.getKey(), ms, ms / floor,
                        crun > 0 && t.getKey().startsWith("glassbox") ? String.format(", %.2fx crun", ms / crun) : ""));
            }
        }
        try (Engine e = LinuxEngine.open(LinuxKernel.Options.at(tmp.resolve("state")).named("bench"), true)) {
            engineRun(e, "docker pull busybox");
            double traced = median(n, () -> engineRun(e, "docker run --rm busybox true"));
            lines.add(String.format("  … bridge, with the trace's state captured at every step (the REPL's default), run apart: %.1f ms", traced));
        }
        return lines;
    }
}
