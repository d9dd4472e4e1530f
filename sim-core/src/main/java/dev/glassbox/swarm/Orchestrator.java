package dev.glassbox.swarm;

import dev.glassbox.Progress;
import dev.glassbox.api.Api;
import dev.glassbox.api.ContainerConfig;
import dev.glassbox.api.DockerException;
import dev.glassbox.api.HostConfig;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * swarmkit's orchestrator, scheduler and the nodes' agents in one deterministic loop: every service has
 * one live task per slot; a slot without one gets a task on the schedulable node with the fewest of
 * the service's tasks (then the fewest tasks in all, then the node that joined first); a task on a node
 * that is drained, gone or removed is shut down with the reason and replaced. Each task is a container
 * that the node's own daemon creates and starts through its Engine API.
 */
final class Orchestrator {
    final Map<String, Service> services = new LinkedHashMap<>();
    final List<Task> tasks = new ArrayList<>();
    private final Cluster cluster;
    private final Narrator narrator;
    private final Tracer tracer;
    /** The swarm's overlay networks and load balancing; set once the swarm is wired. */
    Overlays overlays;

    Orchestrator(Cluster cluster, Narrator narrator, Tracer tracer) {
        this.cluster = cluster;
        this.narrator = narrator;
        this.tracer = tracer;
    }

    void nodeJoined(SwarmNode n) {
        reconcile();
    }

    /** The node is down (it left, was removed, or its host shut down): its tasks are shut down with the reason, and replaced. */
    void nodeGone(SwarmNode n, String why) {
        for (Task t : tasks) {
            if (t.node == n && t.live()) {
                t.desired = Task.State.SHUTDOWN;
                t.state = Task.State.SHUTDOWN;
                t.since = now();
                t.error = "";
                narrator.shutdown(n.hostname, t.service.name + "." + t.slot, "The task " + t.id + " on " + n.hostname + " is shut down: "
                        + why + "; the orchestrator gives its slot a new task.");
                removeContainer(t);
            }
        }
        for (Task t : tasks) {
            if (t.node == n) { // the node's agent removes its tasks' containers as it goes (they would hold networks it no longer has)
                removeTaskContainer(t);
            }
        }
        overlays.nodeDown(n);
        n.state = SwarmNode.State.DOWN;
        n.leader = false;
        n.engine = null;
        reconcile();
    }

    /** The last manager left: the swarm's state is erased, and every node's task containers with it. */
    void dissolve() {
        for (Task t : tasks) {
            if (t.live()) {
                removeContainer(t);
            }
        }
        for (Service s : services.values()) {
            for (Task t : tasksOf(s)) {
                removeTaskContainer(t);
            }
        }
        for (SwarmNode n : cluster.nodes) {
            overlays.nodeDown(n);
        }
        overlays.dissolve();
        tasks.clear();
        services.clear();
        cluster.nodes.clear();
    }

    long now() {
        return cluster.nodes.stream().filter(n -> n.engine != null).findFirst().map(n -> n.engine.currentTimeMillis()).orElse(0L);
    }

    List<Task> tasksOf(Service s) {
        return tasks.stream().filter(t -> t.service == s).toList();
    }

    /** Drives every service towards its spec: shuts down tasks on nodes that may not keep them and surplus slots, fills empty slots. */
    void reconcile() {
        for (Service s : services.values()) {
            for (Task t : tasksOf(s)) {
                if (!t.live()) {
                    continue;
                }
                if (!t.node.keepsTasks()) {
                    shutdown(t, "The node " + t.node.hostname + " is drained: its task " + t.service.name + "." + t.slot
                            + " is shut down and placed on another node.");
                } else if (t.slot > s.replicas) {
                    shutdown(t, "The service " + s.name + " is scaled down to " + s.replicas + ": slot " + t.slot + " is no longer wanted.");
                }
            }
            for (int slot = 1; slot <= s.replicas; slot++) {
                int k = slot;
                if (tasksOf(s).stream().noneMatch(t -> t.slot == k && t.live())) {
                    place(s, slot, s.image);
                }
            }
        }
    }

    /** A new task for the slot, on the node the scheduler picks, started there; none when no node can take it (it stays pending). */
    Task place(Service s, int slot, String image) {
        SwarmNode node = pick(s);
        if (node == null) {
            return null;
        }
        Task t = new Task(cluster.ids.next(), s, slot, node, image, now());
        tasks.add(t);
        t.state = Task.State.ASSIGNED;
        narrator.scheduled(node.hostname, s.name + "." + slot, "The scheduler assigns task " + s.name + "." + slot + " (" + t.id + ") to "
                + node.hostname + ": among the active nodes it runs the fewest of " + s.name + "'s tasks.");
        start(t);
        return t;
    }

