package dev.glassbox.compose;

import dev.glassbox.api.Api.WaitResult;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import java.util.List;
import java.util.Map;

/**
 * Starts a project's containers in depends_on order, each once what it depends on is ready: started,
 * or exited with status 0 ({@code service_completed_successfully}). {@code service_healthy} waits for a
 * health check, which the create request does not carry yet: it is refused in one line.
 */
final class Starter {
    private final Session s;
    private final Frame frame;

    Starter(Session s, Frame frame) {
        this.s = s;
        this.frame = frame;
    }

    /** {@code names}: service → its container's name, for the services to start. */
    void start(Project p, List<Service> services, Map<String, String> names) {
        for (Service sv : services) {
            for (Dependency d : sv.dependsOn()) {
                String dep = names.get(d.service());
                if (dep != null) {
                    await(d, dep);
                }
            }
            startOne(names.get(sv.name()));
        }
    }

    private void await(Dependency d, String container) {
        switch (d.condition()) {
            case STARTED -> { }
            case HEALTHY -> throw ComposeException.unsupported("depends_on condition service_healthy (containers have no health check here yet)");
            case COMPLETED -> {
                String id = "Container " + container;
                frame.status(id, Frame.Status.WORKING, "Waiting");
                WaitResult w = s.api.await(container, "not-running");
                if (w.statusCode() != 0) {
                    frame.status(id, Frame.Status.ERROR, "Error");
                    throw new ComposeException("service \"" + d.service() + "\" didn't complete successfully: exit " + w.statusCode());
                }
                frame.status(id, Frame.Status.DONE, "Exited");
            }
            default -> throw new IllegalStateException(d.condition().name());
        }
    }

    void startOne(String container) {
        String id = "Container " + container;
        if (running(container)) {
            return;
        }
        frame.status(id, Frame.Status.WORKING, "Starting");
        try {
            s.api.start(container);
        } catch (DockerException e) {
            if (e.kind() == ErrorKind.NOT_MODIFIED) {
                frame.status(id, Frame.Status.DONE, "Started");
                return;
            }
            frame.status(id, Frame.Status.ERROR, "Error");
            throw e;
        }
        frame.status(id, Frame.Status.DONE, "Started");
    }

    private boolean running(String container) {
        Object state = s.api.inspectContainer(container).get("State");
        return state instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("Running"));
    }
}
