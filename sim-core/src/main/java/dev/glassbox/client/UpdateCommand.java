package dev.glassbox.client;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.RestartPolicy;
import dev.glassbox.api.UpdateRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker update}: one update request for each container named, its name printed as typed when
 * it succeeded; the daemon's errors are printed together at the end, as docker/cli's runUpdate does.
 */
final class UpdateCommand {
    private static final List<String> FLAGS = List.of("cpu-shares", "cpus", "cpuset-cpus", "memory", "memory-swap", "pids-limit", "restart");

    private UpdateCommand() {}

    static int update(Session s, Parsed p) {
        if (FLAGS.stream().noneMatch(p::changed)) {
            s.err("you must provide one or more flags when using this command");
            return 1;
        }
        UpdateRequest r;
        try {
            r = request(p);
        } catch (DockerException e) {
            s.err(Session.daemonError(e));
            return 1;
        }
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String c : p.args) {
            try {
                warnings.addAll(s.api.update(c, r));
                s.out(c);
            } catch (DockerException e) {
                errors.add(Session.daemonError(e));
            }
        }
        if (!warnings.isEmpty()) {
            s.out(String.join("\n", warnings));
        }
        if (!errors.isEmpty()) {
            s.err(String.join("\n", errors));
            return 1;
        }
        return 0;
    }

    private static UpdateRequest request(Parsed p) {
        long memory = p.changed("memory") ? Units.ramInBytes(p.string("memory", "0")) : 0;
        String swap = p.string("memory-swap", "");
        long memorySwap = swap.isEmpty() ? 0 : swap.equals("-1") ? -1 : Units.ramInBytes(swap);
        long cpus = p.changed("cpus") ? Units.nanoCpus(p.string("cpus", "0")) : 0;
        long shares = p.changed("cpu-shares") ? p.integer("cpu-shares") : 0;
        Long pids = p.changed("pids-limit") ? p.integer("pids-limit") : null;
        RestartPolicy restart = p.changed("restart") ? RestartPolicy.parse(p.string("restart", "")) : null;
        return new UpdateRequest(memory, memorySwap, cpus, shares, pids, restart, p.string("cpuset-cpus", ""));
    }
}
