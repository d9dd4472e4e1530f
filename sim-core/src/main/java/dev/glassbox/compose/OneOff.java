package dev.glassbox.compose;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code docker compose run SERVICE [COMMAND…]}: what the service depends on is created and started (with
 * {@code --no-deps} nothing), then a one-off container {@code PROJECT-SERVICE-run-<12 hex>} labelled
 * {@code com.docker.compose.oneoff=True} runs the command, attached as {@code docker start -a -i} is
 * (its exit status is run's), or in the background with {@code -d} (its id printed).
 */
final class OneOff {
    static final String SLUG = Labels.PREFIX + "slug";
    private static final List<Flags.Def> FLAGS = List.of(Flags.bool("detach", "d"), Flags.value("env", "e"),
            Flags.value("env-from-file", ""), Flags.value("label", "l"), Flags.bool("rm", ""), Flags.bool("no-TTY", "T"),
            Flags.value("name", ""), Flags.value("user", "u"), Flags.value("workdir", "w"), Flags.value("entrypoint", ""),
            Flags.value("cap-add", ""), Flags.value("cap-drop", ""), Flags.bool("no-deps", ""), Flags.value("volume", "v"),
            Flags.value("publish", "p"), Flags.bool("use-aliases", ""), Flags.bool("service-ports", "P"), Flags.value("pull", ""),
            Flags.bool("quiet", "q"), Flags.bool("quiet-build", ""), Flags.bool("quiet-pull", ""), Flags.bool("build", ""),
            Flags.bool("remove-orphans", ""), Flags.bool("interactive", "i"), Flags.bool("tty", "t"));

    private final Session s;

    OneOff(Session s) {
        this.s = s;
    }

    int run(List<String> argv) {
        Flags f = Flags.parse(argv, FLAGS, false);
        if (f.args.isEmpty()) {
            throw new ComposeException("requires at least 1 arg(s), only received 0");
        }
        if (!f.list("publish").isEmpty() && f.bool("service-ports")) {
            throw new ComposeException("--service-ports and --publish are incompatible");
        }
        if (f.has("tty") && f.has("no-TTY")) {
            throw new ComposeException("--tty and --no-TTY can't be used together");
        }
        for (String unsupported : List.of("volume", "cap-add", "cap-drop", "env-from-file")) {
            if (f.has(unsupported)) {
                throw ComposeException.unsupported("docker compose run --" + unsupported);
            }
        }
        boolean tty = f.has("no-TTY") ? !f.bool("no-TTY") : f.has("tty") ? f.bool("tty") : s.c.console();
        boolean interactive = !f.has("interactive") || f.bool("interactive");
        Project p = s.project();
        Service sv = p.service(f.args.get(0));
        List<Service> deps = new ArrayList<>(f.bool("no-deps") ? List.of() : Order.up(p, List.of(sv), true));
        deps.removeIf(d -> d.name().equals(sv.name()));
        List<Service> all = new ArrayList<>(deps);
        all.add(sv);
        new Images(s).ensure(p, all, f.bool("build"), false);
        Map<String, List<String>> names = new LinkedHashMap<>();
        Frame frame = s.frame("Running");
        try {
            new Up(s).bring(p, all, deps, frame, new Up.Convergence(false, false, Map.of()), names);
            new Starter(s, frame).start(p, deps, names);
        } finally {
            s.show(frame);
        }
        if (!f.bool("no-deps")) {
            new Starter(s, s.frame("Running")).awaitDependencies(sv, names);
        }
        String slug = slug(p, sv);
        String name = f.has("name") ? f.string("name", "") : p.name() + "-" + sv.name() + "-run-" + slug.substring(0, 12);
        Service one = oneOff(p, sv, f, name, tty, interactive);
        String imageId = new Resources(s).imageId(one.imageFor(p.name()));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SLUG, slug);
        labels.put(Labels.ONEOFF, "True");
        for (String l : f.list("label")) {
            String[] kv = l.split("=", 2);
            if (kv.length != 2) {
                throw new ComposeException("label must be set as KEY=VALUE");
            }
            labels.put(kv[0], kv[1]);
        }
        ContainerPlan plan = ContainerPlan.of(p, one, -1, imageId == null ? "" : imageId, f.bool("use-aliases"), f.bool("rm"), labels);
        String id = s.api.create(plan.name(), plan.config(), plan.hostConfig(), plan.networking()).id();
        plan.extraNetworks().forEach((net, endpoint) -> s.api.connectNetwork(net, plan.name(), endpoint));
        if (f.bool("detach")) {
            s.api.start(id);
            s.out(id);
            return 0;
        }
        List<String> start = new ArrayList<>(List.of("start", "-a"));
        if (interactive) {
            start.add("-i");
        }
        start.add(id);
        return s.c.docker().apply(start);
    }

    /** The service as the one-off runs it: run's command, entrypoint, environment, user, workdir and ports; no restart policy. */
    private Service oneOff(Project p, Service sv, Flags f, String name, boolean tty, boolean interactive) {
        List<String> command = f.args.size() > 1 ? f.args.subList(1, f.args.size()) : sv.command();
        List<String> entrypoint = sv.entrypoint();
        if (f.has("entrypoint")) {
            entrypoint = Words.split(f.string("entrypoint", ""), "--entrypoint");
            if (f.args.size() == 1) {
                command = List.of();
            }
        }
        Map<String, String> env = new LinkedHashMap<>(sv.environment());
        for (String e : f.list("env")) {
            int eq = e.indexOf('=');
            if (eq >= 0) {
                env.put(e.substring(0, eq), e.substring(eq + 1));
            } else if (p.environment().containsKey(e)) {
                env.put(e, p.environment().get(e));
            }
        }
        List<PortSpec> ports = new ArrayList<>();
        if (f.bool("service-ports")) {
            ports.addAll(sv.ports());
        }
        for (String spec : f.list("publish")) {
            ports.addAll(PortSyntax.parse(spec, "--publish"));
        }
        String user = f.has("user") ? f.string("user", "") : sv.user();
        String workdir = f.has("workdir") ? f.string("workdir", "") : sv.workingDir();
        return new Service(sv.name(), sv.image(), sv.build(), command, entrypoint, env, sv.envFiles(), ports, sv.expose(), sv.volumes(),
                sv.networks(), sv.networkMode(), sv.dependsOn(), "", sv.healthcheck(), name, sv.hostname(), sv.labels(), workdir, user,
                tty, interactive, sv.stopSignal(), sv.privileged());
    }

    /**
     * The one-off's slug: 64 hex digits, as Compose's random id, drawn here from the project, the service,
     * the client's clock and the containers there are, so that a script replays to the same names.
     */
    private String slug(Project p, Service sv) {
        String seed = p.name() + "/" + sv.name() + "/" + s.c.clock().getAsLong() + "/" + s.api.containers(true).size();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
