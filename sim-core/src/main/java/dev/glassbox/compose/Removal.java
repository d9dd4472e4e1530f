package dev.glassbox.compose;

import dev.glassbox.api.Api.ContainerSummary;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code docker compose rm [-f] [-s] [-v] [SERVICE...]}: the project's stopped containers removed once the
 * user says yes to Compose's question ({@code -f}: without asking; {@code -s}: stopped first).
 */
final class Removal {
    private Removal() {}

    static int run(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.bool("force", "f"), Flags.bool("stop", "s"), Flags.bool("volumes", "v"),
                Flags.bool("all", "a")), true);
        Project p = s.projectOrRunning();
        p.select(f.args);
        if (f.bool("stop")) {
            Lifecycle.stop(s, f.args);
        }
        List<ContainerSummary> stopped = new ArrayList<>();
        for (ContainerSummary c : s.containers(true, f.args)) {
            if (p.services().containsKey(Session.service(c)) && !running(s, c)) {
                stopped.add(c);
            }
        }
        if (stopped.isEmpty()) {
            s.err("No stopped containers");
            return 0;
        }
        String msg = "Going to remove " + String.join(", ", stopped.stream().map(Session::name).toList());
        if (f.bool("force")) {
            s.out(msg);
        } else if (!confirm(s, msg)) {
            return 0;
        }
        Frame frame = s.frame("Removing");
        try {
            for (ContainerSummary c : stopped) {
                String id = "Container " + Session.name(c);
                frame.status(id, Frame.Status.WORKING, "Removing");
                s.api.remove(c.id(), f.bool("force"), f.bool("volumes"));
                frame.status(id, Frame.Status.DONE, "Removed");
            }
        } finally {
            s.show(frame);
        }
        return 0;
    }

    /** Compose's prompt: survey's {@code ? … (y/N) } at a terminal; without one the question alone, and the input's end is a no. */
    static boolean confirm(Session s, String message) {
        if (!s.c.console()) {
            s.c.out().accept(message);
            return false;
        }
        return s.c.ask().test("? " + message + " (y/N) ");
    }

    /** As Compose, the state inspected again (the listing may be behind); a container gone meanwhile is passed over. */
    private static boolean running(Session s, ContainerSummary c) {
        try {
            Object state = s.api.inspectContainer(c.id()).get("State");
            return state instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("Running"));
        } catch (DockerException e) {
            if (e.kind() == ErrorKind.NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }
}
