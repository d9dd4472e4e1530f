package dev.glassbox.image;

import java.util.List;
import java.util.Map;

/**
 * An image's runtime configuration and history, as the OCI image config holds it. {@code created} is
 * in epoch seconds; {@code exposedPorts} reads like {@code 80/tcp}; {@code volumes} are the paths of its
 * {@code VOLUME}s; {@code healthcheck} null when it has none; {@code shell} null for the default
 * ({@code /bin/sh -c}); {@code onBuild} the ONBUILD triggers a build FROM this image runs first.
 */
public record ImageConfig(
        String architecture,
        String os,
        long created,
        List<String> env,
        List<String> entrypoint,
        List<String> cmd,
        String workingDir,
        String user,
        List<String> exposedPorts,
        Map<String, String> labels,
        String stopSignal,
        List<HistoryEntry> history,
        List<Digest> diffIds,
        List<String> volumes,
        Healthcheck healthcheck,
        List<String> shell,
        List<String> onBuild) {

    /** An image with no VOLUME, HEALTHCHECK or SHELL of its own. */
    public ImageConfig(String architecture, String os, long created, List<String> env, List<String> entrypoint,
                       List<String> cmd, String workingDir, String user, List<String> exposedPorts,
                       Map<String, String> labels, String stopSignal, List<HistoryEntry> history, List<Digest> diffIds) {
        this(architecture, os, created, env, entrypoint, cmd, workingDir, user, exposedPorts, labels, stopSignal, history,
                diffIds, null, null, null);
    }

    /** An image with no ONBUILD trigger. */
    public ImageConfig(String architecture, String os, long created, List<String> env, List<String> entrypoint,
                       List<String> cmd, String workingDir, String user, List<String> exposedPorts,
                       Map<String, String> labels, String stopSignal, List<HistoryEntry> history, List<Digest> diffIds,
                       List<String> volumes, Healthcheck healthcheck, List<String> shell) {
        this(architecture, os, created, env, entrypoint, cmd, workingDir, user, exposedPorts, labels, stopSignal, history,
                diffIds, volumes, healthcheck, shell, null);
    }

    public ImageConfig {
        env = env == null ? List.of() : List.copyOf(env);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
        exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        stopSignal = stopSignal == null ? "" : stopSignal;
        history = history == null ? List.of() : List.copyOf(history);
        diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        shell = shell == null ? null : List.copyOf(shell);
        onBuild = onBuild == null ? List.of() : List.copyOf(onBuild);
    }
}
