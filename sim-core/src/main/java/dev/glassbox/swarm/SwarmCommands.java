package dev.glassbox.swarm;

import dev.glassbox.Engine;
import java.util.List;
import java.util.Set;

/** {@code docker swarm init|join|join-token|leave}: a node joins or leaves the world's swarm, in the CLI's and the daemon's words. */
final class SwarmCommands {
    private final Cluster cluster;
    private final Members members;
    private final Narrator narrator;
    private final Orchestrator orchestrator;

    SwarmCommands(Cluster cluster, Members members, Narrator narrator, Orchestrator orchestrator) {
        this.cluster = cluster;
        this.members = members;
        this.narrator = narrator;
        this.orchestrator = orchestrator;
    }

    String run(Engine on, String sub, List<String> words) {
        return switch (sub) {
            case "init" -> init(on, Args.parse("docker swarm init", words, Set.of("advertise-addr", "listen-addr", "availability"), Set.of()));
            case "join" -> join(on, Args.parse("docker swarm join", words, Set.of("token", "advertise-addr", "listen-addr", "availability"), Set.of()));
            case "join-token" -> joinToken(on, Args.parse("docker swarm join-token", words, Set.of(), Set.of("q=quiet", "rotate")));
            case "leave" -> leave(on, Args.parse("docker swarm leave", words, Set.of(), Set.of("f=force")));
            default -> throw new SwarmException("docker: unknown command: docker swarm " + sub + "\n\nUsage:  docker swarm\n\nRun 'docker swarm"
                    + " --help' for more information", false);
        };
    }

    private String init(Engine on, Args a) {
        Commands.noArgs("docker swarm init", "[OPTIONS]", a);
        Members.Member me = members.of(on);
        if (cluster.nodeOf(on).isPresent()) {
            throw new SwarmException("This node is already part of a swarm. Use \"docker swarm leave\" to leave this swarm and join another one.");
        }
        if (cluster.exists()) {
            throw new SwarmException("glassbox: this world already has a swarm (managed from " + cluster.managerAddr.replace(":2377", "")
                    + "): join it with 'docker swarm join'", false);
        }
        String advertise = a.get("advertise-addr", me.address());
        if (advertise.contains(":")) {
            advertise = advertise.substring(0, advertise.indexOf(':'));
        }
        if (!advertise.equals(me.address()) && !advertise.equals("eth0")) {
            throw new SwarmException("advertise address must be a non-zero IP address or network interface (with optional port number)");
        }
        SwarmNode.Availability avail = availability(a);
        cluster.createdAt = on.currentTimeMillis();
        cluster.ca = cluster.ids.caDigest();
        cluster.workerToken = cluster.ids.token(cluster.ca, "worker");
        cluster.managerToken = cluster.ids.token(cluster.ca, "manager");
        cluster.managerAddr = me.address() + ":2377";
        cluster.clusterId = cluster.ids.next();
        SwarmNode n = new SwarmNode(cluster.ids.next(), me.hostname(), me.address(), on, SwarmNode.Role.MANAGER, on.currentTimeMillis());
        n.leader = true;
        n.availability = avail;
        cluster.nodes.add(n);
        narrator.initialized(n);
        orchestrator.overlays.init(n.hostname);
        orchestrator.overlays.nodeUp(n);
        orchestrator.nodeJoined(n);
        return "Swarm initialized: current node (" + n.id + ") is now a manager.\n\n" + joinCommand("worker", cluster.workerToken)
                + "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n\n";
    }

    private String joinCommand(String role, String token) {
        return "To add a " + role + " to this swarm, run the following command:\n\n    docker swarm join --token " + token + " "
                + cluster.managerAddr + "\n\n";
    }

    private static SwarmNode.Availability availability(Args a) {
        String given = a.get("availability", "active");
        SwarmNode.Availability avail = SwarmNode.Availability.parse(given);
        if (avail == null) {
            throw new SwarmException("invalid availability \"" + given + "\", only active, pause and drain are supported", false);
        }
        return avail;
    }

