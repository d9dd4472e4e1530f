package dev.glassbox.swarm;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.world.World;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Services on a three-node swarm: tasks spread over the nodes, scale, rolling update, drain and a host going away. */
class ServiceTest {
    /** The live tasks' NODE column of {@code service ps}, in slot order. */
    private static List<String> nodes(Engine e, String service) {
        return Arrays.stream(ok(e, "docker service ps " + service).out().split("\n")).skip(1).filter(l -> !l.contains("\\_"))
                .filter(l -> l.contains("Running         Running")).map(l -> l.split("\\s+")[3]).toList();
    }

    @Test
    void createSpreadsTheReplicasAndEachIsAContainerOnItsNode() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            SwarmTest.threeNodes(e);
            String out = ok(e, "docker service create --name web --replicas 3 -p 8080:80 nginx").out();
            String id = out.substring(0, 25);
            assertEquals(id + "\noverall progress: 3 out of 3 tasks \n1/3: running   [" + "=".repeat(50) + ">] \n2/3: running   ["
                    + "=".repeat(50) + ">] \n3/3: running   [" + "=".repeat(50) + ">] \nverify: Service " + id + " converged \n", out);
            assertEquals(List.of("glassbox-host", "worker1", "worker2"), nodes(e, "web"));
            String ps = ok(e, "docker -H worker1 ps --format {{.Names}}").out();
            assertTrue(ps.matches("web\\.2\\.[0-9a-z]{25}\n"), ps);
            assertEquals("ID             NAME      MODE         REPLICAS   IMAGE          PORTS\n" + id.substring(0, 12)
                    + "   web       replicated   3/3        nginx:latest   *:8080->80/tcp\n", ok(e, "docker service ls").out());
        }
    }

    @Test
    void scaleUpdateAndRemove() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            SwarmTest.threeNodes(e);
            ok(e, "docker service create -d --name web --replicas 2 nginx");
            assertTrue(ok(e, "docker service scale web=5").out().startsWith("web scaled to 5\noverall progress: 5 out of 5 tasks \n"));
            assertEquals(List.of("glassbox-host", "worker1", "worker2", "glassbox-host", "worker1"), nodes(e, "web"));
            ok(e, "docker service update --image nginx:1.27 --update-parallelism 2 web");
            String ps = ok(e, "docker service ps web").out();
            assertEquals(5, ps.lines().filter(l -> l.contains("nginx:1.27") && l.contains("Running         Running")).count(), ps);
            assertEquals(5, ps.lines().filter(l -> l.contains(" \\_ web.") && l.contains("nginx:latest") && l.contains("Shutdown        Shutdown")).count(), ps);
            assertEquals("Error response from daemon: service nosuch not found\n", e.run("docker service rm nosuch").err());
            assertEquals("nosuch: Error response from daemon: service nosuch not found\n", e.run("docker service scale nosuch=2").err());
            assertEquals("web\n", ok(e, "docker service rm web").out());
            assertEquals("", ok(e, "docker -H worker1 ps -q").out());
        }
    }

    @Test
    void drainAndAHostGoingAwayRescheduleTheirTasks() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            SwarmTest.threeNodes(e);
            ok(e, "docker service create -d --name web --replicas 3 nginx");
            ok(e, "docker node update --availability drain worker1");
            assertEquals(List.of("glassbox-host", "glassbox-host", "worker2"), nodes(e, "web")); // a tie between 1 and 1 goes to the node that joined first
            assertEquals("", ok(e, "docker -H worker1 ps -q").out());
            ok(e, "node rm worker2");
            assertEquals(List.of("glassbox-host", "glassbox-host", "glassbox-host"), nodes(e, "web"));
            assertTrue(ok(e, "docker node ls").out().contains("worker2         Down"));
            String ps = ok(e, "docker service ps web").out();
            assertTrue(ps.lines().anyMatch(l -> l.contains(" \\_ web.3") && l.contains("worker2") && l.contains("Shutdown")), ps);
            assertEquals(3, ok(e, "docker ps -q").out().lines().count());
        }
    }

    /** The update's trace as S (a task shut down) and P (a task placed), in order: the batches show. */
    private static String batches(Engine e, String line) {
        ok(e, line);
        return e.lastTrace().events().stream().map(ev -> ev.action().equals("shutdown task") ? "S" : ev.action().equals("schedule") ? "P" : "")
                .collect(java.util.stream.Collectors.joining());
    }

    @Test
    void aRollingUpdateReplacesParallelismTasksPerBatchAndZeroMeansAllAtOnce() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            SwarmTest.threeNodes(e);
            ok(e, "docker service create -d --name web --replicas 3 nginx");
            assertEquals("SPSPSP", batches(e, "docker service update -d --image nginx:1.27 web"));
            assertEquals("SSPPSP", batches(e, "docker service update -d --image nginx:latest --update-parallelism 2 web"));
            assertEquals("SSSPPP", batches(e, "docker service update -d --image nginx:1.27 --update-parallelism 0 web"));
            assertTrue(e.lastTrace().events().stream().anyMatch(ev -> ev.sentence().endsWith("is replaced (all at once).")));
            assertEquals(3, ok(e, "docker service ps web").out().lines().filter(l -> l.contains("nginx:1.27") && l.contains("Running         Running")).count());
        }
    }
}
