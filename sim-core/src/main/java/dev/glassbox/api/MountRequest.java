package dev.glassbox.api;

/**
 * One {@code --mount} as the create request's {@code HostConfig.Mounts} carries it: {@code type} is
 * {@code volume}, {@code bind} or {@code tmpfs}; {@code source} a volume name (empty for an anonymous
 * volume), a host path, or empty for tmpfs.
 */
public record MountRequest(String type, String source, String target, boolean readOnly) {
    public MountRequest {
        source = source == null ? "" : source;
        if (target == null || target.isEmpty()) {
            throw DockerException.invalid("invalid mount config for type \"" + type + "\": field Target must not be empty");
        }
    }
}
