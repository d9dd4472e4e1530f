package dev.glassbox.compose;

import dev.glassbox.api.Api.ContainerSummary;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code docker compose down}: stops and removes the project's containers in reverse dependency order,
 * then its networks, with {@code --rmi} its images and with {@code -v} its named and anonymous volumes.
 * External networks and volumes stay.
 */
final class Down {
    private static final List<Flags.Def> FLAGS = List.of(Flags.bool("volumes", "v"), Flags.value("rmi", ""),
            Flags.bool("remove-orphans", ""), Flags.value("timeout", "t"));

    private final Session s;

    Down(Session s) {
        this.s = s;
    }

    int run(List<String> argv) {
        Flags f = Flags.parse(argv, FLAGS, true);
        String rmi = f.string("rmi", "");
        if (!rmi.isEmpty() && !rmi.equals("local") && !rmi.equals("all")) {
            throw new ComposeException("invalid value for --rmi: " + rmi);
        }
        Integer timeout = f.has("timeout") ? Lifecycle.seconds(f.string("timeout", "")) : null;
        Project p = s.projectOrRunning();
        boolean volumes = f.bool("volumes");
        Frame frame = s.frame("Running");
        boolean removed = false;
        try {
            List<ContainerSummary> all = s.containers(true, List.of());
            for (Service sv : Order.down(p, p.select(f.args))) {
                for (ContainerSummary c : all) {
                    if (Session.service(c).equals(sv.name())) {
                        stopAndRemove(s, c, timeout, volumes, frame);
                        removed = true;
                    }
                }
            }
            if (f.args.isEmpty()) {
                removed |= networks(p, frame);
                if (!rmi.isEmpty()) {
                    removed |= images(p, rmi, frame);
                }
                if (volumes) {
                    removed |= volumes(p, frame);
                }
            }
        } finally {
            s.show(frame);
        }
        if (!removed) {
            s.warn("Warning: No resource found to remove for project \"" + p.name() + "\".");
        }
        return 0;
    }

    /** Compose's stopAndRemoveContainer: Stopping, Stopped, Removing, Removed on the container's line. */
    static void stopAndRemove(Session s, ContainerSummary c, Integer timeout, boolean volumes, Frame frame) {
        String id = "Container " + Session.name(c);
        frame.status(id, Frame.Status.WORKING, "Stopping");
        try {
            s.api.stop(c.id(), timeout, null);
        } catch (DockerException e) {
            if (e.kind() != ErrorKind.NOT_MODIFIED) {
                frame.status(id, Frame.Status.ERROR, "Error while Stopping");
                throw e;
            }
        }
        frame.status(id, Frame.Status.DONE, "Stopped");
        frame.status(id, Frame.Status.WORKING, "Removing");
        s.api.remove(c.id(), true, volumes);
        frame.status(id, Frame.Status.DONE, "Removed");
    }

    private boolean networks(Project p, Frame frame) {
        boolean any = false;
        for (NetworkDef n : p.networks().values()) {
            if (n.external() || s.api.networks().stream().noneMatch(x -> x.name().equals(n.name()))) {
                continue;
            }
            String id = "Network " + n.name();
            frame.status(id, Frame.Status.WORKING, "Removing");
            try {
                s.api.removeNetwork(n.name());
                frame.status(id, Frame.Status.DONE, "Removed");
            } catch (DockerException e) {
                if (e.kind() != ErrorKind.CONFLICT) {
                    frame.status(id, Frame.Status.ERROR, "Error");
                    throw new ComposeException("failed to remove network " + n.name() + ": Error response from daemon: " + e.getMessage());
                }
                frame.status(id, Frame.Status.WARNING, "Resource is still in use");
            }
            any = true;
        }
        return any;
    }

    private boolean images(Project p, String rmi, Frame frame) {
        Set<String> refs = new LinkedHashSet<>();
        for (Service sv : p.services().values()) {
            if (rmi.equals("all") || sv.image().isEmpty()) {
                refs.add(sv.imageFor(p.name()));
            }
        }
        boolean any = false;
        Resources r = new Resources(s);
        for (String ref : refs) {
            if (r.imageId(ref) == null) {
                continue;
            }
            String id = "Image " + ref;
            frame.status(id, Frame.Status.WORKING, "Removing");
            try {
                s.api.removeImage(ref, false);
                frame.status(id, Frame.Status.DONE, "Removed");
            } catch (DockerException e) {
                if (e.kind() != ErrorKind.CONFLICT) {
                    throw e;
                }
                frame.status(id, Frame.Status.WARNING, "Resource is still in use");
            }
            any = true;
        }
        return any;
    }

    private boolean volumes(Project p, Frame frame) {
        boolean any = false;
        Resources r = new Resources(s);
        List<VolumeDef> defs = new ArrayList<>(p.volumes().values());
        for (VolumeDef v : defs) {
            if (v.external() || !r.volumeExists(v.name())) {
                continue;
            }
            String id = "Volume " + v.name();
            frame.status(id, Frame.Status.WORKING, "Removing");
            try {
                s.api.removeVolume(v.name(), true);
                frame.status(id, Frame.Status.DONE, "Removed");
            } catch (DockerException e) {
                if (e.kind() != ErrorKind.CONFLICT) {
                    throw e;
                }
                frame.status(id, Frame.Status.WARNING, "Resource is still in use");
            }
            any = true;
        }
        return any;
    }
}
