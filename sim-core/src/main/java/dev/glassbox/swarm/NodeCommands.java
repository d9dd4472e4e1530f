package dev.glassbox.swarm;

import dev.glassbox.Engine;
import dev.glassbox.client.Table;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code docker node ls|inspect|rm|update}: the swarm's nodes as a manager sees them. */
final class NodeCommands {
    private final Cluster cluster;
    private final Narrator narrator;
    private final Orchestrator orchestrator;

    NodeCommands(Cluster cluster, Narrator narrator, Orchestrator orchestrator) {
        this.cluster = cluster;
        this.narrator = narrator;
        this.orchestrator = orchestrator;
    }

    String run(Engine on, String sub, List<String> words) {
        return switch (sub) {
            case "ls", "list" -> ls(on, Args.parse("docker node ls", words, Set.of("f=filter", "format"), Set.of("q=quiet")));
            case "inspect" -> inspect(on, Args.parse("docker node inspect", words, Set.of("f=format"), Set.of("pretty")));
            case "rm", "remove" -> rm(on, Args.parse("docker node rm", words, Set.of(), Set.of("f=force")));
            case "update" -> update(on, Args.parse("docker node update", words, Set.of("availability", "role"), Set.of()));
            default -> throw new SwarmException("docker: unknown command: docker node " + sub + "\n\nUsage:  docker node\n\nRun 'docker node"
                    + " --help' for more information", false);
        };
    }

    private String ls(Engine on, Args a) {
        Commands.noArgs("docker node ls", "[OPTIONS]", a);
        SwarmNode self = cluster.manager(on);
        List<SwarmNode> sorted = new ArrayList<>(cluster.nodes);
        sorted.sort(java.util.Comparator.comparing((SwarmNode n) -> n.hostname).thenComparing(n -> n.id));
        if (a.has("quiet")) {
            StringBuilder b = new StringBuilder();
            sorted.forEach(n -> b.append(n.id).append('\n'));
            return b.toString();
        }
        Table t = Table.docker().row("ID", "HOSTNAME", "STATUS", "AVAILABILITY", "MANAGER STATUS", "ENGINE VERSION");
        for (SwarmNode n : sorted) {
            t.row(n.id + " " + (n == self ? "*" : " "), n.hostname, SwarmNode.pretty(n.state), SwarmNode.pretty(n.availability),
                    managerStatus(n), "28.2.2");
        }
        // the ID column's header is "ID " (ID, a space, the empty header of the self marker)
        String out = t.toString();
        return out.replaceFirst("^ID {2}", "ID  ");
    }

    private static String managerStatus(SwarmNode n) {
        if (n.role != SwarmNode.Role.MANAGER) {
            return "";
        }
        return n.leader ? "Leader" : n.state == SwarmNode.State.READY ? "Reachable" : "Unreachable";
    }

    private String inspect(Engine on, Args a) {
        if (a.positional.isEmpty()) {
            throw Commands.atLeast("docker node inspect", "[OPTIONS] self|NODE [NODE...]", 1);
        }
        SwarmNode self = cluster.manager(on);
        List<SwarmNode> found = new ArrayList<>();
        for (String ref : a.positional) {
            found.add(ref.equals("self") ? self : cluster.node(ref));
        }
        if (a.has("pretty")) {
            StringBuilder b = new StringBuilder();
            for (SwarmNode n : found) {
                b.append(pretty(n));
            }
            return b.toString();
        }
        List<Object> list = new ArrayList<>();
        found.forEach(n -> list.add(json(n)));
        return dev.glassbox.client.GoJson.indent(list) + "\n";
    }

    static String time(long millis) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS '+0000 utc'").format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }

