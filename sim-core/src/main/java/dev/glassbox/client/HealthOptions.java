package dev.glassbox.client;

import dev.glassbox.api.GoDuration;
import dev.glassbox.api.UsageException;
import dev.glassbox.image.Healthcheck;
import java.util.List;

/**
 * The {@code --health-*} and {@code --no-healthcheck} flags of run and create as the docker CLI turns them
 * into the create request's {@code Healthcheck}: null when none is given (the image's applies), NONE for
 * {@code --no-healthcheck}, a CMD-SHELL test for {@code --health-cmd}; the CLI's own checks first.
 */
final class HealthOptions {
    private HealthOptions() {}

    static Healthcheck from(Parsed p) {
        String cmd = p.string("health-cmd", "");
        long interval = duration(p, "health-interval");
        long timeout = duration(p, "health-timeout");
        long startPeriod = duration(p, "health-start-period");
        long startInterval = duration(p, "health-start-interval");
        Long retriesFlag = p.integer("health-retries");
        long retries = retriesFlag == null ? 0 : retriesFlag;
        boolean any = !cmd.isEmpty() || interval != 0 || timeout != 0 || startPeriod != 0 || retries != 0 || startInterval != 0;
        if (p.bool("no-healthcheck")) {
            if (any) {
                throw error("--no-healthcheck conflicts with --health-* options");
            }
            return new Healthcheck(List.of("NONE"), 0, 0, 0, 0);
        }
        if (!any) {
            return null;
        }
        for (String[] check : new String[][] {{"interval", String.valueOf(interval)}, {"timeout", String.valueOf(timeout)},
                {"retries", String.valueOf(retries)}, {"start-period", String.valueOf(startPeriod)}, {"start-interval", String.valueOf(startInterval)}}) {
            if (Long.parseLong(check[1]) < 0) {
                throw error("--health-" + check[0] + " cannot be negative");
            }
        }
        if (retries > Integer.MAX_VALUE) {
            throw error("--health-retries: value out of range");
        }
        return new Healthcheck(cmd.isEmpty() ? List.of() : List.of("CMD-SHELL", cmd), interval, timeout, startPeriod, (int) retries,
                startInterval);
    }

    private static long duration(Parsed p, String name) {
        String v = p.string(name, "");
        return v.isEmpty() ? 0 : GoDuration.parse(v); // the flag's value was checked as it was read
    }

    private static UsageException error(String message) {
        return new UsageException("docker: " + message, 125);
    }
}
