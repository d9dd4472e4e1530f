package dev.glassbox.compose;

/**
 * One {@code volumes} entry of a service, long form: {@code type} volume (a top-level volume's key, or
 * empty for an anonymous one), bind (an absolute host path, {@code ./rel} already resolved against the
 * project directory) or tmpfs.
 */
record MountSpec(String type, String source, String target, boolean readOnly) {
    MountSpec {
        source = source == null ? "" : source;
    }
}