    private String pretty(SwarmNode n) {
        StringBuilder b = new StringBuilder();
        b.append("ID:\t\t\t").append(n.id).append('\n');
        b.append("Hostname:              \t").append(n.hostname).append('\n');
        b.append("Joined at:             \t").append(time(n.joinedAt)).append('\n');
        b.append("Status:\n State:\t\t\t").append(SwarmNode.pretty(n.state)).append('\n');
        b.append(" Availability:         \t").append(SwarmNode.pretty(n.availability)).append('\n');
        b.append(" Address:\t\t").append(n.address).append('\n');
        if (n.role == SwarmNode.Role.MANAGER) {
            b.append("Manager Status:\n Address:\t\t").append(n.address).append(":2377\n");
            b.append(" Raft Status:\t\t").append(n.state == SwarmNode.State.READY ? "Reachable" : "Unreachable").append('\n');
            b.append(" Leader:\t\t").append(n.leader ? "Yes" : "No").append('\n');
        }
        b.append("Platform:\n Operating System:\tlinux\n Architecture:\t\tx86_64\n");
        b.append("Engine Version:\t\t28.2.2\n");
        return b.toString();
    }

    private Map<String, Object> json(SwarmNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", n.id);
        String t = Instant.ofEpochMilli(n.joinedAt).toString();
        m.put("CreatedAt", t);
        m.put("Spec", Map.of("Role", n.role.name().toLowerCase(java.util.Locale.ROOT), "Availability", n.availability.wire()));
        Map<String, Object> desc = new LinkedHashMap<>();
        desc.put("Hostname", n.hostname);
        desc.put("Platform", Map.of("Architecture", "x86_64", "OS", "linux"));
        desc.put("Engine", Map.of("EngineVersion", "28.2.2"));
        m.put("Description", desc);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("State", n.state.name().toLowerCase(java.util.Locale.ROOT));
        status.put("Addr", n.address);
        m.put("Status", status);
        if (n.role == SwarmNode.Role.MANAGER) {
            Map<String, Object> ms = new LinkedHashMap<>();
            ms.put("Leader", n.leader);
            ms.put("Reachability", n.state == SwarmNode.State.READY ? "reachable" : "unreachable");
            ms.put("Addr", n.address + ":2377");
            m.put("ManagerStatus", ms);
        }
        return m;
    }

    private String rm(Engine on, Args a) {
        if (a.positional.isEmpty()) {
            throw Commands.atLeast("docker node rm", "[OPTIONS] NODE [NODE...]", 1);
        }
        cluster.manager(on);
        StringBuilder out = new StringBuilder();
        for (String ref : a.positional) {
            SwarmNode n = cluster.node(ref);
            if (n.role == SwarmNode.Role.MANAGER && n.state == SwarmNode.State.READY) {
                throw new SwarmException("rpc error: code = FailedPrecondition desc = node " + n.id + " is a cluster manager and is a member"
                        + " of the raft cluster. It must be demoted to worker before removal");
            }
            if (n.state != SwarmNode.State.DOWN && !a.has("force")) {
                throw new SwarmException("rpc error: code = FailedPrecondition desc = node " + n.id + " is not down and can't be removed");
            }
            if (n.state != SwarmNode.State.DOWN) {
                orchestrator.nodeGone(n, "node removed from the swarm");
            }
            cluster.nodes.remove(n);
            narrator.removed(n);
            out.append(ref).append('\n');
        }
        return out.toString();
    }

    private String update(Engine on, Args a) {
        if (a.positional.size() != 1) {
            throw Commands.exactly("docker node update", "[OPTIONS] NODE", 1, a.positional.size());
        }
        cluster.manager(on);
        SwarmNode n = cluster.node(a.positional.get(0));
        if (a.flags.containsKey("availability")) {
            SwarmNode.Availability av = SwarmNode.Availability.parse(a.get("availability", ""));
            if (av == null) {
                throw new SwarmException("invalid argument \"" + a.get("availability", "") + "\" for \"--availability\" flag: invalid"
                        + " availability \"" + a.get("availability", "") + "\", only active, pause and drain are supported\nSee 'docker node update --help'.", false);
            }
            n.availability = av;
            narrator.availability(n);
            orchestrator.reconcile();
        }
        return a.positional.get(0) + "\n";
    }
}
