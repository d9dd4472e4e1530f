package dev.glassbox.daemon.volume;

import dev.glassbox.api.DockerException;

/**
 * A volume driver, as {@code docker volume create -d DRIVER} names one: where a volume's data lives
 * on the host and how it is described. {@code local} is dockerd's own; {@code glassbox/remote} is a
 * managed plugin whose data stands for storage on another host.
 */
public sealed interface VolumeDriver permits LocalDriver, RemotePlugin {
    /** The driver's name as {@code docker volume ls} shows it. */
    String name();

    /** Where containers bind-mount the volume from. */
    String mountpoint(String volume);

    /** What is deleted with the volume. */
    String directory(String volume);

    /** {@code local}: on this host only; {@code global}: the same data from every host. */
    String scope();

    /** The create step's sentence in the trace. */
    String createSentence();

    /**
     * The driver of this name under this data root; a name no driver has is refused in dockerd's
     * words, with the volume it was for.
     */
    static VolumeDriver named(String name, String dataRoot, String volume) {
        if (name == null || name.isEmpty() || name.equals(LocalDriver.NAME)) {
            return new LocalDriver(dataRoot);
        }
        if (name.equals(RemotePlugin.NAME) || name.equals(RemotePlugin.NAME + ":latest")) {
            return new RemotePlugin(dataRoot);
        }
        throw DockerException.notFound("create " + volume + ": error looking up volume plugin " + name + ": plugin \"" + name + "\" not found");
    }
}
