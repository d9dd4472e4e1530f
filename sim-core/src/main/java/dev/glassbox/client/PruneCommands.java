package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.UsageException;

/**
 * {@code docker container prune} and {@code docker image prune}. Without {@code --force} docker asks
 * "Are you sure you want to continue? [y/N]"; glassbox's command lines have no input to answer it, so,
 * as volume and network prune here, the prompt is shown and nothing is removed.
 */
final class PruneCommands {
    private PruneCommands() {}

    static int containers(Session s, Parsed p) {
        if (!confirmed(s, p, "container", "WARNING! This will remove all stopped containers.")) {
            return 1;
        }
        report(s, "Deleted Containers:", s.api.pruneContainers());
        return 0;
    }

    static int images(Session s, Parsed p) {
        boolean all = p.bool("all");
        String warning = all ? "WARNING! This will remove all images without at least one container associated to them."
                : "WARNING! This will remove all dangling images.";
        if (!confirmed(s, p, "image", warning)) {
            return 1;
        }
        report(s, "Deleted Images:", s.api.pruneImages(all));
        return 0;
    }

    private static boolean confirmed(Session s, Parsed p, String group, String warning) {
        if (!p.list("filter").isEmpty()) {
            throw new UsageException("glassbox: 'docker " + group + " prune --filter' is not supported yet", 1);
        }
        if (p.bool("force")) {
            return true;
        }
        s.out.append(warning + "\nAre you sure you want to continue? [y/N] \n");
        s.err("glassbox: no answer to the prompt (no input here): nothing was removed; use --force");
        return false;
    }

    private static void report(Session s, String title, Api.Pruned r) {
        if (!r.deleted().isEmpty()) {
            s.out(title);
            r.deleted().forEach(s::out);
            s.out("");
        }
        s.out("Total reclaimed space: " + Units.humanSize(r.spaceReclaimed(), 4));
    }
}
