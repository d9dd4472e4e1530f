package dev.glassbox.daemon;

/**
 * How dockerd was started: the daemon-wide options that change how every container runs. Only
 * {@code --userns-remap} so far; null when containers run in the host's user namespace (the default).
 */
public record DaemonOptions(UsernsRemap usernsRemap) {
    public static final DaemonOptions DEFAULT = new DaemonOptions(null);

    /** {@code dockerd --userns-remap=VALUE}; throws IllegalArgumentException, in one line, for what glassbox cannot do. */
    public static DaemonOptions usernsRemap(String value) {
        return new DaemonOptions(UsernsRemap.parse(value));
    }

    public boolean remapped() {
        return usernsRemap != null;
    }
}
