package dev.glassbox.swarm;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.world.World;
import java.util.List;
import org.junit.jupiter.api.Test;

/** swarm's routing mesh: a published port answers on every node and IPVS spreads the connections over the tasks. */
class RoutingMeshTest {
    private static final List<String> NODES = List.of("glassbox-host", "worker1", "worker2");
    private static final List<String> ADDRESSES = List.of("10.0.2.15", "10.0.2.16", "10.0.2.17");

    /** How many GET requests each task's nginx logged, in slot order (task containers are named web.SLOT.ID on their node). */
    private static List<Long> requestsPerTask(Engine e) {
        java.util.TreeMap<String, Long> counts = new java.util.TreeMap<>();
        for (String node : NODES) {
            for (String name : ok(e, "docker -H " + node + " ps --format {{.Names}}").out().lines().toList()) {
                counts.put(name, ok(e, "docker -H " + node + " logs " + name).out().lines().filter(x -> x.contains("\"GET / HTTP/1.1\" 200")).count());
            }
        }
        assertEquals(3, counts.size(), counts.toString());
        return List.copyOf(counts.values());
    }

    @Test
    void everyNodeAnswersOnThePublishedPortAndTheConnectionsGoRoundRobin() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            SwarmTest.threeNodes(e);
            ok(e, "docker service create -d --name web --replicas 3 -p 8080:80 nginx");
            for (String from : NODES) {
                for (String to : ADDRESSES) {
                    assertTrue(ok(e, "docker -H " + from + " run --rm busybox wget -qO- http://" + to + ":8080/").out().contains("Welcome to nginx"));
                }
            }
            // nine connections, three arrived at each node's load balancer: each task served three, whichever node it runs on
            assertEquals(List.of(3L, 3L, 3L), requestsPerTask(e));
            String log = ok(e, "docker service logs web").out();
            assertTrue(log.lines().filter(l -> l.contains("GET /")).allMatch(l -> l.matches(".*\\| 10\\.0\\.0\\.[2-4] - - .*")), log);
        }
    }

    @Test
    void packetTraceFromAHostShowsIpvsSnatAndTheVxlanHop() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            SwarmTest.threeNodes(e);
            ok(e, "docker service create -d --name web --replicas 1 -p 8080:80 nginx"); // its one task runs on glassbox-host
            String trace = ok(e, "packet trace worker2 worker1:8080").out();
            assertEquals(List.of("worker2 route", "worker2 LAN", "worker1 IPVS", "worker1 SNAT", "worker1 route", "worker1 bridge forward",
                    "worker1 VXLAN encap", "worker1 LAN", "glassbox-host VXLAN decap", "glassbox-host bridge forward", "glassbox-host veth",
                    "glassbox-host connected"), OverlayTest.hops(trace));
            assertTrue(trace.contains("vni 4096"), trace);
            assertTrue(trace.endsWith("  answered\n"), trace);
            assertTrue(ok(e, "packet trace worker1 127.0.0.1:8080").out().endsWith("  answered\n"));
            assertEquals(2, e.run("packet trace worker1 worker2").exitStatus());
        }
    }

    @Test
    void theMeshFollowsTheTasksWhenANodeGoesAndWhenScaledToZero() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            SwarmTest.threeNodes(e);
            ok(e, "docker service create -d --name web --replicas 3 -p 8080:80 nginx");
            ok(e, "node rm worker2");
            for (int i = 0; i < 4; i++) { // every pick is a running task: none is left behind on the host that went
                assertTrue(ok(e, "packet trace glassbox-host worker1:8080").out().endsWith("  answered\n"));
            }
            ok(e, "docker service scale web=0");
            String refused = e.run("packet trace glassbox-host worker1:8080").out();
            assertEquals(List.of("glassbox-host route", "glassbox-host LAN", "worker1 refused"), OverlayTest.hops(refused));
            assertTrue(refused.contains("IPVS has no running task behind 10.0.2.16:8080"), refused);
            ok(e, "docker service rm web");
            assertEquals(1, e.run("packet trace glassbox-host worker1:8080").exitStatus());
        }
    }
}
