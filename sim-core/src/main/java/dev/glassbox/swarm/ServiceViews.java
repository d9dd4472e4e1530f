package dev.glassbox.swarm;

import dev.glassbox.api.HumanDuration;
import dev.glassbox.client.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code docker service inspect --pretty}: the CLI's template for a replicated service. */
final class ServiceViews {
    private ServiceViews() {}

    static String pretty(Service s) {
        StringBuilder b = new StringBuilder("\n");
        b.append("ID:\t\t").append(s.id).append('\n');
        b.append("Name:\t\t").append(s.name).append('\n');
        b.append("Service Mode:\tReplicated\n Replicas:\t").append(s.replicas).append('\n');
        b.append("Placement:\n");
        b.append("UpdateConfig:\n Parallelism:\t").append(s.parallelism).append("\n On failure:\tpause\n Monitoring Period: 5s\n"
                + " Max failure ratio: 0\n Update order:      stop-first\n");
        b.append("RollbackConfig:\n Parallelism:\t1\n On failure:\tpause\n Monitoring Period: 5s\n Max failure ratio: 0\n"
                + " Rollback order:    stop-first\n");
        b.append("ContainerSpec:\n Image:\t\t").append(s.image).append('\n');
        if (!s.args.isEmpty()) {
            b.append(" Args:\t\t").append(String.join(" ", s.args)).append(" \n");
        }
        b.append(" Init:\t\tfalse\n");
        b.append("Resources:\n");
        if (!s.networks.isEmpty()) {
            b.append("Networks:");
            s.networks.forEach(n -> b.append(' ').append(n));
            b.append('\n');
        }
        b.append("Endpoint Mode:\tvip\n");
        if (!s.ports.isEmpty()) {
            b.append("Ports:\n");
            for (Service.Port p : s.ports) {
                b.append(" PublishedPort = ").append(p.published()).append("\n  Protocol = ").append(p.proto())
                        .append("\n  TargetPort = ").append(p.target()).append("\n  PublishMode = ingress\n");
            }
        }
        return b.toString();
    }

    /** {@code docker service ls}'s table (or its ids with {@code quiet}) for these services. */
    static String list(List<Service> list, Orchestrator orch, boolean quiet) {
        if (quiet) {
            StringBuilder b = new StringBuilder();
            list.forEach(s -> b.append(s.id).append('\n'));
            return b.toString();
        }
        Table t = Table.docker().row("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS");
        for (Service s : list) {
            long running = orch.tasksOf(s).stream().filter(x -> x.live() && x.state == Task.State.RUNNING).count();
            t.row(s.id.substring(0, 12), s.name, "replicated", running + "/" + s.replicas, s.image,
                    String.join(", ", s.ports.stream().map(Service.Port::shown).toList()));
        }
        return t.toString();
    }

    /** {@code docker service ps}'s table of these services' tasks: each slot's live task, its history below it. */
    static String tasks(List<Service> services, Orchestrator orch, boolean noTrunc, boolean quiet) {
        Table t = Table.docker().row("ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR", "PORTS");
        StringBuilder ids = new StringBuilder();
        long now = orch.now();
        for (Service s : services) {
            List<Task> list = new ArrayList<>(orch.tasksOf(s));
            list.sort(Comparator.comparingInt((Task x) -> x.slot).thenComparing((Task x) -> x.live() ? 0 : 1)
                    .thenComparing(Comparator.comparingLong((Task x) -> x.since).reversed()));
            int lastSlot = -1;
            for (Task x : list) {
                String name = (x.slot == lastSlot ? " \\_ " : "") + s.name + "." + x.slot;
                lastSlot = x.slot;
                String id = noTrunc ? x.id : x.id.substring(0, 12);
                ids.append(id).append('\n');
                t.row(id, name, x.image, x.node.hostname, x.desired.pretty(), x.state.pretty() + " " + HumanDuration.of(now - x.since) + " ago",
                        x.error.isEmpty() ? "" : "\"" + x.error + "\"", "");
            }
        }
        return quiet ? ids.toString() : t.toString();
    }
}
