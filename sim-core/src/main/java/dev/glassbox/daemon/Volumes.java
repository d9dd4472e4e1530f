package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.daemon.volume.LocalDriver;
import dev.glassbox.daemon.volume.VolumeDriver;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The daemon's volumes, each kept by its volume driver ({@link VolumeDriver}): the local driver's a
 * directory {@code DATA_ROOT/volumes/NAME/_data} that outlives containers, a plugin's wherever the
 * plugin mounts it.
 */
final class Volumes {
    static final String ANONYMOUS = "com.docker.volume.anonymous";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    /** {@code labels} and {@code options} are null when the request carried none, as Docker shows them. */
    record Volume(String name, long createdAt, Map<String, String> labels, Map<String, String> options, String driver) {
        Volume {
            driver = driver == null ? LocalDriver.NAME : driver; // saved before there were plugins
        }

        boolean anonymous() {
            return labels != null && labels.containsKey(ANONYMOUS);
        }
    }

    final Map<String, Volume> byName = new TreeMap<>();
    private final Kernel kernel;
    private final Tracer tracer;

    private final dev.glassbox.kernel.HostLayout layout;
    private final UsernsRemap remap;

    private final Events events;

    /** Where this store marks the parts of the state it edits. */
    private final dev.glassbox.trace.Edits edits;

    Volumes(Kernel kernel, Tracer tracer, dev.glassbox.kernel.HostLayout layout, UsernsRemap remap, Events events, dev.glassbox.trace.Edits edits) {
        this.edits = edits;
        this.events = events;
        this.kernel = kernel;
        this.tracer = tracer;
        this.layout = layout;
        this.remap = remap;
    }

    private VolumeDriver driver(String volume) {
        Volume v = byName.get(volume);
        return VolumeDriver.named(v == null ? null : v.driver(), layout.dataRoot(), volume);
    }

    String mountpoint(String name) {
        return driver(name).mountpoint(name);
    }

    /** Creates a local volume, or answers the one of that name (Docker's create is idempotent). */
    Volume create(String name, Map<String, String> labels, Map<String, String> options) {
        return create(name, LocalDriver.NAME, labels, options);
    }

    /** Creates the volume with this driver, or answers the one of that name; a driver no plugin provides is refused. */
    Volume create(String name, String driverName, Map<String, String> labels, Map<String, String> options) {
        VolumeDriver driver = VolumeDriver.named(driverName, layout.dataRoot(), name);
        Volume existing = byName.get(name);
        if (existing != null) {
            if (!existing.driver().equals(driver.name())) {
                throw DockerException.conflict("create " + name + ": driver '" + existing.driver() + "' already has volume '" + name
                        + "': volume name must be unique");
            }
            return existing;
        }
        checkName(name);
        Volume v = new Volume(name, kernel.currentTimeMillis(), labels, options, driver.name());
        kernel.fs().mkdirs(driver.mountpoint(name));
        if (remap != null) {
            kernel.fs().chown(mountpoint(name), (int) remap.uid(), (int) remap.gid());
        }
        byName.put(name, v);
        edits.mark(dev.glassbox.trace.StatePart.VOLUMES);
        events.volume(name, "create", Map.of("driver", driver.name()));
        tracer.did(Layer.DAEMON, null, "create volume", name.length() > 12 ? name.substring(0, 12) : name, driver.createSentence()
                        + (remap == null ? "." : ", owned by the remapped root " + remap.uid() + ":" + remap.gid() + " so that root in a container may write to it."),
                "mkdir -p " + mountpoint(name) + (remap == null ? "" : " && chown " + remap.uid() + ":" + remap.gid() + " " + mountpoint(name)));
        return v;
    }

    void checkName(String name) {
        if (!byName.containsKey(name) && !NAME.matcher(name).matches()) {
            throw DockerException.invalid("create " + name + ": \"" + name + "\" includes invalid characters for a local volume name, only \""
                    + "[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        }
    }

    Volume get(String name) {
        Volume v = byName.get(name);
        if (v == null) {
            throw DockerException.notFound("get " + name + ": no such volume");
        }
        return v;
    }

    void remove(String name, boolean force, List<String> usedBy) {
        if (!byName.containsKey(name)) {
            if (force) {
                return;
            }
            throw DockerException.notFound("get " + name + ": no such volume");
        }
        if (!usedBy.isEmpty()) {
            throw DockerException.conflict("remove " + name + ": volume is in use - [" + String.join(", ", usedBy) + "]");
        }
        VolumeDriver driver = driver(name);
        kernel.fs().remove(driver.directory(name));
        byName.remove(name);
        edits.mark(dev.glassbox.trace.StatePart.VOLUMES);
        events.volume(name, "destroy", Map.of("driver", driver.name()));
        tracer.did(Layer.DAEMON, null, "remove volume", name.length() > 12 ? name.substring(0, 12) : name, "The volume's directory and all the data in it are deleted.",
                "rm -rf " + driver.directory(name));
    }

    long size(String name) {
        return kernel.fs().diskUsage(mountpoint(name));
    }

    Api.Volume view(Volume v) {
        VolumeDriver driver = driver(v.name());
        return new Api.Volume(v.name(), driver.name(), driver.mountpoint(v.name()), v.createdAt(), v.labels() == null ? Map.of() : v.labels(), driver.scope());
    }

    Map<String, Object> inspect(Volume v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("CreatedAt", Instant.ofEpochSecond(v.createdAt() / 1000).toString());
        VolumeDriver driver = driver(v.name());
        m.put("Driver", driver.name());
        m.put("Labels", v.labels() == null ? null : new TreeMap<>(v.labels()));
        m.put("Mountpoint", mountpoint(v.name()));
        m.put("Name", v.name());
        m.put("Options", v.options() == null ? null : new TreeMap<>(v.options()));
        m.put("Scope", driver.scope());
        return m;
    }

    List<Volume> all() {
        return new ArrayList<>(byName.values());
    }
}
