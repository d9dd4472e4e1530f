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
 * (the benchmarks run in a JVM started with the options {@code ./glassbox} starts the daemon's with).
 * <p>
 * The other commands are started and timed by a small C program ({@code bench-timer.c}), not by the
 * JVM, whose way of spawning a process costs about a millisecond more than fork and exec.
 * <p>
 * Two phases: a daemon just started (3 warm-up rounds), then the same daemon after {@code
 * bench.warm} more runs of each variant, when the JIT compiler has compiled what a run executes (as
 * in a daemon that has been up for a while).
 */
public final class EngineLaunchBench {
    private EngineLaunchBench() {}

    /** The C timer: one process, started once, that runs and times a command per request. */
    static final class Timer implements AutoCloseable {
        private final Process p;
        private final java.io.BufferedReader answers;
        private final Path out;

        Timer(Path tmp) throws IOException, InterruptedException {
            Path src = tmp.resolve("bench-timer.c");
            try (var in = EngineLaunchBench.class.getResourceAsStream("bench-timer.c")) {
                if (in == null) {
                    throw new IllegalStateException("bench-timer.c is missing from the bench classpath");
                }
                Files.write(src, in.readAllBytes());
            }
            Path bin = tmp.resolve("bench-timer");
            Cmd.run(List.of("cc", "-O2", "-o", bin.toString(), src.toString()), 60_000).orThrow();
            out = tmp.resolve("bench-timer.out");
            p = new ProcessBuilder(bin.toString(), out.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            answers = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        }

        /** Runs argv (in the bench's temp dir, where every path is absolute) and returns its wall time in ns. */
        long time(List<String> argv) throws IOException {
            p.getOutputStream().write((String.join("\t", argv) + "\n").getBytes());
            p.getOutputStream().flush();
            String[] a = answers.readLine().split(" ");
            if (!a[0].equals("0")) {
                throw new IllegalStateException(String.join(" ", argv) + " exited " + a[0] + ": " + Files.readString(out));
            }
            return Long.parseLong(a[1]);
        }

        @Override
        public void close() throws InterruptedException, IOException {
            p.getOutputStream().close();
            p.waitFor();
        }
    }

    /** A variant of the launch, timed in ns. */
    interface Timed {
        long run() throws Exception;
    }

    private static long engineRun(Engine e, String line) {
        long t0 = System.nanoTime();
        Result r = e.run(line);
        long t = System.nanoTime() - t0;
        if (r.exitStatus() != 0) {
            throw new IllegalStateException(line + ": " + r.text());
        }
        return t;
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 20);
        int warm = Integer.getInteger("bench.warm", 200);
        Path tmp = Files.createTempDirectory("glassbox-engine-bench");
        Path bundle = tmp.resolve("bundle");
        Path rootfs = bundle.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        Files.createSymbolicLink(rootfs.resolve("bin/true"), Path.of("busybox"));
        Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
        // runc's and crun's state directories on a tmpfs, as their defaults (/run/runc, /run/crun) are,
        // and as glassbox's run directory is
        Path runtimeState = Files.isDirectory(Path.of("/dev/shm")) ? Files.createTempDirectory(Path.of("/dev/shm"), "glassbox-bench-")
                : tmp.resolve("runtime-state");
        List<String> lines;
        try {
            lines = measure(n, warm, tmp, runtimeState, bundle, rootfs);
        } finally {
            Cmd.run(List.of("rm", "-rf", tmp.toString(), runtimeState.toString()), 60_000);
        }
        System.out.printf("glassbox engine launch bench, start to exit, median of %d rounds; each round runs every variant once; JVM options %s:%n",
                n, java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X")).toList());
        lines.forEach(System.out::println);
    }

    /** Every row's figure, as a line; {@code tmp} holds the rootfs and the engine's state. */
    private static List<String> measure(int n, int warm, Path tmp, Path runtimeState, Path bundle, Path rootfs) throws Exception {
        List<String> lines = new ArrayList<>();
        // every variant runs once per round, round after round, so that a machine that slows down or
        // speeds up during the run weighs on all of them alike
        java.util.LinkedHashMap<String, Timed> variants = new java.util.LinkedHashMap<>();
        try (Timer timer = new Timer(tmp)) {
            variants.put("unshare --fork --pid --mount --uts --ipc --net --root ROOTFS /bin/true (the floor)",
                    () -> timer.time(List.of("unshare", "--fork", "--pid", "--mount", "--uts", "--ipc", "--net", "--root", rootfs.toString(), "/bin/true")));
            int[] k = {0};
            if (Cmd.onPath("runc")) {
                Cmd.run(List.of("sh", "-c", "cd " + bundle + " && runc spec"), 10_000).orThrow();
                String spec = Files.readString(bundle.resolve("config.json")).replace("\"terminal\": true", "\"terminal\": false")
                        .replace("\"sh\"", "\"/bin/true\"");
                Files.writeString(bundle.resolve("config.json"), spec);
                variants.put("runc run (same rootfs, no network)", () -> timer.time(List.of("runc", "--root", runtimeState.resolve("runc").toString(),
                        "run", "--bundle", bundle.toString(), "glassbox-bench-" + k[0]++)));
            } else {
                lines.add("  runc and crun: not installed (apt-get install runc crun)");
            }
            if (Cmd.onPath("crun") && Cmd.onPath("runc")) {
                // crun refuses this machine's hybrid cgroup layout unless the empty v2 mount is out of its sight
                Timed crun = () -> timer.time(List.of("unshare", "-m", "sh", "-c", "umount /sys/fs/cgroup/unified 2>/dev/null; exec crun --root "
                        + runtimeState.resolve("crun") + " run --bundle " + bundle + " glassbox-bench-c" + k[0]++));
                try {
                    crun.run();
                    variants.put("crun run (same rootfs, no network; under unshare -m sh, see the issue)", crun);
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
                List<String> ours = List.of("docker run --rm --network none busybox true", "docker run --rm busybox true",
                        "docker run --rm -p " + port + ":80 busybox true");
                variants.put("glassbox docker run --rm --network none busybox true", () -> engineRun(e, ours.get(0)));
                variants.put("glassbox docker run --rm busybox true (bridge, veth)", () -> engineRun(e, ours.get(1)));
                variants.put("glassbox docker run --rm -p " + port + ":80 busybox true (bridge, published port)", () -> engineRun(e, ours.get(2)));
                lines.add(" a daemon just started (3 warm-up rounds dropped):");
                rounds(n, 3, variants, lines);
                long t0 = System.nanoTime();
                for (int i = 0; i < warm; i++) {
                    for (String line : ours) {
                        engineRun(e, line);
                    }
                }
                lines.add(String.format(" the same daemon after %d more runs of each glassbox variant (%.1f s):", warm, (System.nanoTime() - t0) / 1e9));
                rounds(n, 0, variants, lines);
            }
        }
        try (Engine e = LinuxEngine.open(LinuxKernel.Options.at(tmp.resolve("state")).named("bench"), true)) {
            engineRun(e, "docker pull busybox");
            List<Long> t = new ArrayList<>();
            for (int i = -3; i < n; i++) {
                long ns = engineRun(e, "docker run --rm busybox true");
                if (i >= 0) {
                    t.add(ns);
                }
            }
            Collections.sort(t);
            lines.add(String.format("  … bridge, with the trace's state captured at every step (the REPL's default), a daemon just started, run apart: %.1f ms",
                    t.get(t.size() / 2) / 1e6));
        }
        return lines;
    }

    /** n interleaved rounds after {@code skip} dropped ones: one line per variant, with its ratio to the floor and to crun. */
    private static void rounds(int n, int skip, java.util.Map<String, Timed> variants, List<String> lines) throws Exception {
        java.util.Map<String, List<Long>> times = new java.util.LinkedHashMap<>();
        variants.keySet().forEach(name -> times.put(name, new ArrayList<>()));
        for (int i = -skip; i < n; i++) {
            for (var v : variants.entrySet()) {
                long ns = v.getValue().run();
                if (i >= 0) {
                    times.get(v.getKey()).add(ns);
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
}
