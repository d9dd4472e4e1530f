package dev.glassbox.compose;

import dev.glassbox.api.DockerException;
import dev.glassbox.api.ErrorKind;
import java.util.List;
import java.util.Map;

/**
 * Starts a project's containers in depends_on order, each once what it depends on is ready: started,
 * healthy ({@code service_healthy}: the daemon's health check says so) or exited with status 0
 * ({@code service_completed_successfully}), with Compose's Waiting, Healthy and Exited steps and its errors.
 */
final class Starter {
    /** How many looks (the client's pauses, as Compose's 500 ms ticker) a dependency gets before up gives up on it. */
    static final int MAX_LOOKS = 15_000;

    private final Session s;
    private final Frame frame;

    Starter(Session s, Frame frame) {
        this.s = s;
        this.frame = frame;
    }

    /** {@code names}: service → its containers' names, for the services to start. */
    void start(Project p, List<Service> services, Map<String, List<String>> names) {
        for (Service sv : services) {
            awaitDependencies(sv, names);
            names.getOrDefault(sv.name(), List.of()).forEach(this::startOne);
        }
    }

    /** Each container of what {@code sv} depends on made to meet its condition (those in {@code names}). */
    void awaitDependencies(Service sv, Map<String, List<String>> names) {
        for (Dependency d : sv.dependsOn()) {
            for (String dep : names.getOrDefault(d.service(), List.of())) {
                await(d, dep);
            }
        }
    }

    private void await(Dependency d, String container) {
        if (d.condition() == Condition.STARTED) {
            return;
        }
        String id = "Container " + container;
        frame.status(id, Frame.Status.WORKING, "Waiting");
        for (int look = 0; look < MAX_LOOKS; look++) {
            Map<?, ?> state = state(container);
            String status = String.valueOf(state.get("Status"));
            int code = state.get("ExitCode") instanceof Number n ? n.intValue() : 0;
            if (d.condition() == Condition.COMPLETED) {
                if (status.equals("exited") || status.equals("dead")) {
                    if (code == 0) {
                        frame.status(id, Frame.Status.DONE, "Exited");
                        return;
                    }
                    String msg = "service \"" + d.service() + "\" didn't complete successfully: exit " + code;
                    frame.status(id, Frame.Status.ERROR, msg);
                    throw new ComposeException(msg);
                }
            } else if (healthy(container, state, status, code, id)) {
                frame.status(id, Frame.Status.DONE, "Healthy");
                return;
            }
            s.c.advance().run();
        }
        frame.status(id, Frame.Status.ERROR, "Error");
        throw new ComposeException("glassbox: gave up waiting for " + container + " after " + MAX_LOOKS + " looks");
    }

    /** compose's isServiceHealthy: exited, no health check and unhealthy are errors; starting waits. */
    private boolean healthy(String container, Map<?, ?> state, String status, int code, String id) {
        String problem = null;
        if (status.equals("exited")) {
            problem = "container " + container + " exited (" + code + ")";
        } else if (!(state.get("Health") instanceof Map<?, ?> health)) {
            problem = "container " + container + " has no healthcheck configured";
        } else if ("healthy".equals(health.get("Status"))) {
            return true;
        } else if ("unhealthy".equals(health.get("Status"))) {
            problem = "container " + container + " is unhealthy";
        }
        if (problem != null) {
            frame.status(id, Frame.Status.ERROR, "Error");
            throw new ComposeException("dependency failed to start: " + problem);
        }
        return false;
    }

    private Map<?, ?> state(String container) {
        Object state = s.api.inspectContainer(container).get("State");
        return state instanceof Map<?, ?> m ? m : Map.of();
    }

    void startOne(String container) {
        String id = "Container " + container;
        if (Boolean.TRUE.equals(state(container).get("Running"))) {
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
}