    private String join(Engine on, Args a) {
        if (a.positional.size() != 1) {
            throw Commands.exactly("docker swarm join", "[OPTIONS] HOST:PORT", 1, a.positional.size());
        }
        if (cluster.nodeOf(on).isPresent()) {
            throw new SwarmException("This node is already part of a swarm. Use \"docker swarm leave\" to leave this swarm and join another one.");
        }
        String token = a.get("token", "");
        String addr = a.positional.get(0);
        String host = addr.contains(":") ? addr.substring(0, addr.lastIndexOf(':')) : addr;
        String port = addr.contains(":") ? addr.substring(addr.lastIndexOf(':') + 1) : "2377";
        if (!token.matches("SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}")) {
            throw new SwarmException("invalid join token");
        }
        SwarmNode manager = cluster.exists() ? cluster.nodes.stream().filter(n -> n.role == SwarmNode.Role.MANAGER
                && n.state == SwarmNode.State.READY && n.address.equals(host)).findFirst().orElse(null) : null;
        if (manager == null || !port.equals("2377")) {
            throw new SwarmException("Timeout was reached before node joined. The attempt to join the swarm will continue in the background."
                    + " Use the \"docker info\" command to see the current swarm status of your node.");
        }
        SwarmNode.Role role;
        if (token.equals(cluster.workerToken)) {
            role = SwarmNode.Role.WORKER;
        } else if (token.equals(cluster.managerToken)) {
            role = SwarmNode.Role.MANAGER;
        } else {
            throw new SwarmException("rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster");
        }
        SwarmNode.Availability avail = availability(a);
        Members.Member me = members.of(on);
        SwarmNode n = new SwarmNode(cluster.ids.next(), me.hostname(), me.address(), on, role, on.currentTimeMillis());
        n.availability = avail;
        cluster.nodes.add(n);
        narrator.joined(n, cluster.managerAddr);
        orchestrator.overlays.nodeUp(n);
        orchestrator.nodeJoined(n);
        return "This node joined a swarm as a " + (role == SwarmNode.Role.MANAGER ? "manager" : "worker") + ".\n";
    }

    private String joinToken(Engine on, Args a) {
        if (a.positional.size() != 1) {
            throw Commands.exactly("docker swarm join-token", "[OPTIONS] (worker|manager)", 1, a.positional.size());
        }
        String role = a.positional.get(0);
        if (!role.equals("worker") && !role.equals("manager")) {
            throw new SwarmException("unknown role " + role, false);
        }
        cluster.manager(on);
        StringBuilder out = new StringBuilder();
        if (a.has("rotate")) {
            if (role.equals("worker")) {
                cluster.workerToken = cluster.ids.token(cluster.ca, "worker");
            } else {
                cluster.managerToken = cluster.ids.token(cluster.ca, "manager");
            }
            if (!a.has("quiet")) {
                out.append("Successfully rotated ").append(role).append(" join token.\n\n");
            }
        }
        String token = role.equals("worker") ? cluster.workerToken : cluster.managerToken;
        if (a.has("quiet")) {
            return out.append(token).append('\n').toString();
        }
        return out.append(joinCommand(role, token)).toString();
    }

    private String leave(Engine on, Args a) {
        Commands.noArgs("docker swarm leave", "[OPTIONS]", a);
        SwarmNode n = cluster.nodeOf(on).orElseThrow(() -> new SwarmException("This node is not part of a swarm"));
        if (n.role == SwarmNode.Role.MANAGER && !a.has("force")) {
            long managers = cluster.nodes.stream().filter(x -> x.role == SwarmNode.Role.MANAGER && x.state == SwarmNode.State.READY).count();
            throw new SwarmException(managers <= 1
                    ? "You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases"
                    + " all current state of the swarm. Use `--force` to ignore this message."
                    : "You are attempting to leave the swarm on a node that is participating as a manager. Removing this node leaves "
                    + (managers - 1) + " managers out of " + managers + ". Without a Raft quorum your swarm will be inaccessible. The only way"
                    + " to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress"
                    + " this message.");
        }
        narrator.left(n);
        if (n.leader) {
            orchestrator.dissolve();
            return "Node left the swarm.\n";
        }
        orchestrator.nodeGone(n, "node left the swarm");
        return "Node left the swarm.\n";
    }
}
