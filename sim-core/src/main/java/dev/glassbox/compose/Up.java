package dev.glassbox.compose;

import dev.glassbox.api.Api.ContainerSummary;
import dev.glassbox.api.DockerException;
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
            Flags.value("pull", ""), Flags.bool("no-color", ""), Flags.bool("no-log-prefix", ""), Flags.value("timeout", "t"));

    private final Session s;
    private final Resources resources;

    Up(Session s) {
        this.s = s;
        this.resources = new Resources(s);
    }

    int run(List<String> argv) {
        Flags f = Flags.parse(argv, FLAGS, true);
        if (f.bool("build") && f.bool("no-build")) {
            throw new ComposeException("--build and --no-build are incompatible");
        }
        Project p = s.project();
        List<Service> services = Order.up(p, p.select(f.args), !f.bool("no-deps"));
        new Images(s).ensure(p, services, f.bool("build"), f.bool("no-build"));
        long since = s.c.clock().getAsLong();
        Frame frame = s.frame("Running");
        Map<String, String> names = new LinkedHashMap<>();
        try {
            create(p, services, frame, f, names);
            if (!f.bool("no-start")) {
                new Starter(s, frame).start(p, services, names);
            }
        } finally {
            s.show(frame);
        }
        if (f.bool("detach") || f.bool("no-start")) {
            return 0;
        }
        return attach(services, since);
    }

    private void create(Project p, List<Service> services, Frame frame, Flags f, Map<String, String> names) {
        for (NetworkDef n : p.networks().values()) {
            if (services.stream().anyMatch(sv -> usesNetwork(p, sv, n))) {
                resources.ensureNetwork(p, n, frame);
            }
        }
        for (VolumeDef v : p.volumes().values()) {
            if (services.stream().anyMatch(sv -> sv.volumes().stream().anyMatch(m -> m.type().equals("volume") && m.source().equals(v.key())))) {
                resources.ensureVolume(p, v, frame);
            }
        }
        for (Service sv : services) {
            names.put(sv.name(), converge(p, sv, frame, f.bool("force-recreate"), f.bool("no-recreate")));
        }
    }

    private static boolean usesNetwork(Project p, Service sv, NetworkDef n) {
        return ContainerPlan.networks(p, sv).contains(n.name());
    }

    /** The service's one container brought to its configuration: kept, recreated or created. Answers its name. */
    private String converge(Project p, Service sv, Frame frame, boolean force, boolean noRecreate) {
        String image = sv.imageFor(p.name());
        String imageId = resources.imageId(image);
        ContainerPlan plan = ContainerPlan.of(p, sv, 1, imageId == null ? "" : imageId);
        String id = "Container " + plan.name();
        ContainerSummary existing = s.containers(true, List.of(sv.name())).stream().findFirst().orElse(null);
        if (existing != null) {
            String hash = existing.labels().getOrDefault(Labels.PREFIX + "config-hash", "");
            boolean same = hash.equals(plan.config().labels().get(Labels.PREFIX + "config-hash"))
                    && existing.labels().getOrDefault(Labels.PREFIX + "image", "").equals(plan.config().labels().get(Labels.PREFIX + "image"));
            if (noRecreate || (same && !force)) {
                if ("running".equals(existing.state())) {
                    frame.status(id, Frame.Status.DONE, "Running");
                }
                return Session.name(existing);
            }
            frame.status(id, Frame.Status.WORKING, "Recreate");
            s.api.remove(existing.id(), true, false);
            createContainer(plan, sv);
            frame.status(id, Frame.Status.DONE, "Recreated");
            return plan.name();
        }
        frame.status(id, Frame.Status.WORKING, "Creating");
        try {
            createContainer(plan, sv);
        } catch (DockerException e) {
            frame.status(id, Frame.Status.ERROR, "Error");
            throw e;
        }
        frame.status(id, Frame.Status.DONE, "Created");
        return plan.name();
    }

    private void createContainer(ContainerPlan plan, Service sv) {
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
                    s.err("Gracefully stopping... (press Ctrl+C again to force)");
                    Lifecycle.stop(s, services.stream().map(Service::name).toList());
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

    private boolean anyRunning(List<ContainerSummary> containers) {
        List<String> ids = containers.stream().map(ContainerSummary::id).toList();
        return s.api.containers(false).stream().anyMatch(c -> ids.contains(c.id()));
    }
}
