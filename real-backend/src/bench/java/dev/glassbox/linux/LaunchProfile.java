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
 * profiles other flags, -Dbench.persist=false leaves out the daemon's state file).
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
        try (Engine e = persist ? LinuxEngine.open(o, false)
                : Engine.on(LinuxKernel.open(o), new dev.glassbox.registry.Registries(dev.glassbox.linux.image.LocalHub.fromHost(),
                        dev.glassbox.linux.image.HttpRegistry::at), false)) {
            e.run("docker pull busybox");
            List<long[]> marks = new ArrayList<>();
            List<String> names = new ArrayList<>();
            e.onTraceEvent(ev -> {
                names.add(ev.seq() + " " + ev.layer() + " " + ev.action());
                marks.add(new long[] {System.nanoTime()});
            });
            for (int i = -3; i < n; i++) {
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
        } finally {
            Cmd.run(List.of("rm", "-rf", tmp.toString()), 60_000);
        }
        System.out.printf("docker run --rm %s busybox true: median %.1f ms over %d runs; per step (time until the next step begins):%n",
                flags, median(totals), totals.size());
        perStep.forEach((k, v) -> System.out.printf("  %6.2f ms  %s%n", median(v), k));
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
