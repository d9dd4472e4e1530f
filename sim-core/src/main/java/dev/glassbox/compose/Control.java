package dev.glassbox.compose;

import dev.glassbox.api.Api.ContainerSummary;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import java.util.List;

/** {@code docker compose kill [-s SIGNAL]}, {@code pause} and {@code unpause}: a signal or the freezer for each running container. */
final class Control {
    private Control() {}

    static int kill(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.bool("remove-orphans", ""), Flags.value("signal", "s")), true);
        String signal = f.string("signal", "SIGKILL");
        List<ContainerSummary> containers = running(s, f.args, true);
        if (containers.isEmpty()) {
            s.c.err().accept("no container to kill");
            return 0;
        }
        Frame frame = s.frame("Killing");
        try {
            for (ContainerSummary c : containers) {
                String id = "Container " + Session.name(c);
                frame.status(id, Frame.Status.WORKING, "Killing");
                try {
                    s.api.kill(c.id(), signal);
                } catch (DockerException e) {
                    frame.status(id, Frame.Status.ERROR, "Error while Killing");
                    throw e;
                }
                frame.status(id, Frame.Status.DONE, "Killed");
            }
        } finally {
            s.show(frame);
        }
        return 0;
    }

    /** A second Ctrl-C at attached up: SIGKILL to each of the services' containers, no view; those already gone or stopped are passed over. */
    static void killQuietly(Session s, List<String> services) {
        for (ContainerSummary c : s.containers(true, services, true)) {
            try {
                s.api.kill(c.id(), null);
            } catch (DockerException e) {
                if (e.kind() != ErrorKind.NOT_FOUND && e.kind() != ErrorKind.CONFLICT) {
                    throw e;
                }
            }
        }
    }

    static int pause(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(), true);
        Frame frame = s.frame("Pausing");
        try {
            for (ContainerSummary c : running(s, f.args, false)) {
                s.api.pause(c.id());
                frame.status("Container " + Session.name(c), Frame.Status.DONE, "Paused");
            }
        } finally {
            s.show(frame);
        }
        return 0;
    }

    static int unpause(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(), true);
        Frame frame = s.frame("Running");
        try {
            for (ContainerSummary c : running(s, f.args, false)) {
                s.api.unpause(c.id());
                frame.status("Container " + Session.name(c), Frame.Status.DONE, "Unpaused");
            }
        } finally {
            s.show(frame);
        }
        return 0;
    }

    /** The running (or paused) containers of the named services, each name checked against the file when there is one. */
    private static List<ContainerSummary> running(Session s, List<String> services, boolean oneOffs) {
        Project p = s.projectOrRunning();
        p.select(services);
        List<String> known = p.services().keySet().stream().toList();
        return s.containers(false, services, oneOffs).stream().filter(c -> known.contains(Session.service(c))).toList();
    }
}
