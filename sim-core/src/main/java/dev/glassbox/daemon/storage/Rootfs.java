package dev.glassbox.daemon.storage;

import java.util.List;

/**
 * A container's root filesystem as its storage driver keeps it: {@code cacheId} names its layer
 * directories; {@code merged} is what the container sees as '/'. Under overlay2 that is an overlay
 * of {@code lowerdirs} (its init layer, then the image's, topmost first) under {@code upperdir}
 * with {@code workdir}; under vfs there are no lowerdirs and no workdir: {@code upperdir} and
 * {@code merged} are the one directory that holds a full copy of the image, written in place.
 */
public record Rootfs(String cacheId, List<String> lowerdirs, String upperdir, String workdir, String merged) {
    public Rootfs {
        lowerdirs = List.copyOf(lowerdirs);
    }

    /** Whether '/' is a union mount the runtime has to make (overlay2), or a plain directory (vfs). */
    public boolean union() {
        return !lowerdirs.isEmpty();
    }

    /** Its layers topmost first, each overriding those below (whiteouts included): what a reader merges. */
    public List<String> layersTopFirst() {
        List<String> out = new java.util.ArrayList<>();
        out.add(upperdir);
        out.addAll(lowerdirs);
        return out;
    }
}
