package dev.glassbox.swarm;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.trace.TraceEvent;
import dev.glassbox.world.World;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * A replicated service keeps exactly its N replicas running, one live task per slot, whatever happens to the
 * swarm's nodes (hosts added and shut down, drains and reactivations, workers leaving, the service rescaled),
 * as long as one active node remains; the tasks a node loses are shut down, and the trace says why.
 */
class SwarmProperties {
    private static final Pattern TOKEN = Pattern.compile("SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}");
    private static final String MANAGER = "glassbox-host";

    /** A world with a swarm and the service {@code web}, and a model of what the swarm must look like. */
    static final class Lab {
        final World world;
        final Engine e;
        final String token;
        int replicas;
        String image = "nginx:latest";
        int booted;
        /** Hosts of the world that are Ready nodes of the swarm, with their availability (true: active). */
        final Map<String, Boolean> members = new LinkedHashMap<>();
        /** Each member's node id: a host that left and joined again is a second node of the same hostname. */
        final Map<String, String> ids = new LinkedHashMap<>();
        /** Hosts of the world that left the swarm. */
        final Set<String> outside = new LinkedHashSet<>();
        /** Full ids of tasks that a drain, a leave or a shutdown took from their node: never live again. */
        final Set<String> taken = new HashSet<>();

        Lab(long seed, int replicas) {
            world = World.sim(seed, false); // no state snapshot per trace step: the property reads the trace's events only
            e = world.engine();
            ok("docker swarm init");
            token = ok("docker swarm join-token -q worker").out().trim();
            if (!TOKEN.matcher(token).matches()) {
                throw new AssertionError("join-token -q answered " + token);
            }
            members.put(MANAGER, true);
            ids.put(MANAGER, readyNode(MANAGER));
            this.replicas = replicas;
            ok("docker service create -d --name web --replicas " + replicas + " nginx");
        }

        Result ok(String line) {
            Result r = e.run(line);
            if (r.exitStatus() != 0) {
                throw new AssertionError(line + " failed:\n" + r.text());
            }
            return r;
        }

        long active() {
            return members.values().stream().filter(a -> a).count();
        }

        /** The world has room for another host. */
        boolean roomForHost() {
            return members.size() + outside.size() < World.MAX_NODES;
        }

        List<String> drainable() {
            return members.keySet().stream().filter(members::get).filter(h -> active() > 1).toList();
        }

        List<String> drained() {
            return members.keySet().stream().filter(h -> !members.get(h)).toList();
        }

        /** Nodes whose loss (drain, leave, shutdown) still leaves an active node. */
        List<String> losable(boolean workersOnly) {
            return members.keySet().stream().filter(h -> !workersOnly || !h.equals(MANAGER))
                    .filter(h -> !members.get(h) || active() > 1).toList();
        }

        void addNode() {
            String name = "n" + (++booted);
            ok("node add " + name);
            ok("docker -H " + name + " swarm join --token " + token + " 10.0.2.15:2377");
            members.put(name, true);
            ids.put(name, readyNode(name));
        }

        /** The id of the host's Ready node in {@code docker node ls}. */
        String readyNode(String host) {
            List<String> found = ok("docker node ls").out().lines().skip(1).map(l -> l.split(" +"))
                    .filter(c -> c[c[1].equals("*") ? 2 : 1].equals(host) && c[c[1].equals("*") ? 3 : 2].equals("Ready")).map(c -> c[0]).toList();
            if (found.size() != 1) {
                throw new AssertionError("node ls lists " + found.size() + " Ready nodes named " + host);
            }
            return found.get(0);
        }

        void rejoin(String host) {
            ok("docker -H " + host + " swarm join --token " + token + " 10.0.2.15:2377");
            outside.remove(host);
            members.put(host, true);
            ids.put(host, readyNode(host));
        }

        void shutDown(String host) {
            Set<String> had = liveOn(host);
            ok("node rm " + host);
            members.remove(host);
            outside.remove(host);
            lost(host, had);
        }

