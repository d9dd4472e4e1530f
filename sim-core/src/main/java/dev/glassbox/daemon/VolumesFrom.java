package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --volumes-from CONTAINER[:ro|rw]}: the mounts of another container (its volumes and bind
 * mounts, not its tmpfs), shared with this one, read-only when asked or when they were read-only there.
 */
final class VolumesFrom {
    private VolumesFrom() {}

    static List<MountPoint> mounts(Daemon d, List<String> specs) {
        List<MountPoint> out = new ArrayList<>();
        for (String spec : specs) {
            if (spec.isEmpty()) {
                throw DockerException.invalid("volumes-from specification cannot be an empty string");
            }
            int colon = spec.indexOf(':');
            String ref = colon < 0 ? spec : spec.substring(0, colon);
            String mode = colon < 0 ? "rw" : spec.substring(colon + 1);
            if (!mode.equals("ro") && !mode.equals("rw")) {
                throw DockerException.invalid("invalid mode: " + mode);
            }
            Container from = d.container(ref);
            for (MountPoint m : from.mounts) {
                if (m.listed() && !m.type().equals("tmpfs")) {
                    out.add(new MountPoint(m.type(), m.name(), m.source(), m.destination(), m.mode(), m.rw() && mode.equals("rw"), true,
                            null));
                }
            }
        }
        return out;
    }
}
