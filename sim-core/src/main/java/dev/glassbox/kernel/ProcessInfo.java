package dev.glassbox.kernel;

import java.util.List;

/**
 * A process as {@code ps} and {@code docker top} see it. {@code nsPids} are its PIDs from the host's
 * PID namespace down to its own (the last is what {@code echo $$} prints inside).
 */
public record ProcessInfo(int pid, int ppid, List<Integer> nsPids, int uid, String state, String command,
                          String cgroup, long rssBytes, long startMillis) {
    public ProcessInfo {
        nsPids = List.copyOf(nsPids);
    }
}
