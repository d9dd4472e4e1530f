package dev.glassbox.daemon.storage;

import java.util.Locale;

/** The storage drivers glassbox has, by the name {@code dockerd --storage-driver} takes. */
public enum DriverKind {
    /** Union mounts: each layer once, stacked by overlayfs; a container writes into an upper layer of its own. */
    OVERLAY2,
    /** No union mount: each layer a full copy of its parent plus its changes, each container a full copy of its image. */
    VFS;

    /** The name dockerd knows it by ({@code overlay2}, {@code vfs}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code dockerd --storage-driver NAME}; an unknown name is refused in dockerd's words (IllegalArgumentException). */
    public static DriverKind parse(String name) {
        for (DriverKind k : values()) {
            if (k.id().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("error initializing graphdriver: driver not supported: " + name);
    }
}
