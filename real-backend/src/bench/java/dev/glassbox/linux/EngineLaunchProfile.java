package dev.glassbox.linux;

import dev.glassbox.Engine;
import dev.glassbox.trace.TraceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the time of {@code docker run --rm busybox true} goes on the Linux kernel: the median, over
 * the runs, of the time from each trace event to the next (an event is noted just before its step
 * runs, so that is roughly the step's own time). Needs root. Args: the docker command's flags
 * (default "--network none"); -Dbench.n=N runs.
 */
public final class EngineLaunchProfile {
    private EngineLaunchProfile() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 15);
        long pause = Long.getLong("bench.pause", 0); // ms between runs: lets the kernel finish tearing down the last one
        String flags = args.length == 0 ? "--network none" : String.join(" ", args);
        String line = "docker run --rm " + flags + " busybox true";
        Path tmp = Files.createTempDirectory("glassbox-profile");
        try (Engine e = LinuxEngine.open(LinuxKernel.Options.at(tmp.resolve("state")).named("profile"), false)) {
            e.run("docker pull busybox");
            List<TraceEvent> shape = null;
            List<long[]> deltas = new ArrayList<>();
            long[] totals = new long[n];
            for (int i = -3; i < n; i++) {
                Thread.sleep(pause);
                long t0 = System.nanoTime();
                e.run(line);
                long total = (System.nanoTime() - t0) / 1_000_000;
                List<TraceEvent> ev = e.lastTrace().events();
                if (i < 0) {
                    continue;
                }
                totals[i] = total;
                if (shape == null) {
                    shape = ev;
                }
                if (ev.size() != shape.size()) {
                    continue;
                }
                long[] d = new long[ev.size()];
                for (int k = 0; k + 1 < ev.size(); k++) {
                    d[k] = ev.get(k + 1).timeMillis() - ev.get(k).timeMillis();
                }
                deltas.add(d);
            }
            Arrays.sort(totals);
            System.out.printf("%s: median %d ms over %d runs; per step (median ms until the next event):%n", line, totals[n / 2], n);
            for (int k = 0; k < shape.size(); k++) {
                long[] col = new long[deltas.size()];
                for (int r = 0; r < deltas.size(); r++) {
                    col[r] = deltas.get(r)[k];
                }
                Arrays.sort(col);
                TraceEvent t = shape.get(k);
                String eq = t.equivalent().length() > 70 ? t.equivalent().substring(0, 70) + "…" : t.equivalent();
                System.out.printf("%4d  %-9s %-28s %s%n", col[col.length / 2], t.layer(), t.action(), eq);
            }
        } finally {
            Cmd.run(List.of("rm", "-rf", tmp.toString()), 60_000);
        }
    }
}
