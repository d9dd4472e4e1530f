package dev.glassbox.daemon;

import dev.glassbox.api.GoDuration;
import dev.glassbox.image.Healthcheck;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's health monitor: for a running container with a health check it runs the check's command
 * as an exec inside the container every interval on the engine's clock, and turns the results into
 * State.Health as moby's daemon/health.go does: a success makes it healthy; {@code retries} failures in a
 * row (those in the start period not counted while it is still starting) make it unhealthy; each change of
 * status is a {@code health_status: …} event.
 */
final class HealthChecks {
    private static final int MAX_OUTPUT = 4096;

    private final Daemon d;

    HealthChecks(Daemon d) {
        this.d = d;
    }

    /**
     * The check that applies: the create request's, its empty parts taken from the image's HEALTHCHECK, as
     * the daemon merges them at create; null when there is none.
     */
    static Healthcheck effective(Container c) {
        Healthcheck user = c.config.healthcheck();
        Healthcheck image = c.image.config().healthcheck();
        if (user == null || image == null) {
            return user == null ? image : user;
        }
        return new Healthcheck(user.test().isEmpty() ? image.test() : user.test(), or(user.intervalNanos(), image.intervalNanos()),
                or(user.timeoutNanos(), image.timeoutNanos()), or(user.startPeriodNanos(), image.startPeriodNanos()),
                user.retries() == 0 ? image.retries() : user.retries(), or(user.startIntervalNanos(), image.startIntervalNanos()));
    }

    private static long or(long a, long b) {
        return a != 0 ? a : b;
    }

    /** The check's command as the exec runs it, empty when checks are off. */
    static List<String> command(Healthcheck h) {
        if (h == null || h.test().isEmpty() || h.disabled()) {
            return List.of();
        }
        return switch (h.test().get(0)) {
            case "CMD-SHELL" -> h.test().size() < 2 ? List.of() : List.of("/bin/sh", "-c", String.join(" ", h.test().subList(1, h.test().size())));
            case "CMD" -> h.test().subList(1, h.test().size());
            default -> List.of();
        };
    }

    /** At start: the status is starting again, the first check due one interval from now. */
    void started(Container c) {
        Healthcheck h = effective(c);
        if (command(h).isEmpty()) {
            return;
        }
        if (c.health == null) {
            c.health = new Health();
        }
        c.health.status = Health.Status.STARTING;
        c.health.failingStreak = 0;
        c.health.nextProbeAt = d.now() + interval(c, h) / 1_000_000;
        d.tracer.note(Layer.DAEMON, null, "health monitor", c.name, "The daemon will run " + String.join(" ", command(h)) + " inside "
                + c.name + " every " + GoDuration.format(interval(c, h)) + "; until a check passes the container is 'starting'.", "");
    }

    void stopped(Container c) {
        if (c.health != null) {
            c.health.nextProbeAt = 0;
        }
    }

    /** The earliest moment a check is due, Long.MAX_VALUE when none is. */
    long nextDue() {
        long due = Long.MAX_VALUE;
        for (Container c : d.containers.values()) {
            if (c.health != null && c.health.nextProbeAt > 0 && c.running()) {
                due = Math.min(due, c.health.nextProbeAt);
            }
        }
        return due;
    }

    /** Runs the checks that are due. */
    void tick() {
        for (Container c : new ArrayList<>(d.containers.values())) {
            if (c.health != null && c.health.nextProbeAt > 0 && c.health.nextProbeAt <= d.now() && c.running()) {
                probe(c);
            }
        }
    }

