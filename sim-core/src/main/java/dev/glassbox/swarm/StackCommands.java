package dev.glassbox.swarm;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.Table;
import dev.glassbox.compose.StackFile;
import dev.glassbox.daemon.OverlayNetwork;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code docker stack deploy|ls|services|ps|rm}: a compose file deployed as swarm services. The CLI reads the file and
 * asks the managers for each network ({@code STACK_NET}, overlay) and service ({@code STACK_SERVICE}), labelled with
 * the stack's name, which is all a stack is: {@code ls}, {@code services}, {@code ps} and {@code rm} find them by it.
 */
final class StackCommands {
    static final String NAMESPACE = "com.docker.stack.namespace";

    private final Cluster cluster;
    private final Orchestrator orch;
    private final Members members;

    StackCommands(Cluster cluster, Orchestrator orch, Members members) {
        this.cluster = cluster;
        this.orch = orch;
        this.members = members;
    }

    Result run(Engine on, String sub, List<String> words) {
        return switch (sub) {
            case "deploy", "up" -> deploy(on, Args.parse("docker stack deploy", words, Set.of("c=compose-file", "resolve-image"),
                    Set.of("d=detach", "q=quiet", "prune", "with-registry-auth")));
            case "ls", "list" -> ok(ls(on, Args.parse("docker stack ls", words, Set.of("format"), Set.of())));
            case "services" -> services(on, Args.parse("docker stack services", words, Set.of("f=filter", "format"), Set.of("q=quiet")));
            case "ps" -> ok(ps(on, Args.parse("docker stack ps", words, Set.of("f=filter", "format"), Set.of("q=quiet", "no-trunc"))));
            case "rm", "remove", "down" -> rm(on, Args.parse("docker stack rm", words, Set.of(), Set.of("d=detach")));
            default -> throw new SwarmException("docker: unknown command: docker stack " + sub + "\n\nUsage:  docker stack\n\nRun 'docker stack"
                    + " --help' for more information", false);
        };
    }

    private static Result ok(String out) {
        return new Result(out, "", 0);
    }

    private List<Service> of(String stack) {
        return orch.services.values().stream().filter(s -> stack.equals(s.labels.get(NAMESPACE))).sorted(Comparator.comparing(s -> s.name))
                .toList();
    }

    private Result deploy(Engine on, Args a) {
        if (a.positional.size() != 1) {
            throw Commands.exactly("docker stack deploy", "[OPTIONS] STACK", 1, a.positional.size());
        }
        String stack = a.positional.get(0);
        if (a.all("compose-file").isEmpty()) {
            throw new SwarmException("Please specify a Compose file (with --compose-file).", false);
        }
        StringBuilder err = new StringBuilder();
        StackFile.Stack file;
        try {
            file = StackFile.load(members.hosts().get(0).engine().workspace(), a.all("compose-file").get(0), stack, w -> err.append(w.endsWith("\n") ? w : w + "\n"));
        } catch (StackFile.StackFileException e) {
            return new Result("", err + e.getMessage() + "\n", 1);
        }
        if (!a.flags.containsKey("detach")) {
            err.append("Since --detach=false was not specified, tasks will be created in the background.\n"
                    + "In a future release, --detach=false will become the default.\n");
        }
        SwarmNode manager = cluster.nodeOf(on).filter(n -> n.role == SwarmNode.Role.MANAGER).orElse(null);
        if (manager == null) { // the CLI asks docker info whether this daemon is a manager before it creates anything
            return new Result("", err + "this node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this"
                    + " node to swarm and try again\n", 1);
        }
        StringBuilder out = new StringBuilder();
        for (StackFile.StackNetwork n : file.networks()) {
            if (n.external()) {
                if (orch.overlays.find(n.name()).isEmpty()) {
                    return new Result(out.toString(), err + "network \"" + n.name() + "\" is declared as external, but could not be found. You"
                            + " need to create a swarm-scoped network before the stack is deployed\n", 1);
                }
                continue;
            }
            if (orch.overlays.find(n.name()).isEmpty()) {
                out.append("Creating network ").append(n.name()).append('\n');
                Map<String, String> labels = new TreeMap<>(n.labels());
                labels.put(NAMESPACE, stack);
                orch.overlays.create(manager.hostname, n.name(), n.attachable(), labels);
            }
        }
        for (StackFile.StackService f : file.services()) {
            Service s = orch.services.values().stream().filter(x -> x.name.equals(f.name())).findFirst().orElse(null);
            if (s != null) {
                out.append("Updating service ").append(f.name()).append(" (id: ").append(s.id).append(")\n");
                s.replicas = f.replicas();
                s.parallelism = f.parallelism();
                s.updatedAt = orch.now();
                String image = Orchestrator.qualified(f.image());
                if (!image.equals(s.image)) {
                    s.previousImage = s.image;
                    s.image = image;
                    orch.update(s);
                } else {
                    orch.reconcile();
                }
                continue;
            }
            out.append("Creating service ").append(f.name()).append('\n');
            s = new Service(cluster.ids.next(), f.name(), Orchestrator.qualified(f.image()), f.args(), f.replicas(), orch.now());
            s.parallelism = f.parallelism();
            s.labels.put(NAMESPACE, stack);
            s.aliases.add(f.key());
            for (StackFile.Port p : f.ports()) {
                s.ports.add(new Service.Port(p.published(), p.target(), p.proto()));
            }
            s.networks.addAll(f.networks());
            orch.overlays.vips(s, manager.hostname);
            orch.services.put(s.id, s);
            orch.reconcile();
        }
        return new Result(out.toString(), err.toString(), 0);
    }

