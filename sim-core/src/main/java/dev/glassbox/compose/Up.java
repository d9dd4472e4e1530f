package dev.glassbox.compose;

import dev.glassbox.api.Api.ContainerSummary;
import dev.glassbox.api.DockerException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker compose up}: pulls or builds what is missing, creates the networks and volumes, creates
 * the containers in depends_on order (recreating those whose configuration changed), starts them once
 * what they depend on is ready, and without {@code -d} attaches to their output.
 */
final class Up {
    /** How long an attached up waits, in the client's looks at the daemon, for every container to exit. */
    static final int ATTACH_LOOKS = 150;
    /** The status Compose exits with when Ctrl-C ended it: 128 + SIGINT. */
    static final int INTERRUPTED = 130;
    private static final List<Flags.Def> FLAGS = List.of(Flags.bool("detach", "d"), Flags.bool("build", ""),
            Flags.bool("no-build", ""), Flags.bool("no-start", ""), Flags.bool("no-deps", ""), Flags.bool("force-recreate", ""),
            Flags.bool("no-recreate", ""), Flags.bool("quiet-pull", ""), Flags.bool("remove-orphans", ""), Flags.bool("wait", ""),
            Flags.value("pull", ""), Flags.bool("no-color", ""), Flags.bool("no-log-prefix", ""), Flags.value("timeout", "t"),
            Flags.value("scale", ""));
    private static final List<Flags.Def> CREATE_FLAGS = List.of(Flags.bool("build", ""), Flags.bool("no-build", ""),
            Flags.value("pull", ""), Flags.bool("quiet-pull", ""), Flags.bool("force-recreate", ""), Flags.bool("no-recreate", ""),
            Flags.bool("remove-orphans", ""), Flags.value("scale", ""), Flags.bool("yes", "y"));

    private final Session s;
    private final Resources resources;

    Up(Session s) {
        this.s = s;
        this.resources = new Resources(s);
    }

    int run(List<String> argv) {
        Flags f = Flags.parse(argv, FLAGS, true);
        return up(f, f.bool("detach") || f.bool("no-start"), !f.bool("no-start"));
    }

    /** {@code docker compose create}: what up does before it starts anything. */
    int create(List<String> argv) {
        Flags f = Flags.parse(argv, CREATE_FLAGS, true);
        if (f.bool("force-recreate") && f.bool("no-recreate")) {
            throw new ComposeException("--force-recreate and --no-recreate are incompatible");
        }
        return up(f, true, false);
    }

    private int up(Flags f, boolean detach, boolean start) {
        if (f.bool("build") && f.bool("no-build")) {
            throw new ComposeException("--build and --no-build are incompatible");
        }
        Project p = s.project();
        Map<String, Integer> scale = Scale.parse(p, f.list("scale"));
        List<Service> services = Order.up(p, p.select(f.args), !f.bool("no-deps"));
        new Images(s).ensure(p, services, f.bool("build"), f.bool("no-build"));
        long since = s.c.clock().getAsLong();
        Frame frame = s.frame("Running");
        Map<String, List<String>> names = new LinkedHashMap<>();
        try {
            bring(p, services, frame, new Convergence(f.bool("force-recreate"), f.bool("no-recreate"), scale), names);
            if (start) {
                new Starter(s, frame).start(p, services, names);
            }
        } finally {
            s.show(frame);
        }
        if (detach) {
            return 0;
        }
        return attach(services, since);
    }

    /** How existing containers are treated, and how many each service runs (1 unless {@code --scale} says). */
    record Convergence(boolean force, boolean noRecreate, Map<String, Integer> scale) {
        int replicas(Service sv) {
            return scale.getOrDefault(sv.name(), 1);
        }
    }

    /** The services' networks, volumes and containers made to exist; {@code names}: service → its containers. */
    void bring(Project p, List<Service> services, Frame frame, Convergence how, Map<String, List<String>> names) {
        bring(p, services, services, frame, how, names);
    }

    /** {@code using}: the services whose networks and volumes are made (run's includes the one-off's service). */
    void bring(Project p, List<Service> using, List<Service> services, Frame frame, Convergence how, Map<String, List<String>> names) {
        for (NetworkDef n : p.networks().values()) {
            if (using.stream().anyMatch(sv -> usesNetwork(p, sv, n))) {
                resources.ensureNetwork(p, n, frame);
            }
        }
        for (VolumeDef v : p.volumes().values()) {
            if (using.stream().anyMatch(sv -> sv.volumes().stream().anyMatch(m -> m.type().equals("volume") && m.source().equals(v.key())))) {
                resources.ensureVolume(p, v, frame);
            }
        }
        for (Service sv : services) {
            names.put(sv.name(), converge(p, sv, frame, how));
        }
    }

    private static boolean usesNetwork(Project p, Service sv, NetworkDef n) {
        return ContainerPlan.networks(p, sv).contains(n.name());
    }

