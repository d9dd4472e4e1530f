package dev.glassbox.swarm;

import dev.glassbox.Engine;
import dev.glassbox.api.Api;
import dev.glassbox.api.DockerException;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** {@code docker service create|ls|ps|scale|update|rm|inspect|logs} on a manager, in the CLI's words. */
final class ServiceCommands {
    private final Cluster cluster;
    private final Orchestrator orch;
    private final Tracer tracer;

    ServiceCommands(Cluster cluster, Orchestrator orch, Tracer tracer) {
        this.cluster = cluster;
        this.orch = orch;
        this.tracer = tracer;
    }

    String run(Engine on, String sub, List<String> words) {
        return switch (sub) {
            case "create" -> create(on, Args.parse("docker service create", words, Set.of("name", "replicas", "p=publish", "network",
                    "update-parallelism", "mode"), Set.of("d=detach", "q=quiet")));
            case "ls", "list" -> ls(on, Args.parse("docker service ls", words, Set.of("f=filter", "format"), Set.of("q=quiet")));
            case "ps" -> ps(on, Args.parse("docker service ps", words, Set.of("f=filter", "format"), Set.of("q=quiet", "no-trunc")));
            case "scale" -> scale(on, Args.parse("docker service scale", words, Set.of(), Set.of("d=detach")));
            case "update" -> update(on, Args.parse("docker service update", words, Set.of("image", "replicas", "update-parallelism"),
                    Set.of("d=detach", "q=quiet")));
            case "rm", "remove" -> rm(on, Args.parse("docker service rm", words, Set.of(), Set.of()));
            case "inspect" -> inspect(on, Args.parse("docker service inspect", words, Set.of("f=format"), Set.of("pretty")));
            case "logs" -> logs(on, Args.parse("docker service logs", words, Set.of("tail"), Set.of("f=follow", "t=timestamps")));
            default -> throw new SwarmException("docker: unknown command: docker service " + sub + "\n\nUsage:  docker service\n\nRun 'docker"
                    + " service --help' for more information", false);
        };
    }

    private Service service(String ref) {
        for (Service s : orch.services.values()) {
            if (s.id.equals(ref) || s.name.equals(ref)) {
                return s;
            }
        }
        List<Service> found = orch.services.values().stream().filter(s -> !ref.isEmpty() && s.id.startsWith(ref)).toList();
        if (found.size() != 1) {
            throw new SwarmException("service " + ref + " not found");
        }
        return found.get(0);
    }

    private String create(Engine on, Args a) {
        if (a.positional.isEmpty()) {
            throw Commands.atLeast("docker service create", "[OPTIONS] IMAGE [COMMAND] [ARG...]", 1);
        }
        cluster.manager(on);
        String name = a.get("name", "");
        if (!name.isEmpty() && orch.services.values().stream().anyMatch(s -> s.name.equals(name))) {
            throw new SwarmException("rpc error: code = AlreadyExists desc = name conflicts with an existing object: service " + name
                    + " already exists");
        }
        int replicas = number(a.get("replicas", "1"), "--replicas");
        String id = cluster.ids.next();
        String image = Orchestrator.qualified(a.positional.get(0));
        Service s = new Service(id, name.isEmpty() ? randomName(id) : name, image, a.positional.subList(1, a.positional.size()),
                replicas, orch.now());
        s.parallelism = number(a.get("update-parallelism", "1"), "--update-parallelism");
        for (String p : a.all("publish")) {
            s.ports.add(port(p));
        }
        for (String net : a.all("network")) {
            String canonical = orch.overlays.network(net).name();
            if (canonical.equals(Overlays.INGRESS)) {
                throw new SwarmException("rpc error: code = InvalidArgument desc = Service cannot be explicitly attached to the ingress network \"ingress\"");
            }
            s.networks.add(canonical);
        }
        for (Service other : orch.services.values()) {
            for (Service.Port p : other.ports) {
                if (s.ports.stream().anyMatch(q -> q.published() == p.published())) {
                    throw new SwarmException("rpc error: code = InvalidArgument desc = port '" + p.published() + "' is already in use by service '"
                            + other.name + "' (" + other.id + ") as an ingress port");
                }
            }
        }
        orch.overlays.vips(s, on == null ? "" : cluster.manager(on).hostname);
        orch.services.put(id, s);
        orch.reconcile();
        return id + "\n" + (a.has("detach") ? "" : progress(s, id));
    }

