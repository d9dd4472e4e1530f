package dev.glassbox.web.bench;

import dev.glassbox.Engine;
import dev.glassbox.web.Visualizer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded load test of the visualizer on 127.0.0.1 (about a minute): more and more sessions, each
 * sending one command a second (a student's mix: run, ps, exec, images, inspect, rm), until the p99
 * command latency passes 100 ms. The baseline, measured in the same run, is the same mix on an
 * engine called directly, without HTTP or sessions. The load generator shares the 2 cores.
 *
 * <p>{@code mvn -o -q -Pbench-web -pl web-visualizer -am verify -DskipTests}
 */
public final class LoadBench {
    static final List<String> MIX = List.of("docker run -d --name web1 nginx", "docker ps", "docker exec web1 hostname",
            "docker images", "docker inspect -f '{{.State.Status}}' web1", "docker rm -f web1");
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f]{32})\"");
    static final long STAGE_MS = 8000;
    /** Where each session is in the mix, kept across stages so that a session never runs web1 twice. */
    static final java.util.Map<String, AtomicInteger> CURSORS = new java.util.concurrent.ConcurrentHashMap<>();
    /** A session whose last command has not answered yet skips its turn, as a user waits for the prompt. */
    static final java.util.Map<String, java.util.concurrent.atomic.AtomicBoolean> BUSY = new java.util.concurrent.ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        System.out.println("load average before (other work on this machine skews every figure): " + loadavg());
        double baseline = baseline();
        System.out.printf("baseline: the mix on an engine called directly: p99 %.1f ms%n", baseline);
        Path data = Files.createTempDirectory("glassbox-bench");
        try (Visualizer web = Visualizer.start(Visualizer.Options.defaults().withPort(0).withDataDir(data))) {
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
            ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
            List<String> sessions = new ArrayList<>();
            stage(http, clock, web, sessions, 20, 10_000, baseline, false);
            int held = 0;
            for (int n : new int[] {10, 20, 30, 40, 60, 80}) {
                double p99 = stage(http, clock, web, sessions, n, STAGE_MS, baseline, true);
                if (p99 >= 100) {
                    break;
                }
                held = n;
            }
            System.out.printf("sessions held with one command a second each and p99 < 100 ms: %d (load average after: %s)%n", held, loadavg());
            clock.shutdownNow();
        } finally {
            try (java.util.stream.Stream<Path> files = Files.walk(data)) { // the sessions' files: nothing is left in /tmp
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    static double stage(HttpClient http, ScheduledExecutorService clock, Visualizer web, List<String> sessions, int n,
            long millis, double baseline, boolean print) throws Exception {
        while (sessions.size() < n) {
            HttpResponse<String> r = http.send(request(web, "/api/sessions", ""), HttpResponse.BodyHandlers.ofString());
            Matcher m = ID.matcher(r.body());
            if (!m.find()) {
                throw new IllegalStateException(r.body());
            }
            sessions.add(m.group(1));
        }
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        List<ScheduledFuture<?>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = sessions.get(i);
            AtomicInteger next = CURSORS.computeIfAbsent(id, k -> new AtomicInteger());
            long phase = (long) (1000.0 * i / n);
            java.util.concurrent.atomic.AtomicBoolean busy = BUSY.computeIfAbsent(id, k -> new java.util.concurrent.atomic.AtomicBoolean());
            tasks.add(clock.scheduleAtFixedRate(() -> {
                if (!busy.compareAndSet(false, true)) {
                    skipped.incrementAndGet();
                    return;
                }
                String line = MIX.get(next.getAndIncrement() % MIX.size());
                long t0 = System.nanoTime();
                http.sendAsync(request(web, "/api/sessions/" + id + "/commands", "{\"line\":\"" + line.replace("\"", "\\\"") + "\"}"),
                        HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                            latencies.add((System.nanoTime() - t0) / 1e6);
                            busy.set(false);
                            if (e != null || r.statusCode() != 200 || !r.body().contains("\"exitStatus\":0")) {
                                errors.incrementAndGet();
                            }
                        });
            }, phase, 1000, TimeUnit.MILLISECONDS));
        }
        Thread.sleep(millis);
        tasks.forEach(t -> t.cancel(false));
        Thread.sleep(300);
        List<Double> xs = new ArrayList<>(latencies);
        Collections.sort(xs);
        double p50 = pct(xs, 0.50);
        double p99 = pct(xs, 0.99);
        if (print) {
            System.out.printf("%4d sessions: %5d commands, %d failed, %d turns skipped (previous not answered), p50 %6.1f ms, p99 %6.1f ms (%.1f× baseline p99), max %6.1f ms%n",
                    n, xs.size(), errors.get(), skipped.get(), p50, p99, p99 / baseline, xs.isEmpty() ? 0 : xs.get(xs.size() - 1));
        }
        return p99;
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

    static HttpRequest request(Visualizer web, String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
