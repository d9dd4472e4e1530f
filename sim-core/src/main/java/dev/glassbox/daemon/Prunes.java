package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removing images and pruning (docker image rm, container prune, image prune, network prune): what may
 * go is decided by which containers use what. An image prune answers Docker's ImagesDeleted as the CLI
 * prints them, one {@code untagged: REF} or {@code deleted: sha256:…} line per item, in the
 * {@link Api.Pruned} list.
 */
final class Prunes {
    private Prunes() {}

    static List<Map<String, String>> removeImage(Daemon d, String name, boolean force) {
        Images.Stored s = d.images.get(name);
        BuildParents.checkNoChildren(d, s);
        List<String> users = new ArrayList<>();
        for (Container c : d.containers.values()) {
            if (c.image.id().equals(s.image().id())) {
                if (c.running()) {
                    throw DockerException.conflict("conflict: unable to delete " + s.image().id().shortId()
                            + " (cannot be forced) - image is being used by running container " + c.id.substring(0, 12));
                }
                users.add(c.id);
            }
        }
        List<Map<String, String>> out = new ArrayList<>(d.images.remove(name, force, users));
        BuildParents.prune(d, s, out);
        return out;
    }

    /** Every stopped container (created, exited, dead) with its writable layer; a restarting one is left, as Docker's rm refuses it. */
    static Api.Pruned containers(Daemon d) {
        List<String> deleted = new ArrayList<>();
        long space = 0;
        try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "prune containers", "",
                "The daemon removes every container that is not running, restarting or being removed, and their writable layers.", "")) {
            for (Container c : d.all()) {
                if (c.running() || c.status == Container.Status.RESTARTING || c.status == Container.Status.REMOVING) {
                    continue;
                }
                space += d.images.storage.driver.changedBytes(c.rootfs);
                d.lifecycle.remove(c);
                deleted.add(c.id);
            }
        }
        d.events.pruned("container", space);
        return new Api.Pruned(deleted, space);
    }

    /**
     * Images no container uses that no other image is built on (moby's "heads"): with {@code all} every
     * such image, else only the dangling ones (no tag). Space reclaimed is the size of the layers deleted.
     */
    static Api.Pruned images(Daemon d, boolean all) {
        Set<String> used = new HashSet<>();
        d.containers.values().forEach(c -> used.add(c.image.id().toString()));
        Set<String> parents = new HashSet<>();
        d.images.byId.values().forEach(s -> parents.add(s.parent()));
        List<String> lines = new ArrayList<>();
        long space = 0;
        try (Tracer.Span s = d.tracer.open(Layer.DAEMON, null, "prune images", all ? "all" : "dangling", all
                ? "The daemon removes every image no container uses, its tags first, and the layers no other image shares."
                : "The daemon removes the dangling images (no tag left) no container uses, and the layers no other image shares.", "")) {
            for (String id : new ArrayList<>(d.images.byId.keySet())) {
                List<String> tags = d.images.tagsOf(id);
                if (used.contains(id) || parents.contains(id) || (!all && !tags.isEmpty())) {
                    continue;
                }
                Map<String, Long> before = layerSizes(d);
                List<String> names = tags.isEmpty() ? List.of(id) : tags;
                for (String name : names) {
                    for (Map<String, String> item : d.images.remove(name, false, List.of())) {
                        item.forEach((k, v) -> lines.add(k.toLowerCase(java.util.Locale.ROOT) + ": " + v));
                    }
                }
                Map<String, Long> after = layerSizes(d);
                for (Map.Entry<String, Long> e : before.entrySet()) {
                    space += after.containsKey(e.getKey()) ? 0 : e.getValue();
                }
            }
        }
        d.events.pruned("image", space);
        return new Api.Pruned(lines, space);
    }

    /**
     * The build cache: BuildKit's records, which the classic builder never makes (its cache is the intermediate
     * images, which image prune sees), so there is nothing to delete.
     */
    static Api.Pruned buildCache(Daemon d) {
        d.tracer.did(Layer.DAEMON, null, "prune build cache", "build cache", "The classic builder keeps no build cache of its own: "
                + "what it reuses are the intermediate images, which docker image prune removes. Nothing is deleted.", "");
        return new Api.Pruned(List.of(), 0);
    }

    private static Map<String, Long> layerSizes(Daemon d) {
        Map<String, Long> out = new java.util.HashMap<>();
        d.images.storage.layers().forEach((chain, dir) -> out.put(chain, dir.size()));
        return out;
    }

    /** User-defined networks no running container is connected to. */
    static List<String> networks(Daemon d) {
        List<String> out = new ArrayList<>();
        for (Network n : new ArrayList<>(d.networks.byName.values())) {
            if (!n.predefined() && d.attached(n).isEmpty()) {
                d.networks.remove(n, List.of());
                out.add(n.name());
            }
        }
        d.events.pruned("network", 0);
        return out;
    }
}
