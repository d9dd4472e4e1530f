package dev.glassbox.client;

import dev.glassbox.api.Api;
import dev.glassbox.api.UsageException;

/**
 * {@code docker container prune}, {@code docker image prune} and {@code docker system prune}. Without
 * {@code --force} docker asks "Are you sure you want to continue? [y/N]" ({@link Prompt}); anything
 * but a yes cancels, silently and with status 0, as the CLI does.
 */
final class PruneCommands {
    private PruneCommands() {}

    static int containers(Session s, Parsed p) {
        if (!confirmed(s, p, "container", "WARNING! This will remove all stopped containers.")) {
            return 0;
        }
        report(s, "Deleted Containers:", s.api.pruneContainers());
        return 0;
    }

    static int images(Session s, Parsed p) {
        boolean all = p.bool("all");
        String warning = all ? "WARNING! This will remove all images without at least one container associated to them."
                : "WARNING! This will remove all dangling images.";
        if (!confirmed(s, p, "image", warning)) {
            return 0;
        }
        report(s, "Deleted Images:", s.api.pruneImages(all));
        return 0;
    }

    private static boolean confirmed(Session s, Parsed p, String group, String warning) {
        if (!p.list("filter").isEmpty()) {
            throw new UsageException("glassbox: 'docker " + group + " prune --filter' is not supported yet", 1);
        }
        return p.bool("force") || Prompt.confirm(s, warning + "\nAre you sure you want to continue?");
    }

    /**
     * docker system prune: stopped containers, unused networks, with --volumes anonymous volumes, then
     * dangling (or with -a unused) images, each kind's list as its own prune prints it, and the total.
     * glassbox keeps no build cache apart from images, so that part frees nothing.
     */
    static int system(Session s, Parsed p) {
        boolean all = p.bool("all");
        boolean volumes = p.bool("volumes");
        if (volumes && p.list("filter").stream().anyMatch(f -> f.startsWith("until=") || f.equals("until"))) {
            throw new UsageException("ERROR: The \"until\" filter is not supported with \"--volumes\"", 1);
        }
        if (!p.list("filter").isEmpty()) {
            throw new UsageException("glassbox: 'docker system prune --filter' is not supported yet", 1);
        }
        StringBuilder warning = new StringBuilder("WARNING! This will remove:\n  - all stopped containers\n"
                + "  - all networks not used by at least one container\n");
        if (volumes) {
            warning.append("  - all anonymous volumes not used by at least one container\n");
        }
        warning.append(all ? "  - all images without at least one container associated to them\n" : "  - all dangling images\n");
        warning.append(all ? "  - all build cache\n" : "  - unused build cache\n");
        if (!p.bool("force") && !Prompt.confirm(s, warning + "\nAre you sure you want to continue?")) {
            return 0;
        }
        long space = section(s, "Deleted Containers:", s.api.pruneContainers());
        java.util.List<String> networks = s.api.pruneNetworks();
        if (!networks.isEmpty()) {
            s.out("Deleted Networks:");
            networks.forEach(s::out);
            s.out("");
        }
        if (volumes) {
            space += section(s, "Deleted Volumes:", s.api.pruneVolumes(false));
        }
        space += section(s, "Deleted Images:", s.api.pruneImages(all));
        s.out("Total reclaimed space: " + Units.humanSize(space, 4));
        return 0;
    }

    /**
     * docker builder prune: BuildKit's cache, which the classic builder never fills; the question has no
     * newline of its own before "Are you sure", as the CLI asks it.
     */
    static int builder(Session s, Parsed p) {
        if (!p.list("filter").isEmpty()) {
            throw new UsageException("glassbox: 'docker builder prune --filter' is not supported yet", 1);
        }
        boolean all = p.bool("all");
        String warning = "WARNING! This will remove " + (all ? "all build cache" : "all dangling build cache") + ". Are you sure you want to continue?";
        if (!p.bool("force") && !Prompt.confirm(s, warning)) {
            return 0;
        }
        Api.Pruned r = s.api.pruneBuildCache(all);
        if (!r.deleted().isEmpty()) {
            s.out("Deleted build cache objects:");
            r.deleted().forEach(s::out);
            s.out("");
        }
        s.out("Total reclaimed space: " + Units.humanSize(r.spaceReclaimed(), 4));
        return 0;
    }

    /** One kind's list as its prune prints it; the space counts only when something went. */
    private static long section(Session s, String title, Api.Pruned r) {
        if (r.deleted().isEmpty()) {
            return 0;
        }
        s.out(title);
        r.deleted().forEach(s::out);
        s.out("");
        return r.spaceReclaimed();
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
