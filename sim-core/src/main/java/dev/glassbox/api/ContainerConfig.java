package dev.glassbox.api;

import dev.glassbox.image.Healthcheck;
import java.util.List;
import java.util.Map;

/**
 * The container's own settings, as {@code POST /containers/create} carries them in its body.
 * {@code cmd} and {@code entrypoint} are null when the image's apply. {@code stdinOnce} ({@code docker run -i}
 * sets it): when the first attached client closes its input, the container's stdin reaches end of file.
 * {@code healthcheck} is null when the image's applies ({@code --health-*}, {@code --no-healthcheck} set it).
 */
public record ContainerConfig(String image, List<String> cmd, List<String> entrypoint, List<String> env,
                              String workingDir, String hostname, String user, List<String> exposedPorts,
                              Map<String, String> labels, boolean tty, boolean openStdin, String stopSignal, Integer stopTimeout,
                              boolean stdinOnce, Healthcheck healthcheck) {
    public ContainerConfig(String image, List<String> cmd, List<String> entrypoint, List<String> env, String workingDir, String hostname,
                           String user, List<String> exposedPorts, Map<String, String> labels, boolean tty, boolean openStdin,
                           String stopSignal, Integer stopTimeout, boolean stdinOnce) {
        this(image, cmd, entrypoint, env, workingDir, hostname, user, exposedPorts, labels, tty, openStdin, stopSignal, stopTimeout, stdinOnce, null);
    }

    public ContainerConfig(String image, List<String> cmd, List<String> entrypoint, List<String> env, String workingDir, String hostname,
                           String user, List<String> exposedPorts, Map<String, String> labels, boolean tty, boolean openStdin,
                           String stopSignal, Integer stopTimeout) {
        this(image, cmd, entrypoint, env, workingDir, hostname, user, exposedPorts, labels, tty, openStdin, stopSignal, stopTimeout, false);
    }

    public ContainerConfig {
        cmd = cmd == null ? null : List.copyOf(cmd);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        env = env == null ? List.of() : List.copyOf(env);
        workingDir = workingDir == null ? "" : workingDir;
        hostname = hostname == null ? "" : hostname;
        user = user == null ? "" : user;
        exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        stopSignal = stopSignal == null ? "" : stopSignal;
    }

    /** The same settings with this health check (null: the image's). */
    public ContainerConfig withHealthcheck(Healthcheck check) {
        return new ContainerConfig(image, cmd, entrypoint, env, workingDir, hostname, user, exposedPorts, labels, tty, openStdin, stopSignal,
                stopTimeout, stdinOnce, check);
    }

    public static ContainerConfig of(String image) {
        return new ContainerConfig(image, null, null, null, null, null, null, null, null, false, false, null, null);
    }
}
