package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.kernel.Kernel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's event log (GET /events): what changed, as moby's events service records it, with the
 * actor's attributes Docker gives (a container's labels, image and name; a network's name, type and
 * container; a volume's driver). Like dockerd's in-memory log it keeps only the most recent events.
 * Times come from the kernel's clock, so the sim kernel's are virtual and repeatable.
 */
final class Events {
    static final int CAPACITY = 1000;

    private final Kernel kernel;
    private final ArrayDeque<Api.Event> ring = new ArrayDeque<>();

    Events(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Events at or after {@code sinceNanos} and before {@code untilNanos}, oldest first. */
    List<Api.Event> between(long sinceNanos, long untilNanos) {
        List<Api.Event> out = new ArrayList<>();
        for (Api.Event e : ring) {
            if (e.timeNanos() >= sinceNanos && e.timeNanos() < untilNanos) {
                out.add(e);
            }
        }
        return out;
    }

    long nowNanos() {
        return kernel.currentTimeMillis() * 1_000_000L;
    }

    private void log(String type, String action, String actor, Map<String, String> attributes) {
        ring.addLast(new Api.Event(type, action, actor, attributes, nowNanos()));
        while (ring.size() > CAPACITY) {
            ring.removeFirst();
        }
    }

    // ---- containers

    void container(Container c, String action) {
        container(c, action, Map.of());
    }

    /** moby's LogContainerEventWithAttributes: the container's labels, then image and name, then the action's own. */
    void container(Container c, String action, Map<String, String> extra) {
        Map<String, String> a = new LinkedHashMap<>(c.config.labels());
        a.put("image", c.imageName);
        a.put("name", c.name);
        a.putAll(extra);
        log("container", action, c.id, a);
    }

    /** exec_create / exec_start carry the command in the action itself, as Docker's do. */
    void exec(Container c, String action, String execId, List<String> cmd) {
        container(c, action + ": " + String.join(" ", cmd), Map.of("execID", execId));
    }

    void execDied(Container c, String execId, int exitCode) {
        container(c, "exec_die", Map.of("execID", execId, "exitCode", String.valueOf(exitCode)));
    }

    /** What a start brings with it, in moby's order: the network endpoints, the volumes mounted, then start. */
    void started(Daemon d, Container c) {
        for (Network n : networksOf(d, c)) {
            network(n, "connect", c.id);
        }
        for (MountPoint m : c.mounts) {
            if (m.type().equals("volume")) {
                volume(m.name(), "mount", Map.of("container", c.id, "destination", m.destination(), "driver", "local",
                        "propagation", "", "read/write", String.valueOf(m.rw())));
            }
        }
        container(c, "start");
    }

    /** What an exit brings with it: oom when the OOM killer struck, die with the code and the seconds it ran, then the endpoints and volumes let go. */
    void died(Daemon d, boolean oom, Container c) {
        if (oom) {
            container(c, "oom");
        }
        container(c, "die", Map.of("exitCode", String.valueOf(c.exitCode), "execDuration", String.valueOf((c.finishedAt - c.startedAt) / 1000)));
        for (Network n : networksOf(d, c)) {
            network(n, "disconnect", c.id);
        }
        for (MountPoint m : c.mounts) {
            if (m.type().equals("volume")) {
                volume(m.name(), "unmount", Map.of("container", c.id, "driver", "local"));
            }
        }
    }

    private static List<Network> networksOf(Daemon d, Container c) {
        List<Network> out = new ArrayList<>();
        for (Network n : d.networks.byName.values()) {
            if (n.bridged() && d.networks.on(c, n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** A prune's own event ({@code type} container, image, network or volume): no actor, the bytes it reclaimed. */
    void pruned(String type, long reclaimed) {
        log(type, "prune", "", Map.of("reclaimed", String.valueOf(reclaimed)));
    }

    // ---- images, networks, volumes

    /** moby's LogImageEvent: the image's labels, and {@code name} when there is one. */
    void image(String actor, String name, String action, Map<String, String> labels) {
        Map<String, String> a = new LinkedHashMap<>(labels == null ? Map.of() : labels);
        if (name != null && !name.isEmpty()) {
            a.put("name", name);
        }
        log("image", action, actor, a);
    }

    /** An image removal's answer read back as events: an untag per name, a delete for the image itself. */
    void removed(String imageId, List<Map<String, String>> items) {
        for (Map<String, String> item : items) {
            if (item.containsKey("Untagged")) {
                image(imageId, imageId, "untag", Map.of());
            } else if (imageId.equals(item.get("Deleted"))) {
                image(imageId, imageId, "delete", Map.of());
            }
        }
    }

    void network(Network n, String action, String containerId) {
        Map<String, String> a = new LinkedHashMap<>();
        if (containerId != null) {
            a.put("container", containerId);
        }
        a.put("name", n.name());
        a.put("type", n.driver().wire());
        log("network", action, n.id(), a);
    }

    void volume(String name, String action, Map<String, String> attributes) {
        log("volume", action, name, attributes);
    }
}