    private SwarmNode pick(Service s) {
        List<SwarmNode> candidates = cluster.nodes.stream().filter(SwarmNode::schedulable).toList();
        return candidates.stream().min(Comparator.comparingLong((SwarmNode n) -> liveOn(n, s)).thenComparingLong(n -> liveOn(n, null))
                .thenComparingInt(cluster.nodes::indexOf)).orElse(null);
    }

    private long liveOn(SwarmNode n, Service s) {
        return tasks.stream().filter(t -> t.node == n && t.live() && (s == null || t.service == s)).count();
    }

    private void start(Task t) {
        Api api = t.node.engine.api();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("com.docker.swarm.node.id", t.node.id);
        labels.put("com.docker.swarm.service.id", t.service.id);
        labels.put("com.docker.swarm.service.name", t.service.name);
        labels.put("com.docker.swarm.task", "");
        labels.put("com.docker.swarm.task.id", t.id);
        labels.put("com.docker.swarm.task.name", t.service.name + "." + t.slot + "." + t.id);
        ContainerConfig config = new ContainerConfig(t.image, t.service.args.isEmpty() ? null : t.service.args, null, null, null, null,
                null, null, labels, false, false, null, null);
        List<String> nets = overlays.networksOf(t.service);
        HostConfig hc = nets.isEmpty() ? HostConfig.defaults() : new HostConfig(null, false, null, nets.get(0), 0, 0, 0, null, false);
        try (Tracer.Span h = tracer.onHost(t.node.hostname)) {
            if (api.images(false).stream().noneMatch(i -> i.repoTags().contains(qualified(t.image)))) {
                api.pull(t.image, Progress.NONE);
            }
            String id = api.create(t.containerName(), config, hc).id();
            for (String net : nets.subList(Math.min(1, nets.size()), nets.size())) {
                api.connectNetwork(net, id);
            }
            api.start(id);
            for (String net : nets) {
                t.ips.put(net, t.node.engine.clusterAgent().ipOn(id, net));
            }
            t.state = Task.State.RUNNING;
            t.since = now();
        } catch (DockerException e) {
            t.state = Task.State.REJECTED;
            t.desired = Task.State.SHUTDOWN;
            t.error = e.getMessage();
            t.since = now();
        }
    }

    static String qualified(String image) {
        return image.contains(":") && image.lastIndexOf(':') > image.lastIndexOf('/') ? image : image + ":latest";
    }

    void shutdown(Task t, String why) {
        t.desired = Task.State.SHUTDOWN;
        narrator.shutdown(t.node.hostname, t.service.name + "." + t.slot, why);
        removeContainer(t);
        t.state = Task.State.SHUTDOWN;
        t.since = now();
    }

    /** The task's container stops on its node (its host may be gone already: then there is nothing to stop). */
    private void removeContainer(Task t) {
        if (t.node.engine == null) {
            return;
        }
        try (Tracer.Span h = tracer.onHost(t.node.hostname)) {
            t.node.engine.api().stop(t.containerName(), 0, null);
        } catch (DockerException e) {
            // already stopped or gone with its host
        }
    }

    /**
     * Rolling update: the live tasks are replaced {@code parallelism} at a time (0: all at once, as Docker's
     * {@code --update-parallelism 0}), each old one shut down before its new one starts.
     */
    void update(Service s) {
        List<Task> old = tasksOf(s).stream().filter(t -> t.live() && !t.image.equals(s.image)).sorted(Comparator.comparingInt(t -> t.slot)).toList();
        int size = s.parallelism == 0 ? Math.max(1, old.size()) : s.parallelism;
        String pace = s.parallelism == 0 ? "all at once" : s.parallelism + " at a time";
        for (int i = 0; i < old.size(); i += size) {
            List<Task> batch = old.subList(i, Math.min(old.size(), i + size));
            for (Task t : batch) {
                shutdown(t, "Rolling update of " + s.name + " to " + s.image + ": task " + s.name + "." + t.slot + " is replaced ("
                        + pace + ").");
            }
            for (Task t : batch) {
                place(s, t.slot, s.image);
            }
        }
        reconcile();
    }

    void remove(Service s) {
        for (Task t : tasksOf(s)) {
            if (t.live()) {
                removeContainer(t);
            }
            removeTaskContainer(t);
        }
        tasks.removeIf(t -> t.service == s);
        services.remove(s.id);
        overlays.releaseVips(s);
    }

    /** The task's container is removed from its node (its host may be gone already). */
    private void removeTaskContainer(Task t) {
        if (t.node.engine != null) {
            try (Tracer.Span h = tracer.onHost(t.node.hostname)) {
                t.node.engine.api().remove(t.containerName(), true, false);
            } catch (DockerException e) {
                // its host is gone
            }
        }
    }
}