        void leave(String host) {
            Set<String> had = liveOn(host);
            ok("docker -H " + host + " swarm leave");
            members.remove(host);
            outside.add(host);
            lost(host, had);
        }

        void drain(String host) {
            Set<String> had = liveOn(host);
            ok("docker node update --availability drain " + ids.get(host));
            members.put(host, false);
            lost(host, had);
        }

        void activate(String host) {
            ok("docker node update --availability active " + ids.get(host));
            members.put(host, true);
        }

        void update(String to, int parallelism) {
            ok("docker service update -d --image " + to + " --update-parallelism " + parallelism + " web");
            image = to;
        }

        void scale(int n) {
            ok("docker service scale -d web=" + n);
            replicas = n;
        }

        /** The full ids of the live tasks on the host. */
        private Set<String> liveOn(String host) {
            Set<String> ids = new TreeSet<>();
            for (Row r : tasks()) {
                if (r.node.equals(host) && r.desired.equals("Running")) {
                    ids.add(r.id);
                }
            }
            return ids;
        }

        /** Each task the node had is shut down, and the command's trace gives the reason on that node. */
        private void lost(String host, Set<String> had) {
            List<TraceEvent> events = e.lastTrace().events();
            Map<String, Row> now = new LinkedHashMap<>();
            tasks().forEach(r -> now.put(r.id, r));
            for (String id : had) {
                Row r = now.get(id);
                if (r == null || !r.desired.equals("Shutdown") || !r.current.startsWith("Shutdown ")) {
                    throw new AssertionError("task " + id + " of " + host + " is not shut down: " + r);
                }
                boolean told = events.stream().anyMatch(ev -> ev.action().equals("shutdown task") && ev.object().equals(r.name)
                        && ev.host().equals(host) && ev.sentence().contains(host));
                if (!told) {
                    throw new AssertionError("no trace step says why " + r.name + " (" + id + ") left " + host);
                }
            }
            taken.addAll(had);
        }

        /** One row of {@code docker service ps --no-trunc web}. */
        record Row(String id, String name, String image, String node, String desired, String current) {}

        List<Row> tasks() {
            String[] lines = ok("docker service ps --no-trunc web").out().split("\n");
            String head = lines[0];
            int[] at = {0, head.indexOf("NAME"), head.indexOf("IMAGE"), head.indexOf("NODE"), head.indexOf("DESIRED STATE"),
                head.indexOf("CURRENT STATE"), head.indexOf("ERROR")};
            List<Row> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String l = lines[i];
                String[] cell = new String[6];
                for (int c = 0; c < 6; c++) {
                    cell[c] = l.substring(at[c], Math.min(l.length(), at[c + 1])).trim();
                }
                rows.add(new Row(cell[0], cell[1].replace("\\_ ", ""), cell[2], cell[3], cell[4], cell[5]));
            }
            return rows;
        }

