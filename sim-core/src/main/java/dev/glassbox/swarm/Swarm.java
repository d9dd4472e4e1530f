package dev.glassbox.swarm;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Tracer;
import java.util.List;
import java.util.Set;

/**
 * Swarm mode across the hosts of a world: {@code docker swarm}, {@code docker node} and {@code docker service}
 * typed at one host's docker CLI. The managers' state (nodes, services, tasks) is one store for the world, as
 * raft keeps it identical on every manager; each task runs as a container of its node's own daemon.
 */
public final class Swarm {
    /** The docker commands swarm mode answers. */
    public static final Set<String> COMMANDS = Set.of("swarm", "node", "service", "stack");

    private final Cluster cluster;
    private final Orchestrator orchestrator;
    private final SwarmCommands swarm;
    private final NodeCommands nodes;
    private final ServiceCommands services;
    private final StackCommands stacks;
    private final Tracer tracer;

    public Swarm(long seed, Members members, Tracer tracer) {
        this.tracer = tracer;
        this.cluster = new Cluster(seed);
        Narrator narrator = new Narrator(tracer);
        this.orchestrator = new Orchestrator(cluster, narrator, tracer);
        this.orchestrator.overlays = new Overlays(cluster, orchestrator, narrator, tracer);
        this.swarm = new SwarmCommands(cluster, members, narrator, orchestrator);
        this.nodes = new NodeCommands(cluster, narrator, orchestrator);
        this.services = new ServiceCommands(cluster, orchestrator, tracer);
        this.stacks = new StackCommands(cluster, orchestrator, members);
    }

    /** {@code args}: what follows {@code docker}, its first word one of {@link #COMMANDS}; {@code on}: the host the CLI talks to. */
    public Result run(Engine on, List<String> args) {
        String group = args.get(0);
        if (args.size() < 2 || args.get(1).equals("--help") || args.get(1).equals("-h")) {
            return new Result("", "\nUsage:  docker " + group + " COMMAND\n\nRun 'docker " + group + " COMMAND --help' for more information"
                    + " on a command.\n", 0);
        }
        String sub = args.get(1);
        List<String> rest = args.subList(2, args.size());
        String shown = "docker " + String.join(" ", args);
        try (Tracer.Span s = tracer.open(Layer.CLIENT, null, "parse", shown, "The docker CLI parses '" + group + " " + sub
                + "' and sends the request to the daemon, whose swarm manager answers it.", shown)) {
            String out;
            try {
                if (group.equals("stack")) {
                    return stacks.run(on, sub, rest);
                }
                out = switch (group) {
                    case "swarm" -> swarm.run(on, sub, rest);
                    case "node" -> nodes.run(on, sub, rest);
                    default -> services.run(on, sub, rest);
                };
            } finally {
                orchestrator.overlays.balance();
            }
            return new Result(out, "", 0);
        } catch (PartialException e) {
            return new Result(e.out, e.getMessage() + "\n", 1);
        } catch (SwarmException e) {
            return new Result("", e.line() + "\n", 1);
        }
    }

    /** The host shut down (the world's {@code node rm}): the managers see its node go Down and reschedule its tasks. */
    public void hostGone(Engine e) {
        cluster.nodeOf(e).ifPresent(n -> {
            if (n.leader) {
                orchestrator.dissolve();
            } else {
                orchestrator.nodeGone(n, "its host shut down and stopped answering the managers (heartbeat failure)");
                orchestrator.overlays.balance();
            }
        });
    }
}
