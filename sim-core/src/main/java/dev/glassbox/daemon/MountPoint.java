package dev.glassbox.daemon;

import dev.glassbox.kernel.MountSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of a container's mounts as the daemon resolved it at create time: a named or anonymous volume,
 * a host path, or a tmpfs; {@code listed} is false for {@code --tmpfs}, which inspect's Mounts omits.
 */
record MountPoint(String type, String name, String source, String destination, String mode, boolean rw, boolean listed,
                  List<String> tmpfsOptions) {
    MountPoint {
        tmpfsOptions = tmpfsOptions == null ? List.of() : List.copyOf(tmpfsOptions);
    }

    MountSpec spec() {
        if (type.equals("tmpfs")) {
            List<String> opts = new ArrayList<>(List.of(rw ? "rw" : "ro", "nosuid", "nodev", "noexec"));
            opts.addAll(tmpfsOptions);
            return new MountSpec("tmpfs", "tmpfs", destination, opts);
        }
        return MountSpec.bind(source, destination, !rw);
    }

    /** The mounts in the order runc makes them: parents before what is mounted inside them. */
    static List<MountSpec> specs(List<MountPoint> mounts) {
        List<MountPoint> sorted = new ArrayList<>(mounts);
        sorted.sort(Comparator.comparingInt(m -> m.destination().split("/").length));
        List<MountSpec> out = new ArrayList<>();
        sorted.forEach(m -> out.add(m.spec()));
        return out;
    }

    /** As {@code docker inspect} shows it under Mounts. */
    Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Type", type);
        if (type.equals("volume")) {
            m.put("Name", name);
        }
        m.put("Source", source);
        m.put("Destination", destination);
        if (type.equals("volume")) {
            m.put("Driver", "local");
        }
        m.put("Mode", mode);
        m.put("RW", rw);
        m.put("Propagation", type.equals("bind") ? "rprivate" : "");
        return m;
    }
}
