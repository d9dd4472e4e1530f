package dev.glassbox.compose;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One service of the project as Compose normalizes it: {@code command}/{@code entrypoint} null when the
 * image's apply; {@code environment} with env_file already merged under it; {@code networks} key →
 * aliases; ports, volumes and dependencies in their long forms.
 */
record Service(String name, String image, BuildSpec build, List<String> command, List<String> entrypoint,
               Map<String, String> environment, List<String> envFiles, List<PortSpec> ports, List<String> expose,
               List<MountSpec> volumes, Map<String, List<String>> networks, String networkMode,
               List<Dependency> dependsOn, String restart, HealthSpec healthcheck, String containerName, String hostname,
               Map<String, String> labels, String workingDir, String user, boolean tty, boolean stdinOpen,
               String stopSignal, boolean privileged) {
    Service {
        command = command == null ? null : List.copyOf(command);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        environment = new TreeMap<>(environment);
        envFiles = List.copyOf(envFiles);
        ports = List.copyOf(ports);
        expose = List.copyOf(expose);
        volumes = List.copyOf(volumes);
        networks = new TreeMap<>(networks);
        dependsOn = List.copyOf(dependsOn);
        labels = new TreeMap<>(labels);
        image = image == null ? "" : image;
        networkMode = networkMode == null ? "" : networkMode;
        restart = restart == null ? "" : restart;
        containerName = containerName == null ? "" : containerName;
        hostname = hostname == null ? "" : hostname;
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
        stopSignal = stopSignal == null ? "" : stopSignal;
    }

    /** The image the containers run: the service's own, or for a build-only service Compose's {@code PROJECT-SERVICE}. */
    String imageFor(String project) {
        return image.isEmpty() ? project + "-" + name : image;
    }

    List<String> dependencyNames() {
        return dependsOn.stream().map(Dependency::service).toList();
    }
}
