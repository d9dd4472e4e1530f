package dev.glassbox.web.bench;

import dev.glassbox.Engine;
import dev.glassbox.web.ClientLimits;
import dev.glassbox.web.Visualizer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded load test of the visualizer on 127.0.0.1 (about three minutes): 50, 100, 200, 300 and 400
 * sessions, each sending one command a second (a student's mix: run, ps, exec, images, inspect, rm), for
 * {@link #STAGE_MS} each after {@link #JOIN_MS} of joining, stopping early once the server is saturated. Then the same load with one more
 * session doing runaway work back to back (a shell loop, {@code yes}), to see what it costs the others.
 * The baseline, measured in the same run, is the same mix on an engine called directly, without HTTP or
 * sessions. The load generator shares the 2 cores. Each figure is the client's; the server's own share
 * (its Server-Timing: the engine's run, the session's save, the answer's JSON) is shown beside it.
 *
 * <p>{@code mvn -o -q -Pbench-web -pl web-visualizer -am verify -DskipTests}
 */
public final class LoadBench {
    static final List<String> MIX = List.of("docker run -d --name web1 nginx", "docker ps", "docker exec web1 hostname",
            "docker images", "docker inspect -f '{{.State.Status}}' web1", "docker rm -f web1");
    static final List<String> RUNAWAY = List.of("docker run --rm busybox sh -c 'while true; do :; done'", "docker run --rm busybox yes");
    static final int[] STAGES = {50, 100, 200, 300, 400};
    static final int GOAL_SESSIONS = 300;
    static final double GOAL_P99_MS = 100;
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f]{32})\"");
    static final Pattern TIMING = Pattern.compile("(\\w+);dur=([\\d.]+)");
    static final long STAGE_MS = 10_000;
    /**
     * The first seconds of a stage, one pass through the mix, are not counted: a stage's new sessions all begin with
     * their first `docker run` (the image pulled into a new engine) in the same second, which is a class joining, not
     * a class at work. Their p99 is printed apart.
     */
    static final long JOIN_MS = 6_000;
    /** Where each session is in the mix, kept across stages so that a session never runs web1 twice. */
    static final Map<String, AtomicInteger> CURSORS = new ConcurrentHashMap<>();
    /** A session whose last command has not answered yet skips its turn, as a user waits for the prompt. */
    static final Map<String, AtomicBoolean> BUSY = new ConcurrentHashMap<>();

    /** What one stage measured: client latencies and the server's share of each (ms). */
    record Figures(int sessions, int commands, int failed, int skipped, List<Double> client, Map<String, List<Double>> server, String runaway,
                   List<Double> joining) {
        double p99() {
            return pct(client, 0.99);
        }

        String line(double baseline) {
            StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "%4d sessions%s: %5d commands, %d failed, %d turns skipped, p50 %6.1f ms, p99 %6.1f ms (%.1f× baseline p99), max %6.1f ms; server p99:",
                    sessions, runaway == null ? "" : " + 1 runaway", commands, failed, skipped, pct(client, 0.5), p99(), p99() / baseline,
                    client.isEmpty() ? 0 : client.get(client.size() - 1)));
            server.forEach((k, v) -> b.append(String.format(java.util.Locale.ROOT, " %s %.1f", k, pct(v, 0.99))));
            if (runaway != null) {
                b.append("; runaway session: ").append(runaway);
            }
            if (!joining.isEmpty()) {
                b.append(String.format(java.util.Locale.ROOT, "; while the stage's new sessions made their first container (first %d s, not counted): p99 %.1f ms",
                        JOIN_MS / 1000, pct(joining, 0.99)));
            }
            return b.toString();
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("load average before (other work on this machine skews every figure): " + loadavg());
        double baseline = baseline();
        System.out.printf("baseline: the mix on an engine called directly: p99 %.1f ms%n", baseline);
        Path data = Files.createTempDirectory("glassbox-bench");
        // the load comes from one address: the bench raises the per-address connection limit, the server's default stays
        Visualizer.Options options = Visualizer.Options.defaults().withPort(0).withDataDir(data)
                .withClients(ClientLimits.defaults().withConnections(4 * STAGES[STAGES.length - 1]));
        try (Visualizer web = Visualizer.start(options)) {
            java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(8);
            HttpClient http = HttpClient.newBuilder().executor(pool).build();
            ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
            List<String> sessions = new ArrayList<>();
            stage(http, clock, web, sessions, 20, 10_000, false); // warm-up, not shown
            Map<Integer, Figures> plain = new TreeMap<>();
            int held = 0;
            boolean holding = true;
            for (int n : STAGES) {
                Figures f = stage(http, clock, web, sessions, n, STAGE_MS, false);
                System.out.println(f.line(baseline));
                plain.put(n, f);
                holding &= f.p99() <= GOAL_P99_MS && f.failed() == 0; // held: this stage and every smaller one
                if (holding) {
                    held = n;
                }
                if (f.p99() > 20 * GOAL_P99_MS) {
                    System.out.println("      saturated: the next stages are not run (they would only queue)");
                    break;
                }
            }
            System.out.printf("sessions held with one command a second each and p99 <= %.0f ms (at that stage and every one below): %d%n",
                    GOAL_P99_MS, held);
            Set<Integer> variants = new LinkedHashSet<>();
            variants.add(Math.min(GOAL_SESSIONS, sessions.size()));
            if (held > 0) {
                variants.add(held);
            }
            for (int n : variants) {
                Figures without = plain.containsKey(n) ? plain.get(n) : stage(http, clock, web, sessions, n, STAGE_MS, false);
                Figures with = stage(http, clock, web, sessions, n, STAGE_MS, true);
                System.out.printf("runaway work in one more session, the others' p99: %.1f ms without it, %.1f ms with it%n", without.p99(), with.p99());
                System.out.println(with.line(baseline));
            }
            System.out.println("load average after: " + loadavg());
            clock.shutdownNow();
            pool.shutdownNow(); // its threads would keep the JVM up
        } finally {
            try (java.util.stream.Stream<Path> files = Files.walk(data)) { // the sessions' files: nothing is left in /tmp
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static Figures stage(HttpClient http, ScheduledExecutorService clock, Visualizer web, List<String> sessions, int n,
            long millis, boolean runaway) throws Exception {
        while (sessions.size() < n) {
            sessions.add(newSession(http, web));
        }
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Double> joining = new ConcurrentLinkedQueue<>();
        long counted = System.nanoTime() + JOIN_MS * 1_000_000;
        Map<String, ConcurrentLinkedQueue<Double>> server = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        List<ScheduledFuture<?>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = sessions.get(i);
            AtomicInteger next = CURSORS.computeIfAbsent(id, k -> new AtomicInteger());
            long phase = (long) (1000.0 * i / n);
            AtomicBoolean busy = BUSY.computeIfAbsent(id, k -> new AtomicBoolean());
            tasks.add(clock.scheduleAtFixedRate(() -> {
                if (!busy.compareAndSet(false, true)) {
                    skipped.incrementAndGet();
                    return;
                }
                String line = MIX.get(next.getAndIncrement() % MIX.size());
                long t0 = System.nanoTime();
                http.sendAsync(command(web, id, line), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                    (t0 >= counted ? latencies : joining).add((System.nanoTime() - t0) / 1e6);
                    busy.set(false);
                    if (e != null || r.statusCode() != 200 || !r.body().contains("\"exitStatus\":0")) {
                        errors.incrementAndGet();
                        return;
                    }
                    if (t0 < counted) {
                        return;
                    }
                    Matcher m = TIMING.matcher(r.headers().firstValue("Server-Timing").orElse(""));
                    while (m.find()) {
                        server.computeIfAbsent(m.group(1), k -> new ConcurrentLinkedQueue<>()).add(Double.parseDouble(m.group(2)));
                    }
                });
            }, phase, 1000, TimeUnit.MILLISECONDS));
        }
        Runaway loop = runaway ? new Runaway(http, web, newSession(http, web)) : null;
        Thread runner = null;
        if (loop != null) {
            runner = new Thread(loop, "runaway");
            runner.start();
        }
        Thread.sleep(JOIN_MS + millis);
        tasks.forEach(t -> t.cancel(false));
        if (loop != null) {
            loop.stop = true;
            runner.join(30_000);
        }
        Thread.sleep(300);
        List<Double> xs = sorted(latencies);
        Map<String, List<Double>> byPart = new TreeMap<>();
        server.forEach((k, v) -> byPart.put(k, sorted(v)));
        return new Figures(n, xs.size(), errors.get(), skipped.get(), xs, byPart, loop == null ? null : loop.toString(), sorted(joining));
    }

    /** One session sending runaway work, each command as soon as the previous one answered. */
    static final class Runaway implements Runnable {
        final HttpClient http;
        final Visualizer web;
        final String id;
        volatile boolean stop;
        int refused;
        final List<Double> took = Collections.synchronizedList(new ArrayList<>());
        final Set<Integer> statuses = ConcurrentHashMap.newKeySet();

        Runaway(HttpClient http, Visualizer web, String id) {
            this.http = http;
            this.web = web;
            this.id = id;
        }

        @Override
        public void run() {
            for (int i = 0; !stop; i++) {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> r = http.send(command(web, id, RUNAWAY.get(i % RUNAWAY.size())), HttpResponse.BodyHandlers.ofString());
                    statuses.add(r.statusCode());
                    if (r.statusCode() != 200) {
                        refused++;
                        Thread.sleep(200); // refused (its share of the processor is used up): tries again soon
                        continue;
                    }
                } catch (Exception e) {
                    statuses.add(-1);
                }
                took.add((System.nanoTime() - t0) / 1e6);
            }
        }

        @Override
        public String toString() {
            List<Double> xs = sorted(took);
            return String.format(java.util.Locale.ROOT, "%d commands ran, median %.0f ms each, %d refused, HTTP %s", xs.size(), pct(xs, 0.5), refused, statuses);
        }
    }

    static String newSession(HttpClient http, Visualizer web) throws Exception {
        HttpResponse<String> r = http.send(request(web, "/api/sessions", ""), HttpResponse.BodyHandlers.ofString());
        Matcher m = ID.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException(r.body());
        }
        return m.group(1);
    }

    static double baseline() {
        List<Double> xs = new ArrayList<>();
        try (Engine e = Engine.sim()) {
            for (int i = 0; i < 3000; i++) {
                long t0 = System.nanoTime();
                if (!e.run(MIX.get(i % MIX.size())).ok()) {
                    throw new IllegalStateException("the mix must succeed: " + MIX.get(i % MIX.size()));
                }
                if (i >= 1200) {
                    xs.add((System.nanoTime() - t0) / 1e6);
                }
            }
        }
        Collections.sort(xs);
        return pct(xs, 0.99);
    }

    static List<Double> sorted(java.util.Collection<Double> c) {
        List<Double> xs = new ArrayList<>(c);
        Collections.sort(xs);
        return xs;
    }

    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static double pct(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    static HttpRequest command(Visualizer web, String id, String line) {
        return request(web, "/api/sessions/" + id + "/commands", "{\"line\":\"" + line.replace("\"", "\\\"") + "\"}");
    }

    static HttpRequest request(Visualizer web, String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