    private String ls(Engine on, Args a) {
        Commands.noArgs("docker stack ls", "[OPTIONS]", a);
        cluster.manager(on);
        TreeMap<String, Integer> stacks = new TreeMap<>();
        for (Service s : orch.services.values()) {
            String ns = s.labels.get(NAMESPACE);
            if (ns != null) {
                stacks.merge(ns, 1, Integer::sum);
            }
        }
        Table t = Table.docker().row("NAME", "SERVICES");
        stacks.forEach((name, n) -> t.row(name, String.valueOf(n)));
        return t.toString();
    }

    private List<Service> stack(Args a, String command, String usage) {
        if (a.positional.size() != 1) {
            throw Commands.exactly(command, usage, 1, a.positional.size());
        }
        List<Service> list = of(a.positional.get(0));
        return list;
    }

    private Result services(Engine on, Args a) {
        cluster.manager(on);
        List<Service> list = stack(a, "docker stack services", "[OPTIONS] STACK");
        if (list.isEmpty()) {
            return new Result("", "Nothing found in stack: " + a.positional.get(0) + "\n", 0);
        }
        return ok(ServiceViews.list(list, orch, a.has("quiet")));
    }

    private String ps(Engine on, Args a) {
        cluster.manager(on);
        List<Service> list = stack(a, "docker stack ps", "[OPTIONS] STACK");
        if (list.isEmpty()) {
            throw new SwarmException("nothing found in stack: " + a.positional.get(0), false);
        }
        return ServiceViews.tasks(list, orch, a.has("no-trunc"), a.has("quiet"));
    }

    private Result rm(Engine on, Args a) {
        if (a.positional.isEmpty()) {
            throw Commands.atLeast("docker stack rm", "[OPTIONS] STACK [STACK...]", 1);
        }
        cluster.manager(on);
        StringBuilder out = new StringBuilder();
        List<String> errors = new ArrayList<>();
        for (String stack : a.positional) {
            List<Service> list = of(stack);
            Set<String> nets = new TreeSet<>();
            orch.overlays.byName.values().stream().filter(o -> stack.equals(o.labels().get(NAMESPACE))).forEach(o -> nets.add(o.name()));
            if (list.isEmpty() && nets.isEmpty()) {
                errors.add("Nothing found in stack: " + stack + "\n");
                continue;
            }
            for (Service s : list) {
                out.append("Removing service ").append(s.name).append('\n');
                orch.remove(s);
            }
            for (String n : nets) {
                out.append("Removing network ").append(n).append('\n');
                OverlayNetwork o = orch.overlays.byName.get(n);
                orch.overlays.remove(o);
            }
        }
        return new Result(out.toString(), String.join("", errors), 0); // the CLI says so on stderr and goes on, exit 0
    }
}
