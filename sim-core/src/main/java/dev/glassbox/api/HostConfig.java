package dev.glassbox.api;

import java.util.List;
import java.util.Map;

/**
 * How the host runs the container: published ports, removal on exit, restart policy, network mode
 * ({@code default}/{@code bridge}, {@code host}, {@code none}, {@code container:NAME} or a network
 * name), resource limits (0 = none), and mounts: {@code -v SRC:DST[:ro]} as Docker's binds strings,
 * {@code --mount} as typed requests, {@code --tmpfs} as path → options; {@code usernsMode} "" (the
 * daemon's user namespace setting) or {@code host} ({@code --userns=host}: no remapping for this one);
 * {@code pidMode}, {@code utsMode} and {@code ipcMode} "" (a namespace of its own) or {@code host} (the host's:
 * {@code --pid host}, {@code --uts host}, {@code --ipc host}); {@code ipcMode} may also be private, shareable,
 * none, or container:NAME, and {@code pidMode} container:NAME, which the daemon refuses as not simulated;
 * {@code publishAllPorts} ({@code -P}) publishes every exposed port on a free port of the host.
 * {@code volumesFrom}: {@code CONTAINER[:ro|rw]}, whose mounts the container gets too; {@code readonlyRootfs}
 * ({@code --read-only}); {@code capAdd}/{@code capDrop} as the CLI normalises them ({@code CAP_NET_ADMIN}, {@code ALL});
 * {@code cpusetCpus} ({@code 0-1}), {@code cpuShares} (relative weight, 0 = the default 1024), {@code memorySwap}
 * (memory plus swap, -1 unlimited, 0 unset); {@code logConfig}: the logging driver and its options.
 */
public record HostConfig(List<PortBinding> portBindings, boolean autoRemove, RestartPolicy restartPolicy, String networkMode,
                         long memory, long pidsLimit, long nanoCpus, List<String> binds, boolean privileged,
                         List<MountRequest> mounts, Map<String, String> tmpfs, String usernsMode, String pidMode, String utsMode,
                         String ipcMode, boolean publishAllPorts, List<String> volumesFrom, boolean readonlyRootfs,
                         List<String> capAdd, List<String> capDrop, String cpusetCpus, long cpuShares, long memorySwap,
                         LogConfig logConfig) {
    /** Everything up to {@code -P}: no volumes from others, a writable root, Docker's capabilities, no cpuset, the default log driver. */
    public HostConfig(List<PortBinding> portBindings, boolean autoRemove, RestartPolicy restartPolicy, String networkMode,
                      long memory, long pidsLimit, long nanoCpus, List<String> binds, boolean privileged,
                      List<MountRequest> mounts, Map<String, String> tmpfs, String usernsMode, String pidMode, String utsMode,
                      String ipcMode, boolean publishAllPorts) {
        this(portBindings, autoRemove, restartPolicy, networkMode, memory, pidsLimit, nanoCpus, binds, privileged, mounts, tmpfs,
                usernsMode, pidMode, utsMode, ipcMode, publishAllPorts, null, false, null, null, null, 0, 0, null);
    }

    /** Everything but {@code -P}: no publish-all. */
    public HostConfig(List<PortBinding> portBindings, boolean autoRemove, RestartPolicy restartPolicy, String networkMode,
                      long memory, long pidsLimit, long nanoCpus, List<String> binds, boolean privileged,
                      List<MountRequest> mounts, Map<String, String> tmpfs, String usernsMode, String pidMode, String utsMode,
                      String ipcMode) {
        this(portBindings, autoRemove, restartPolicy, networkMode, memory, pidsLimit, nanoCpus, binds, privileged, mounts, tmpfs,
                usernsMode, pidMode, utsMode, ipcMode, false);
    }

    public HostConfig(List<PortBinding> portBindings, boolean autoRemove, RestartPolicy restartPolicy, String networkMode,
                      long memory, long pidsLimit, long nanoCpus, List<String> binds, boolean privileged) {
        this(portBindings, autoRemove, restartPolicy, networkMode, memory, pidsLimit, nanoCpus, binds, privileged, null, null, null,
                null, null, null);
    }

    public HostConfig {
        volumesFrom = volumesFrom == null ? List.of() : List.copyOf(volumesFrom);
        capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
        capDrop = capDrop == null ? List.of() : List.copyOf(capDrop);
        cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
        logConfig = logConfig == null ? LogConfig.DEFAULT : logConfig;
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
        pidMode = pidMode == null ? "" : pidMode;
        utsMode = utsMode == null ? "" : utsMode;
        ipcMode = ipcMode == null ? "" : ipcMode;
        if (!pidMode.isEmpty() && !pidMode.equals("host") && !named(pidMode)) {
            throw DockerException.invalid("--pid: invalid PID mode");
        }
        if (!utsMode.isEmpty() && !utsMode.equals("host")) {
            throw DockerException.invalid("--uts: invalid UTS mode");
        }
        if (!ipcMode.isEmpty() && !java.util.Set.of("host", "private", "shareable", "none").contains(ipcMode) && !named(ipcMode)) {
            throw DockerException.invalid("--ipc: invalid IPC mode");
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

    /** {@code container:NAME}, a mode that joins another container's namespace. */
    private static boolean named(String mode) {
        return mode.startsWith("container:") && mode.length() > "container:".length();
    }

    /** Whether the container shares the host's PID, UTS or IPC namespace ({@code pid}, {@code uts}, {@code ipc}). */
    public boolean sharesHost(String namespace) {
        return switch (namespace) {
            case "pid" -> pidMode.equals("host");
            case "uts" -> utsMode.equals("host");
            case "ipc" -> ipcMode.equals("host");
            default -> false;
        };
    }

    public static HostConfig defaults() {
        return new HostConfig(null, false, null, null, 0, 0, 0, null, false);
    }

    /** {@link #networkMode()} read as a mode. */
    public NetworkMode mode() {
        return NetworkMode.parse(networkMode);
    }
}
