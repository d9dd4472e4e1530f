package dev.glassbox.lab;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What goals look at: the engine's state through its API, read without a trace (the student's last
 * trace stays theirs), once per check round (answers are kept until the round ends).
 */
final class Probe {
    private final Engine engine;
    private final Set<String> tracedGoals;
    private final Map<String, Object> inspected = new HashMap<>();
    private List<Api.ContainerSummary> all;

    Probe(Engine engine, Set<String> tracedGoals) {
        this.engine = engine;
        this.tracedGoals = tracedGoals;
    }

    Api api() {
        return engine.api();
    }

    /** {@code docker inspect NAME}, or null when no container has that name. */
    @SuppressWarnings("unchecked")
    Map<String, Object> container(String name) {
        Object o = inspected.computeIfAbsent("c:" + name, k -> {
            try {
                return engine.api().inspectContainer(name);
            } catch (DockerException e) {
                return e;
            }
        });
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    List<Api.ContainerSummary> containers() {
        if (all == null) {
            all = engine.api().containers(true);
        }
        return all;
    }

    /** "`docker ps -a` lists: web (running nginx), db (exited redis)", or that it lists none. */
    String psList() {
        List<String> parts = new ArrayList<>();
        for (Api.ContainerSummary c : containers()) {
            parts.add(c.names().get(0).replaceFirst("^/", "") + " (" + c.state() + " " + c.image() + ")");
        }
        return parts.isEmpty() ? "`docker ps -a` lists none" : "`docker ps -a` lists: " + String.join(", ", parts);
    }

    /** The bytes of a file in a container, as docker cp reads them. */
    byte[] file(String container, String path) {
        return engine.api().readFile(container, path);
    }

    /** A file on the engine's host (a volume's data, seen from the host), or null when there is none. */
    byte[] hostFile(String path) {
        return engine.hostFile(path).orElse(null);
    }

    /** A command line run for the check: no trace of it is kept and no think time passes. */
    Result quietly(String line) {
        return engine.runQuietly(line);
    }

    boolean traced(String goalId) {
        return tracedGoals.contains(goalId);
    }

    /** A field of an inspect document by dotted path ({@code HostConfig.Memory}, {@code Mounts.0.Name}); null when absent. */
    static Object field(Map<String, Object> doc, String path) {
        Object at = doc;
        for (String part : path.split("\\.")) {
            if (at instanceof Map<?, ?> m) {
                at = m.get(part);
            } else if (at instanceof List<?> l && part.matches("\\d+") && Integer.parseInt(part) < l.size()) {
                at = l.get(Integer.parseInt(part));
            } else {
                return null;
            }
        }
        return at;
    }
}
