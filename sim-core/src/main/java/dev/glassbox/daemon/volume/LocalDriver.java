package dev.glassbox.daemon.volume;

/** dockerd's local driver: each volume a directory {@code DATA_ROOT/volumes/NAME/_data}. */
public record LocalDriver(String dataRoot) implements VolumeDriver {
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String mountpoint(String volume) {
        return directory(volume) + "/_data";
    }

    @Override
    public String directory(String volume) {
        return dataRoot + "/volumes/" + volume;
    }

    @Override
    public String scope() {
        return "local";
    }

    @Override
    public String createSentence() {
        return "The local volume driver makes a directory for the volume's data under the data root; containers will bind-mount it";
    }
}
