package dev.glassbox.compose;

import dev.glassbox.api.Api;
import dev.glassbox.api.Api.ContainerSummary;
import java.util.List;

/** {@code docker compose wait SERVICE…}: blocks until each running container of the services stops; exits with the last one's status. */
final class Waiter {
    private Waiter() {}

    static int run(Session s, List<String> argv) {
        Flags f = Flags.parse(argv, List.of(Flags.bool("down-project", "")), true);
        if (f.args.isEmpty()) {
            throw new ComposeException("\"docker compose wait\" requires at least 1 argument.\nSee 'docker compose wait --help'.\n\n"
                    + "Usage:  docker compose wait SERVICE [SERVICE...] [OPTIONS]\n\n"
                    + "Block until containers of all (or specified) services stop.");
        }
        String name = s.projectName();
        List<ContainerSummary> containers = s.containers(false, f.args, true);
        if (containers.isEmpty()) {
            throw new ComposeException("no containers for project \"" + name + "\"");
        }
        int status = 0;
        for (ContainerSummary c : containers) {
            Api.WaitResult w = s.api.await(c.id(), "not-running");
            if (w.statusCode() < 0) {
                s.err("glassbox: " + Session.name(c) + " is still running and nothing left would stop it; not waiting");
                return 1;
            }
            s.out("container \"" + c.id() + "\" exited with status code " + w.statusCode());
            status = w.statusCode();
        }
        if (f.bool("down-project")) {
            new Down(s).run(List.of("--remove-orphans"));
        }
        return status;
    }
}