    /**
     * The service's containers brought to its configuration and number: each kept, recreated or created,
     * the highest numbers stopped and removed when there are more than wanted. Answers their names.
     */
    private List<String> converge(Project p, Service sv, Frame frame, Convergence how) {
        int expected = how.replicas(sv);
        if (expected > 1 && !sv.containerName().isEmpty()) {
            throw new ComposeException("services." + sv.name() + ": can't set container_name and " + sv.name()
                    + " as container name must be unique: invalid compose project");
        }
        String imageId = resources.imageId(sv.imageFor(p.name()));
        List<ContainerSummary> existing = new ArrayList<>(s.containers(true, List.of(sv.name())));
        existing.sort(Comparator.comparingInt(Up::number));
        List<String> names = new ArrayList<>();
        int next = 1;
        for (int i = 0; i < existing.size(); i++) {
            ContainerSummary c = existing.get(i);
            next = Math.max(next, number(c) + 1);
            if (i >= expected) {
                Scale.remove(s, c, frame);
            } else {
                names.add(keep(p, sv, c, frame, how, imageId == null ? "" : imageId));
            }
        }
        for (int n = existing.size(); n < expected; n++) {
            ContainerPlan plan = ContainerPlan.of(p, sv, next++, imageId == null ? "" : imageId);
            String id = "Container " + plan.name();
            frame.status(id, Frame.Status.WORKING, "Creating");
            try {
                createContainer(plan);
            } catch (DockerException e) {
                frame.status(id, Frame.Status.ERROR, "Error");
                throw e;
            }
            frame.status(id, Frame.Status.DONE, "Created");
            names.add(plan.name());
        }
        return names;
    }

    static int number(ContainerSummary c) {
        try {
            return Integer.parseInt(c.labels().getOrDefault(Labels.NUMBER, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One existing container: kept when its configuration is the service's (or with --no-recreate), else recreated. */
    private String keep(Project p, Service sv, ContainerSummary existing, Frame frame, Convergence how, String imageId) {
        ContainerPlan plan = ContainerPlan.of(p, sv, number(existing), imageId);
        String hash = existing.labels().getOrDefault(Labels.PREFIX + "config-hash", "");
        boolean same = hash.equals(plan.config().labels().get(Labels.PREFIX + "config-hash"))
                && existing.labels().getOrDefault(Labels.PREFIX + "image", "").equals(plan.config().labels().get(Labels.PREFIX + "image"));
        String id = "Container " + plan.name();
        if (how.noRecreate() || (same && !how.force())) {
            if ("running".equals(existing.state())) {
                frame.status("Container " + Session.name(existing), Frame.Status.DONE, "Running");
            }
            return Session.name(existing);
        }
        frame.status(id, Frame.Status.WORKING, "Recreate");
        s.api.remove(existing.id(), true, false);
        createContainer(plan);
        frame.status(id, Frame.Status.DONE, "Recreated");
        return plan.name();
    }

    private void createContainer(ContainerPlan plan) {
        s.api.create(plan.name(), plan.config(), plan.hostConfig(), plan.networking());
        plan.extraNetworks().forEach((net, endpoint) -> s.api.connectNetwork(net, plan.name(), endpoint));
    }

    /** Compose's attached view: the containers' output with their prefixes, until all have exited or the wait is over. */
    private int attach(List<Service> services, long since) {
        List<ContainerSummary> attached = s.containers(true, services.stream().map(Service::name).toList());
        List<String> shortNames = attached.stream().map(Session::shortName).toList();
        s.out("Attaching to " + String.join(", ", shortNames));
        Follower follower = new Follower(s, attached, new LogPrinter(s, shortNames));
        follower.skipBefore(since);
        if (s.c.terminal() != null) {
            return follow(follower, services);
        }
        for (int look = 0; look < ATTACH_LOOKS && anyRunning(attached); look++) {
            s.c.advance().run();
        }
        if (follower.look()) {
            s.err("glassbox: docker compose up does not follow the containers' output here: they run on "
                    + "(docker compose logs shows what they print later, docker compose down stops them)");
        }
        return 0;
    }

    /** At the user's console: output as it comes until every container has exited, or Ctrl-C stops them. */
    private int follow(Follower follower, List<Service> services) {
        Terminal t = s.c.terminal();
        t.open();
        follower.attach();
        try {
            while (follower.look()) {
                if (t.tick()) {
                    teardown(t, services.stream().map(Service::name).toList());
                    follower.look();
                    return INTERRUPTED;
                }
            }
            return 0;
        } finally {
            follower.close();
            t.close();
        }
    }

    /**
     * The first Ctrl-C: the services are stopped gracefully; a second one meanwhile ("force") kills them,
     * as Compose does, without a progress view of its own. The client looks for it between its stop
     * requests: one already sent runs to its end in the daemon first.
     */
    private void teardown(Terminal t, List<String> services) {
        s.err("Gracefully stopping... (press Ctrl+C again to force)");
        boolean[] forced = {false};
        Lifecycle.stop(s, services, () -> {
            if (!forced[0] && t.tick()) {
                forced[0] = true;
                Control.killQuietly(s, services);
            }
        });
    }

    private boolean anyRunning(List<ContainerSummary> containers) {
        List<String> ids = containers.stream().map(ContainerSummary::id).toList();
        return s.api.containers(false).stream().anyMatch(c -> ids.contains(c.id()));
    }
}