    private void probe(Container c) {
        Healthcheck h = effective(c);
        List<String> cmd = command(h);
        long timeout = h.timeoutNanos() == 0 ? Healthcheck.DEFAULT_TIMEOUT_NANOS : h.timeoutNanos();
        if (c.status == Container.Status.PAUSED) {
            c.health.nextProbeAt = d.now() + interval(c, h) / 1_000_000;
            return;
        }
        try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "health check", c.name, "The daemon runs the container's health check, "
                + String.join(" ", cmd) + ", as an exec inside it: exit status 0 is healthy, anything else a failure.", "")) {
            long start = d.now();
            Execs.Outcome o = d.execs.probe(c, cmd, timeout / 1_000_000);
            String output = o.timedOut() ? "Health check exceeded timeout (" + GoDuration.format(timeout) + ")" : o.output();
            if (output.length() > MAX_OUTPUT) {
                output = output.substring(0, MAX_OUTPUT);
            }
            handle(c, h, new Health.Probe(start, d.now(), o.timedOut() ? -1 : o.exitCode(), output));
        }
        if (c.running() && c.health != null) {
            c.health.nextProbeAt = d.now() + interval(c, h) / 1_000_000;
        }
    }

    private void handle(Container c, Healthcheck h, Health.Probe p) {
        Health health = c.health;
        Health.Status before = health.status;
        health.record(p);
        if (p.exitCode() == 0) {
            health.failingStreak = 0;
            health.status = Health.Status.HEALTHY;
        } else {
            boolean count = !(health.status == Health.Status.STARTING && (p.start() - c.startedAt) * 1_000_000 < h.startPeriodNanos());
            if (count) {
                health.failingStreak++;
                if (health.failingStreak >= (h.retries() == 0 ? Healthcheck.DEFAULT_RETRIES : h.retries())) {
                    health.status = Health.Status.UNHEALTHY;
                }
            }
        }
        d.tracer.did(Layer.DAEMON, null, "health result", c.name, "The check ended with status " + p.exitCode() + "; the failing streak is "
                + health.failingStreak + " and the container is " + health.status.word() + ".", "");
        if (health.status != before) {
            d.events.container(c, "health_status: " + health.status.word());
        }
    }

    /** moby's getInterval: the start interval (--health-start-interval, 5 s by default) while starting within the start period, else the interval. */
    private long interval(Container c, Healthcheck h) {
        long interval = h.intervalNanos() == 0 ? Healthcheck.DEFAULT_INTERVAL_NANOS : h.intervalNanos();
        long startInterval = h.startIntervalNanos() == 0 ? Healthcheck.DEFAULT_START_INTERVAL_NANOS : h.startIntervalNanos();
        boolean inStart = (d.now() - c.startedAt) * 1_000_000 < h.startPeriodNanos();
        return inStart && (c.health == null || c.health.status == Health.Status.STARTING) ? startInterval : interval;
    }

    /** State.Health as inspect shows it. */
    static Map<String, Object> view(Health h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Status", h.status.word());
        m.put("FailingStreak", h.failingStreak);
        List<Object> log = new ArrayList<>();
        for (Health.Probe p : h.log) {
            log.add(Views.ordered("Start", Views.time(p.start()), "End", Views.time(p.end()), "ExitCode", p.exitCode(), "Output", p.output()));
        }
        m.put("Log", log);
        return m;
    }

    /** Config.Healthcheck as inspect shows it: zero values left out, as Go's omitempty does. */
    static Map<String, Object> view(Healthcheck h) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!h.test().isEmpty()) {
            m.put("Test", h.test());
        }
        putNonZero(m, "Interval", h.intervalNanos());
        putNonZero(m, "Timeout", h.timeoutNanos());
        putNonZero(m, "StartPeriod", h.startPeriodNanos());
        putNonZero(m, "StartInterval", h.startIntervalNanos());
        putNonZero(m, "Retries", h.retries());
        return m;
    }

    private static void putNonZero(Map<String, Object> m, String key, long v) {
        if (v != 0) {
            m.put(key, v);
        }
    }

    /** Api's view for ps --filter health=…: starting, healthy, unhealthy, or none. */
    static String filterValue(Container c) {
        return c.health == null || command(effective(c)).isEmpty() ? "none" : c.health.status.word();
    }
}
