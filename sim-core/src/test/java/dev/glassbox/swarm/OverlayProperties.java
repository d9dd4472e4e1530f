package dev.glassbox.swarm;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.world.World;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever nodes come and go, drain or return, however the service is scaled and whichever containers join the
 * attachable overlay: the routing mesh answers on every node while a task runs, and no address of the ingress
 * network or of the overlay is ever held twice across the hosts.
 */
class OverlayProperties {
    private static final Pattern JOIN = Pattern.compile("--token (\\S+) ");
    private static final Pattern IP = Pattern.compile("\\b10\\.0\\.\\d+\\.\\d+\\b");

    /** Each action is a pair (kind, argument) drawn from the integers. */
    @Property(tries = 12)
    void theMeshDeliversFromEveryNodeAndNoOverlayAddressIsHeldTwice(@ForAll @Size(max = 10) List<@IntRange(min = 0, max = 59) Integer> actions) {
        try (World w = World.sim()) {
            Engine e = w.engine();
            must(e, "docker swarm init");
            Matcher m = JOIN.matcher(e.run("docker swarm join-token worker").out());
            m.find();
            String token = m.group(1);
            must(e, "docker network create -d overlay --attachable appnet");
            must(e, "docker service create -d --name web --replicas 2 -p 8080:80 nginx");
            List<String> workers = new ArrayList<>();
            int added = 0;
            int replicas = 2;
            int containers = 0;
            for (int a : actions) {
                int kind = a / 10;
                int arg = a % 10;
                switch (kind) {
                    case 0 -> {
                        if (workers.size() < 3) {
                            String name = "worker" + (++added);
                            must(e, "node add " + name);
                            must(e, "docker -H " + name + " swarm join --token " + token + " 10.0.2.15:2377");
                            workers.add(name);
                        }
                    }
                    case 1 -> {
                        if (!workers.isEmpty()) {
                            must(e, "node rm " + workers.remove(arg % workers.size()));
                        }
                    }
                    case 2 -> {
                        if (!workers.isEmpty()) {
                            must(e, "docker node update --availability " + (arg % 2 == 0 ? "drain" : "active") + " " + workers.get(arg % workers.size()));
                        }
                    }
                    case 3 -> {
                        replicas = arg % 5;
                        must(e, "docker service scale web=" + replicas);
                    }
                    default -> {
                        List<String> hosts = hosts(workers);
                        must(e, "docker -H " + hosts.get(arg % hosts.size()) + " run -d --name box" + (containers++) + " --network appnet busybox sleep 1000");
                    }
                }
                check(e, workers, replicas);
            }
        }
    }

    private static List<String> hosts(List<String> workers) {
        List<String> out = new ArrayList<>(List.of("glassbox-host"));
        out.addAll(workers);
        return out;
    }

    private static void check(Engine e, List<String> workers, int replicas) {
        List<String> hosts = hosts(workers);
        Set<String> seen = new HashSet<>();
        for (String h : hosts) {
            for (String c : e.run("docker -H " + h + " ps -q").out().lines().toList()) {
                String ips = must(e, "docker -H " + h + " inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' " + c).out();
                Matcher m = IP.matcher(ips);
                while (m.find()) {
                    if (!seen.add(m.group())) {
                        throw new AssertionError("the overlay address " + m.group() + " is held twice (again by " + c + " on " + h + ")");
                    }
                }
            }
        }
        for (String from : hosts) {
            String to = hosts.get((hosts.indexOf(from) + 1) % hosts.size());
            Result r = e.run("packet trace " + from + " " + to + ":8080");
            boolean answered = r.exitStatus() == 0;
            if (answered != (replicas > 0)) {
                throw new AssertionError("with " + replicas + " replicas, " + from + " → " + to + ":8080 " + (answered ? "was" : "was not")
                        + " answered:\n" + r.out() + r.err() + e.run("docker service ps web").out());
            }
        }
    }

    private static Result must(Engine e, String line) {
        Result r = e.run(line);
        if (r.exitStatus() != 0) {
            throw new AssertionError(line + " → " + r.exitStatus() + ": " + r.err());
        }
        return r;
    }
}
