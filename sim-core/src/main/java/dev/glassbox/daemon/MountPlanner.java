package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.HostConfig;
import dev.glassbox.api.MountRequest;
import dev.glassbox.kernel.HostFs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code -v}, {@code --mount} and {@code --tmpfs} into a container's mount points at create
 * time, as dockerd does: named volumes are created if missing, anonymous ones get a random name, a
 * missing {@code -v} host path is created. Whether a host path may be used at all is the kernel's
 * call (the Linux kernel confines host paths to its state root), reported in one line.
 */
final class MountPlanner {
    private static final Set<String> MODES = Set.of("ro", "rw", "z", "Z", "nocopy", "private", "rprivate", "shared", "rshared",
            "slave", "rslave");

    private final Volumes volumes;
    private final HostFs fs;
    private final Daemon d;

    MountPlanner(Daemon d) {
        this.d = d;
        this.volumes = d.volumes;
        this.fs = d.kernel.fs();
    }

    private boolean dry;

    /** Checks every mount as dockerd does before it looks at the image; creates nothing. */
    void validate(HostConfig hc) {
        dry = true;
        try {
            plan(hc);
        } finally {
            dry = false;
        }
    }

    List<MountPoint> plan(HostConfig hc) {
        List<MountPoint> out = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (String bind : hc.binds()) {
            add(out, targets, bind(bind));
        }
        for (MountRequest m : hc.mounts()) {
            add(out, targets, mount(m));
        }
        for (Map.Entry<String, String> t : hc.tmpfs().entrySet()) {
            List<String> opts = t.getValue().isEmpty() ? List.of() : List.of(t.getValue().split(","));
            absolute("tmpfs", t.getKey(), t.getKey());
            add(out, targets, new MountPoint("tmpfs", "", "", t.getKey(), "", !opts.contains("ro"), false,
                    opts.stream().filter(o -> !o.equals("ro") && !o.equals("rw")).toList()));
        }
        for (MountPoint m : VolumesFrom.mounts(d, hc.volumesFrom())) {
            if (targets.add(m.destination())) { // the container's own -v and --mount win over what it takes from others
                out.add(m);
            }
        }
        return out;
    }

    private static void add(List<MountPoint> out, Set<String> targets, MountPoint m) {
        if (!targets.add(m.destination())) {
            throw DockerException.invalid("Duplicate mount point: " + m.destination());
        }
        out.add(m);
    }

    private MountPoint bind(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length > 3 || spec.isEmpty()) {
            throw DockerException.invalid("invalid volume specification: '" + spec + "'");
        }
        if (parts.length == 1) {
            absolute("volume", spec, spec);
            return volume(null, spec, true, "", true);
        }
        String src = parts[0];
        String dst = parts[1];
        String mode = parts.length == 3 ? parts[2] : "";
        for (String m : mode.isEmpty() ? new String[0] : mode.split(",")) {
            if (!MODES.contains(m)) {
                throw DockerException.invalid("invalid mode: " + mode);
            }
        }
        boolean rw = !List.of(mode.split(",")).contains("ro");
        boolean host = src.startsWith("/");
        String type = host ? "bind" : "volume";
        String where = "invalid volume specification: '" + spec + "': invalid mount config for type \"" + type + "\": ";
        if (!dst.startsWith("/")) {
            throw DockerException.invalid(where + "invalid mount path: '" + dst + "' mount path must be absolute");
        }
        if (dst.equals("/")) {
            throw DockerException.invalid(where + "invalid specification: destination can't be '/'");
        }
        if (!host) {
            return volume(src, dst, rw, mode.isEmpty() ? "z" : mode, false);
        }
        if (!exists(src) && !dry) {
            mkdirs(src);
        }
        return new MountPoint("bind", "", src, dst, mode, rw, true, null);
    }

    private MountPoint mount(MountRequest m) {
        switch (m.type()) {
            case "volume" -> {
                absolute("volume", m.target(), m.target());
                return m.source().isEmpty() ? volume(null, m.target(), !m.readOnly(), "", true)
                        : volume(m.source(), m.target(), !m.readOnly(), "", false);
            }
            case "bind" -> {
                absolute("bind", m.target(), m.target());
                if (m.source().isEmpty()) {
                    throw DockerException.invalid("invalid mount config for type \"bind\": field Source must not be empty");
                }
                if (!exists(m.source())) {
                    throw DockerException.invalid("invalid mount config for type \"bind\": bind source path does not exist: " + m.source());
                }
                return new MountPoint("bind", "", m.source(), m.target(), "", !m.readOnly(), true, null);
            }
            case "tmpfs" -> {
                absolute("tmpfs", m.target(), m.target());
                return new MountPoint("tmpfs", "", "", m.target(), "", !m.readOnly(), true, null);
            }
            default -> throw DockerException.invalid("mount type unknown: \"" + m.type() + "\"");
        }
    }

    private MountPoint volume(String name, String dst, boolean rw, String mode, boolean anonymous) {
        if (dry) {
            if (name != null) {
                volumes.checkName(name);
            }
            return new MountPoint("volume", name, "", dst, mode, rw, true, null);
        }
        name = name == null ? randomName() : name;
        Volumes.Volume v = volumes.byName.containsKey(name) ? volumes.byName.get(name)
                : volumes.create(name, anonymous ? Map.of(Volumes.ANONYMOUS, "") : null, null);
        return new MountPoint("volume", v.name(), volumes.mountpoint(v.name()), dst, mode, rw, true, null);
    }

    private static void absolute(String type, String spec, String path) {
        if (!path.startsWith("/")) {
            throw DockerException.invalid("invalid volume specification: '" + spec + "': invalid mount config for type \"" + type
                    + "\": invalid mount path: '" + path + "' mount path must be absolute");
        }
    }

    private String randomName() {
        return d.randomHex(32);
    }

    /** The kernel decides which host paths exist for a container; its refusal is the user's one line. */
    private boolean exists(String path) {
        try {
            return fs.exists(path);
        } catch (IllegalArgumentException e) {
            throw DockerException.invalid(e.getMessage());
        }
    }

    private void mkdirs(String path) {
        try {
            fs.mkdirs(path);
        } catch (IllegalArgumentException e) {
            throw DockerException.invalid(e.getMessage());
        }
    }
}
