package dev.glassbox.daemon;

import dev.glassbox.daemon.storage.DriverKind;

/**
 * How dockerd was started: the daemon-wide options that change how every container runs.
 * {@code usernsRemap}: {@code --userns-remap}, null when containers run in the host's user namespace
 * (the default); {@code storageDriver}: {@code --storage-driver} (overlay2 by default).
 */
public record DaemonOptions(UsernsRemap usernsRemap, DriverKind storageDriver) {
    public static final DaemonOptions DEFAULT = new DaemonOptions(null, DriverKind.OVERLAY2);

    public DaemonOptions {
        storageDriver = storageDriver == null ? DriverKind.OVERLAY2 : storageDriver;
    }

    public DaemonOptions(UsernsRemap usernsRemap) {
        this(usernsRemap, DriverKind.OVERLAY2);
    }

    /** {@code dockerd --userns-remap=VALUE}; throws IllegalArgumentException, in one line, for what glassbox cannot do. */
    public static DaemonOptions usernsRemap(String value) {
        return new DaemonOptions(UsernsRemap.parse(value));
    }

    /** These options with {@code --storage-driver NAME}; throws IllegalArgumentException in dockerd's words for a driver it does not have. */
    public DaemonOptions withStorageDriver(String name) {
        return new DaemonOptions(usernsRemap, DriverKind.parse(name));
    }

    public boolean remapped() {
        return usernsRemap != null;
    }
}
