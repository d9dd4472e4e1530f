package dev.glassbox.bench;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.lab.ContainerGoal;
import dev.glassbox.lab.FileGoal;
import dev.glassbox.lab.Goal;
import dev.glassbox.lab.InspectGoal;
import dev.glassbox.lab.Lab;
import dev.glassbox.lab.Lesson;
import dev.glassbox.lab.PortGoal;
import dev.glassbox.lab.ProgressStore;
import dev.glassbox.lab.ReachGoal;
import dev.glassbox.lab.Step;
import dev.glassbox.lab.TraceGoal;
import java.util.ArrayList;
import java.util.List;

/**
 * What checking a lesson's goals after every command costs, as steps get more goals and the engine more
 * containers: each command (`docker ps`) run alone (the baseline, in the same engine and process) against
 * the same command followed by the lab's check of a step whose goals are never all met, so every command
 * checks them all. Run: mvn -q -Pbench -pl tutorials verify -DskipTests (after mvn -q install -DskipTests).
 */
public final class LabCheckBench {
    private LabCheckBench() {}

    private static List<Goal> goals(int n, int containers) {
        List<Goal> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String c = "c" + (i % containers);
            out.add(switch (i % 6) {
                case 0 -> new ContainerGoal("g" + i, null, c, "running", "nginx", null, null, null);
                case 1 -> new PortGoal("g" + i, null, 9000 + i % containers, c, 80, null);
                case 2 -> new FileGoal("g" + i, null, c, "/etc/nginx/nginx.conf", "worker_processes", null, null);
                case 3 -> new InspectGoal("g" + i, null, c, null, null, null, "HostConfig.Memory", "0", null);
                case 4 -> new ReachGoal("g" + i, null, c, "c" + ((i + 1) % containers));
                default -> new TraceGoal("g" + i, null, "kernel", null, "DNAT"); // latched: met by the setup's last run
            });
        }
        out.add(new ContainerGoal("never", null, "never-there", "running", null, null, null, null));
        return out;
    }

    private static Lab lab(int goals, int containers) {
        List<String> setup = new ArrayList<>(List.of("docker network create appnet"));
        for (int i = 0; i < containers; i++) {
            setup.add("docker run -d --name c" + i + " --network appnet -p " + (9000 + i) + ":80 nginx");
        }
        Step step = new Step("never met", "", List.of(), goals(goals, containers), List.of("h"), List.of("docker ps"), null, null);
        Lesson lesson = new Lesson("bench", 1, "bench", "", List.of(), List.of("sim"), setup, List.of(step), List.of(), "bench.yaml");
        return Lab.start(lesson, () -> Engine.sim(Engine.DEFAULT_SEED, true), ProgressStore.memory(null), () -> 0L);
    }

    private static long median(long[] xs) {
        long[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    public static void main(String[] args) {
        int rounds = Integer.getInteger("bench.n", 300);
        System.out.println("goal checking after each command (`docker ps`), median of " + rounds + " interleaved rounds:");
        System.out.println("(after: what the REPL does after each command; view: what the pane shows, every goal checked)");
        System.out.println("containers  goals   command alone   after (µs, ratio)   view (µs, ratio)");
        for (int containers : new int[] {2, 10, 40}) {
            for (int g : new int[] {1, 6, 24, 96}) {
                Lab lab = lab(g, containers);
                lab.after(); // the setup ended with a run -p: its DNAT step latches the trace goals
                Engine e = lab.engine();
                int warm = 200;
                long[] alone = new long[rounds];
                long[] after = new long[rounds];
                long[] view = new long[rounds];
                for (int i = 0; i < rounds + warm; i++) {
                    long t0 = System.nanoTime();
                    Result r = e.run("docker ps");
                    long t1 = System.nanoTime();
                    lab.after();
                    long t2 = System.nanoTime();
                    Lab.StepView v = lab.view();
                    long t3 = System.nanoTime();
                    if (!r.ok() || v.goals().size() != g + 1 || v.goals().stream().filter(Lab.GoalView::met).count() != g) {
                        throw new IllegalStateException("every goal but one is met: " + v.goals());
                    }
                    if (i >= warm) {
                        alone[i - warm] = t1 - t0;
                        after[i - warm] = t2 - t1;
                        view[i - warm] = t3 - t2;
                    }
                }
                long a = median(alone);
                long af = median(after);
                long vw = median(view);
                System.out.printf("%10d %6d %12.0f µs %10.0f %6.2f %11.0f %6.2f%n", containers, g + 1, a / 1e3, af / 1e3, (double) af / a,
                        vw / 1e3, (double) vw / a);
                e.close();
            }
        }
    }
}
