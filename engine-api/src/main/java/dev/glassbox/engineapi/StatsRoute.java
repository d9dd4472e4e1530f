package dev.glassbox.engineapi;

import dev.glassbox.api.Api;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /containers/{id}/stats}: one sample ({@code stream=false}) or one a second until the
 * client hangs up, in dockerd's shape. The CLI computes CPU % from two samples' counters
 * ({@code cpu_stats} against {@code precpu_stats}); each sample carries the one before it.
 */
final class StatsRoute {
    /** The machine's CPU count the samples claim (the system counter advances this many ns per ns). */
    private static final int CPUS = 1;

    private StatsRoute() {}

    static List<Route> routes() {
        return List.of(Route.of("GET", "/containers/{id}/stats", StatsRoute::serve));
    }

    private record Sample(Api.Stats stats, long atMillis, boolean running) {}

    private static Sample sample(Call c, String id) {
        return c.loop.call(e -> {
            Watch w = Watch.of(e.api(), id);
            Api.Stats s = w.running() ? e.api().stats(id) : null;
            return new Sample(s, e.currentTimeMillis(), w.running());
        });
    }

    private static void serve(Call c) throws IOException {
        String id = c.path("id");
        boolean stream = c.request.param("stream") == null || c.request.flag("stream");
        Map<String, Object> info = c.api(a -> a.inspectContainer(id));
        String name = String.valueOf(info.get("Name"));
        String fullId = String.valueOf(info.get("Id"));
        Sample prev = sample(c, fullId);
        if (!stream) {
            c.exchange.json(200, shape(fullId, name, prev, null));
            return;
        }
        Exchange.Chunked body = c.exchange.stream(200, "application/json");
        body.json(shape(fullId, name, prev, null));
        while (true) {
            for (int i = 0; i < 50; i++) {
                StreamRoutes.pause();
            }
            if (c.exchange.wire.clientGone()) {
                c.exchange.closeAfter();
                return;
            }
            Sample now = sample(c, fullId);
            body.json(shape(fullId, name, now, prev));
            prev = now;
        }
    }

    private static Map<String, Object> shape(String id, String name, Sample now, Sample before) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", Instant.ofEpochMilli(now.atMillis()).toString());
        m.put("preread", before == null ? "0001-01-01T00:00:00Z" : Instant.ofEpochMilli(before.atMillis()).toString());
        Api.Stats s = now.stats();
        m.put("pids_stats", s == null ? Map.of() : Map.of("current", s.pids()));
        m.put("blkio_stats", ContainerRoutes.ordered("io_service_bytes_recursive", null));
        m.put("num_procs", 0);
        m.put("cpu_stats", cpu(now));
        m.put("precpu_stats", before == null ? ContainerRoutes.ordered("cpu_usage", Map.of("total_usage", 0), "throttling_data", Map.of())
                : cpu(before));
        m.put("memory_stats", s == null ? Map.of()
                : ContainerRoutes.ordered("usage", s.memoryUsage(), "stats", Map.of("inactive_file", 0), "limit", s.memoryLimit()));
        m.put("name", name);
        m.put("id", id);
        if (s != null && !s.networks().isEmpty()) {
            Map<String, Object> networks = new java.util.TreeMap<>();
            s.networks().forEach((ifname, n) -> networks.put(ifname, ContainerRoutes.ordered("rx_bytes", n.rxBytes(), "rx_packets", n.rxPackets(),
                    "rx_errors", 0, "rx_dropped", 0, "tx_bytes", n.txBytes(), "tx_packets", n.txPackets(), "tx_errors", 0, "tx_dropped", 0)));
            m.put("networks", networks);
        }
        return m;
    }

    private static Map<String, Object> cpu(Sample s) {
        long total = s.stats() == null ? 0 : s.stats().cpuMicros() * 1000;
        return ContainerRoutes.ordered("cpu_usage", ContainerRoutes.ordered("total_usage", total, "usage_in_kernelmode", 0, "usage_in_usermode", total),
                "system_cpu_usage", s.atMillis() * 1_000_000L * CPUS, "online_cpus", CPUS, "throttling_data",
                ContainerRoutes.ordered("periods", 0, "throttled_periods", 0, "throttled_time", 0));
    }
}
