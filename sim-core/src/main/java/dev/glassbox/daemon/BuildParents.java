package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import java.util.List;
import java.util.Map;

/**
 * The classic builder leaves a chain of untagged parent images behind each built one: {@code docker rmi}
 * of the built image deletes them too (each with its own {@code Deleted:} line), and an image another
 * image was built on cannot be deleted while it is untagged, as with Docker's graphdriver store.
 */
final class BuildParents {
    private BuildParents() {}

    static boolean hasChildren(Daemon d, String id) {
        return d.images.byId.values().stream().anyMatch(s -> s.parent().equals(id));
    }

    /** Refuses to delete an untagged image that other images were built on. */
    static void checkNoChildren(Daemon d, Images.Stored s) {
        String id = s.image().id().toString();
        if (d.images.tagsOf(id).isEmpty() && hasChildren(d, id)) {
            throw DockerException.conflict("conflict: unable to delete " + s.image().id().shortId() + " (cannot be forced) - image has dependent child images");
        }
    }

    /** After {@code removed} is deleted: its untagged parents that nothing else uses go as well. */
    static void prune(Daemon d, Images.Stored removed, List<Map<String, String>> out) {
        String id = removed.image().id().toString();
        if (d.images.byId.containsKey(id)) {
            return;
        }
        String parent = removed.parent();
        while (!parent.isEmpty()) {
            Images.Stored p = d.images.byId.get(parent);
            String pid = parent;
            if (p == null || !d.images.tagsOf(parent).isEmpty() || hasChildren(d, parent)
                    || d.containers.values().stream().anyMatch(c -> c.image.id().toString().equals(pid))) {
                return;
            }
            out.addAll(d.images.remove(parent, false, List.of()));
            parent = p.parent();
        }
    }
}
