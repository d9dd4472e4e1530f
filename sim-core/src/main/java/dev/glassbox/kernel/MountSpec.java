package dev.glassbox.kernel;

import java.util.List;

/**
 * One mount inside a container's mount namespace, relative to its new root: {@code proc}, {@code
 * tmpfs}, {@code sysfs} or a {@code bind} of a host path ({@code source}).
 */
public record MountSpec(String type, String source, String target, List<String> options) {
    public MountSpec {
        options = List.copyOf(options);
    }

    public boolean readOnly() {
        return options.contains("ro");
    }

    public static MountSpec bind(String hostPath, String target, boolean readOnly) {
        return new MountSpec("bind", hostPath, target, readOnly ? List.of("rbind", "ro") : List.of("rbind", "rw"));
    }
}