        /** The property, checked after every step. */
        void converged() {
            String ls = ok("docker service ls").out();
            if (!ls.lines().skip(1).anyMatch(l -> l.matches("\\S+ +web +replicated +" + replicas + "/" + replicas + " .*"))) {
                throw new AssertionError("service ls does not show " + replicas + "/" + replicas + ":\n" + ls);
            }
            Set<String> wanted = new TreeSet<>();
            Set<Integer> slots = new TreeSet<>();
            for (Row r : tasks()) {
                if (!r.desired.equals("Running")) {
                    continue;
                }
                if (!r.current.startsWith("Running ") || !r.image.equals(image)) {
                    throw new AssertionError("live task " + r + " is not running " + image);
                }
                if (!slots.add(Integer.parseInt(r.name.substring("web.".length())))) {
                    throw new AssertionError("two live tasks share the slot of " + r);
                }
                if (!Boolean.TRUE.equals(members.get(r.node))) {
                    throw new AssertionError("live task " + r + " is on a node that is not an active member: " + members);
                }
                if (taken.contains(r.id)) {
                    throw new AssertionError("task " + r + " was taken from its node but is live again");
                }
                wanted.add(r.name + "." + r.id);
            }
            Set<Integer> expected = new TreeSet<>();
            for (int i = 1; i <= replicas; i++) {
                expected.add(i);
            }
            if (!slots.equals(expected)) {
                throw new AssertionError("live slots " + slots + ", wanted " + expected);
            }
            Set<String> running = new TreeSet<>();
            List<String> hosts = new ArrayList<>(members.keySet());
            hosts.addAll(outside);
            for (String h : hosts) {
                for (String c : ok("docker -H " + h + " ps --format {{.Names}}").out().split("\n")) {
                    if (c.startsWith("web.") && !running.add(c)) {
                        throw new AssertionError("container " + c + " runs twice");
                    }
                }
            }
            if (!running.equals(wanted)) {
                throw new AssertionError("running task containers " + running + " but the live tasks are " + wanted);
            }
        }
    }

    /** An action on one of the hosts {@code who} names; replayed on a state where the host no longer fits (shrinking), it does nothing. */
    private static Action.Dependent<Lab> on(String verb, Function<Lab, List<String>> who, BiConsumer<Lab, String> step) {
        return new Action.Dependent<>() {
            @Override
            public boolean precondition(Lab l) {
                return !who.apply(l).isEmpty();
            }

            @Override
            public Arbitrary<Transformer<Lab>> transformer(Lab l) {
                return Arbitraries.of(who.apply(l)).map(h -> Transformer.mutate(verb + " " + h, x -> {
                    if (who.apply(x).contains(h)) {
                        step.accept(x, h);
                    }
                }));
            }
        };
    }

    @Provide
    Arbitrary<ActionChain<Lab>> chains() {
        Action.Independent<Lab> add = new Action.Independent<>() {
            @Override
            public boolean precondition(Lab l) {
                return l.roomForHost();
            }

            @Override
            public Arbitrary<Transformer<Lab>> transformer() {
                return Arbitraries.just(Transformer.mutate("node add + swarm join", l -> {
                    if (l.roomForHost()) {
                        l.addNode();
                    }
                }));
            }
        };
        Action.Independent<Lab> update = () -> Combinators.combine(Arbitraries.of("nginx:1.27", "nginx:latest"), Arbitraries.integers()
                .between(0, 3)).as((to, k) -> Transformer.mutate("docker service update --image " + to + " --update-parallelism " + k,
                l -> l.update(to, k)));
        Action.Independent<Lab> scale = () -> Arbitraries.integers().between(1, 6).map(k -> Transformer.mutate("docker service scale web=" + k,
                l -> l.scale(k)));
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 6)).flatAs((seed, n) ->
                ActionChain.startWith(() -> new Lab(seed, n))
                        .withAction(4, add)
                        .withAction(2, scale)
                        .withAction(1, update)
                        .withAction(2, on("node rm", l -> concat(l.losable(true), l.outside), Lab::shutDown))
                        .withAction(3, on("docker node update --availability drain", Lab::drainable, Lab::drain))
                        .withAction(2, on("docker node update --availability active", Lab::drained, Lab::activate))
                        .withAction(2, on("docker swarm leave on", l -> l.losable(true), Lab::leave))
                        .withAction(1, on("docker swarm join on", l -> List.copyOf(l.outside), Lab::rejoin))
                        .withMaxTransformations(15));
    }

    private static List<String> concat(List<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Property(tries = 50)
    void everyReplicaRunsOnceWhateverHappensToTheNodes(@ForAll("chains") ActionChain<Lab> chain) {
        try {
            chain.withInvariant("N of N running, one per slot", Lab::converged).run();
        } finally {
            chain.finalState().ifPresent(l -> l.world.close());
        }
    }
}