    private static String randomName(String id) {
        return "service_" + id.substring(0, 6);
    }

    private static int number(String v, String flag) {
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new SwarmException("invalid argument \"" + v + "\" for \"" + flag + "\" flag: strconv.ParseUint: parsing \"" + v
                    + "\": invalid syntax\nSee 'docker service create --help'.", false);
        }
    }

    private static Service.Port port(String spec) {
        String[] parts = spec.split("/", 2);
        String proto = parts.length == 2 ? parts[1] : "tcp";
        String[] pp = parts[0].split(":");
        try {
            if (pp.length == 2) {
                return new Service.Port(Integer.parseInt(pp[0]), Integer.parseInt(pp[1]), proto);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new SwarmException("invalid argument \"" + spec + "\" for \"-p, --publish\" flag: invalid published port: " + spec
                + "\nSee 'docker service create --help'.", false);
    }

    /** The progress display's last frame once the tasks converged (what a terminal shows when the command returns). */
    private String progress(Service s, String shownAs) {
        long running = orch.tasksOf(s).stream().filter(t -> t.live() && t.state == Task.State.RUNNING).count();
        StringBuilder b = new StringBuilder("overall progress: " + running + " out of " + s.replicas + " tasks \n");
        if (s.replicas <= 20) {
            for (int i = 1; i <= s.replicas; i++) {
                int slot = i;
                Task t = orch.tasksOf(s).stream().filter(x -> x.slot == slot && x.live()).findFirst().orElse(null);
                String state = t == null ? "pending" : t.state.name().toLowerCase(java.util.Locale.ROOT);
                b.append(i).append('/').append(s.replicas).append(": ").append(String.format("%-9s", state)).append(' ')
                        .append(t != null && t.state == Task.State.RUNNING ? "[" + "=".repeat(50) + ">] " : "").append('\n');
            }
        }
        if (running == s.replicas) {
            b.append("verify: Service ").append(shownAs).append(" converged \n");
        }
        return b.toString();
    }

    private String ls(Engine on, Args a) {
        Commands.noArgs("docker service ls", "[OPTIONS]", a);
        cluster.manager(on);
        List<Service> list = new ArrayList<>(orch.services.values());
        list.sort(Comparator.comparing(s -> s.name));
        return ServiceViews.list(list, orch, a.has("quiet"));
    }

    private String ps(Engine on, Args a) {
        if (a.positional.isEmpty()) {
            throw Commands.atLeast("docker service ps", "[OPTIONS] SERVICE [SERVICE...]", 1);
        }
        cluster.manager(on);
        List<Service> list = new ArrayList<>();
        for (String ref : a.positional) {
            list.add(service(ref));
        }
        return ServiceViews.tasks(list, orch, a.has("no-trunc"), a.has("quiet"));
    }

    private String scale(Engine on, Args a) {
        if (a.positional.isEmpty()) {
            throw Commands.atLeast("docker service scale", "SERVICE=REPLICAS [SERVICE=REPLICAS...]", 1);
        }
        for (String arg : a.positional) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2) {
                throw new SwarmException("invalid scale specifier '" + arg + "'.\nSee 'docker service scale --help'.\n\nUsage:  docker service"
                        + " scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\nScale one or multiple replicated services", false);
            }
        }
        cluster.manager(on);
        StringBuilder out = new StringBuilder();
        List<String> errors = new ArrayList<>();
        for (String arg : a.positional) {
            String[] kv = arg.split("=", 2);
            int n;
            try {
                n = Integer.parseInt(kv[1]);
            } catch (NumberFormatException e) {
                errors.add(kv[0] + ": invalid replicas value " + kv[1] + ": strconv.ParseUint: parsing \"" + kv[1] + "\": invalid syntax");
                continue;
            }
            Service s;
            try {
                s = service(kv[0]);
            } catch (SwarmException e) {
                errors.add(kv[0] + ": " + e.line());
                continue;
            }
            s.replicas = n;
            s.updatedAt = orch.now();
            orch.reconcile();
            out.append(kv[0]).append(" scaled to ").append(n).append('\n');
            if (!a.has("detach")) {
                out.append(progress(s, kv[0]));
            }
        }
        if (!errors.isEmpty()) {
            throw new PartialException(out.toString(), String.join("\n", errors));
        }
        return out.toString();
    }

    private String update(Engine on, Args a) {
        if (a.positional.size() != 1) {
            throw Commands.exactly("docker service update", "[OPTIONS] SERVICE", 1, a.positional.size());
        }
        cluster.manager(on);
        Service s = service(a.positional.get(0));
        if (a.flags.containsKey("update-parallelism")) {
            s.parallelism = number(a.get("update-parallelism", "1"), "--update-parallelism");
        }
        if (a.flags.containsKey("replicas")) {
            s.replicas = number(a.get("replicas", "1"), "--replicas");
        }
        s.updatedAt = orch.now();
        if (a.flags.containsKey("image")) {
            s.previousImage = s.image;
            s.image = Orchestrator.qualified(a.get("image", ""));
            orch.update(s);
        } else {
            orch.reconcile();
        }
        return a.positional.get(0) + "\n" + (a.has("detach") || a.has("quiet") ? "" : progress(s, a.positional.get(0)));
    }

    private String rm(Engine on, Args a) {
        if (a.positional.isEmpty()) {
            throw Commands.atLeast("docker service rm", "SERVICE [SERVICE...]", 1);
        }
        cluster.manager(on);
        StringBuilder out = new StringBuilder();
        List<String> errors = new ArrayList<>();
        for (String ref : a.positional) {
            try {
                orch.remove(service(ref));
                out.append(ref).append('\n');
            } catch (SwarmException e) {
                errors.add(e.line());
            }
        }
        if (!errors.isEmpty()) {
            throw new PartialException(out.toString(), String.join("\n", errors));
        }
        return out.toString();
    }

    private String inspect(Engine on, Args a) {
        if (a.positional.isEmpty()) {
            throw Commands.atLeast("docker service inspect", "[OPTIONS] SERVICE [SERVICE...]", 1);
        }
        cluster.manager(on);
        StringBuilder b = new StringBuilder();
        for (String ref : a.positional) {
            Service s = service(ref);
            b.append(ServiceViews.pretty(s));
        }
        return b.toString();
    }

    private String logs(Engine on, Args a) {
        if (a.positional.size() != 1) {
            throw Commands.exactly("docker service logs", "[OPTIONS] SERVICE|TASK", 1, a.positional.size());
        }
        cluster.manager(on);
        Service s = service(a.positional.get(0));
        List<String[]> lines = new ArrayList<>();
        for (Task t : orch.tasksOf(s)) {
            if (t.node.engine == null) {
                continue;
            }
            try (Tracer.Span h = tracer.onHost(t.node.hostname)) {
                for (Api.LogLine l : t.node.engine.api().logs(t.containerName(), true, true, a.get("tail", "all"), false)) {
                    lines.add(new String[] {s.name + "." + t.slot + "." + t.id.substring(0, 12) + "@" + t.node.hostname, l.text()});
                }
            } catch (DockerException e) {
                // the task's container is gone
            }
        }
        int w = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
        StringBuilder b = new StringBuilder();
        for (String[] l : lines) {
            b.append(String.format("%-" + w + "s", l[0])).append("    | ").append(l[1]);
            if (!l[1].endsWith("\n")) {
                b.append('\n');
            }
        }
        return b.toString();
    }
}
