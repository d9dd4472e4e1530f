package dev.glassbox.api;

import java.util.List;
import java.util.Map;

/**
 * How the host runs the container: published ports, removal on exit, restart policy, network mode
 * ({@code default}/{@code bridge}, {@code host}, {@code none}, {@code container:NAME} or a network
 * name), resource limits (0 = none), and mounts: {@code -v SRC:DST[:ro]} as Docker's binds strings,
 * {@code --mount} as typed requests, {@code --tmpfs} as path → options; {@code usernsMode} "" (the
 * daemon's user namespace setting) or {@code host} ({@code --userns=host}: no remapping for this one).
 */
public record HostConfig(List<PortBinding> portBindings, boolean autoRemove, RestartPolicy restartPolicy, String networkMode,
                         long memory, long pidsLimit, long nanoCpus, List<String> binds, boolean privileged,
                         List<MountRequest> mounts, Map<String, String> tmpfs, String usernsMode) {
    public HostConfig(List<PortBinding> portBindings, boolean autoRemove, RestartPolicy restartPolicy, String networkMode,
                      long memory, long pidsLimit, long nanoCpus, List<String> binds, boolean privileged) {
        this(portBindings, autoRemove, restartPolicy, networkMode, memory, pidsLimit, nanoCpus, binds, privileged, null, null, null);
    }

    public HostConfig {
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        tmpfs = tmpfs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tmpfs));
        portBindings = portBindings == null ? List.of() : List.copyOf(portBindings);
        restartPolicy = restartPolicy == null ? RestartPolicy.NO : restartPolicy;
        networkMode = networkMode == null || networkMode.isEmpty() ? "default" : networkMode;
        binds = binds == null ? List.of() : List.copyOf(binds);
        usernsMode = usernsMode == null ? "" : usernsMode;
        if (!usernsMode.isEmpty() && !usernsMode.equals("host")) {
            throw DockerException.invalid("--userns: invalid USER mode");
        }
        if (memory < 0 || pidsLimit < 0 || nanoCpus < 0) {
            throw DockerException.invalid("resource limits cannot be negative");
        }
        if (memory > 0 && memory < 6 * 1024 * 1024) {
            throw DockerException.invalid("Minimum memory limit allowed is 6MB");
        }
        if (autoRemove && !restartPolicy.name().equals("no")) {
            throw DockerException.invalid("can't create 'AutoRemove' container with restart policy");
        }
    }

    public static HostConfig defaults() {
        return new HostConfig(null, false, null, null, 0, 0, 0, null, false);
    }
}
