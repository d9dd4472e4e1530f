package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import java.util.ArrayList;
import java.util.List;

/** Which containers use which volumes: what decides whether a volume may go ({@code rm}, {@code rm -v}, {@code prune}). */
final class VolumeUsers {
    private VolumeUsers() {}

    /** Full ids of the containers, in any state, that mount the volume. */
    static List<String> of(Daemon d, String name) {
        List<String> out = new ArrayList<>();
        for (Container c : d.containers.values()) {
            for (MountPoint m : c.mounts) {
                if (m.type().equals("volume") && m.name().equals(name) && !out.contains(c.id)) {
                    out.add(c.id);
                }
            }
        }
        return out;
    }

    /** docker rm -v and --rm: the container's anonymous volumes go with it, unless another container uses them. */
    static void removeAnonymous(Daemon d, Container c) {
        for (MountPoint m : c.mounts) {
            Volumes.Volume v = m.type().equals("volume") ? d.volumes.byName.get(m.name()) : null;
            if (v != null && v.anonymous() && of(d, v.name()).isEmpty()) {
                d.volumes.remove(v.name(), false, List.of());
            }
        }
    }

    /** Unused anonymous volumes, or every unused volume with {@code all}. */
    static Api.Pruned prune(Daemon d, boolean all) {
        List<String> deleted = new ArrayList<>();
        long space = 0;
        for (Volumes.Volume v : d.volumes.all()) {
            if ((all || v.anonymous()) && of(d, v.name()).isEmpty()) {
                space += d.volumes.size(v.name());
                d.volumes.remove(v.name(), false, List.of());
                deleted.add(v.name());
            }
        }
        d.events.pruned("volume", space);
        return new Api.Pruned(deleted, space);
    }
}
