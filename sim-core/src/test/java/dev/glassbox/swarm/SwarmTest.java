package dev.glassbox.swarm;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.world.World;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker swarm init/join/join-token/leave and docker node on a world of three sim hosts, in Docker 28's words. */
class SwarmTest {
    static final Pattern JOIN = Pattern.compile("docker swarm join --token (SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}) 10\\.0\\.2\\.15:2377");

    /** glassbox-host the manager, worker1 and worker2 joined as workers; answers the worker token. */
    static String threeNodes(Engine e) {
        ok(e, "node add worker1");
        ok(e, "node add worker2");
        Result init = ok(e, "docker swarm init");
        Matcher m = JOIN.matcher(init.out());
        assertTrue(m.find(), init.out());
        assertEquals("This node joined a swarm as a worker.\n", ok(e, "docker -H worker1 swarm join --token " + m.group(1) + " 10.0.2.15:2377").out());
        assertEquals("This node joined a swarm as a worker.\n", ok(e, "docker -H worker2 swarm join --token " + m.group(1) + " 10.0.2.15:2377").out());
        return m.group(1);
    }

    @Test
    void initPrintsTheJoinCommandAndNodeLsListsTheNodes() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            ok(e, "node add worker1");
            Result init = ok(e, "docker swarm init --advertise-addr 10.0.2.15");
            String id = init.out().substring("Swarm initialized: current node (".length(), "Swarm initialized: current node (".length() + 25);
            Matcher m = JOIN.matcher(init.out());
            assertTrue(m.find());
            assertEquals("Swarm initialized: current node (" + id + ") is now a manager.\n\nTo add a worker to this swarm, run the following command:\n\n"
                    + "    docker swarm join --token " + m.group(1) + " 10.0.2.15:2377\n\nTo add a manager to this swarm, run 'docker swarm join-token"
                    + " manager' and follow the instructions.\n\n", init.out());
            assertEquals(m.group(1) + "\n", ok(e, "docker swarm join-token -q worker").out());
            ok(e, "docker -H worker1 swarm join --token " + m.group(1) + " 10.0.2.15:2377");
            String ls = ok(e, "docker node ls").out();
            String[] lines = ls.split("\n");
            assertEquals("ID                            HOSTNAME        STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION", lines[0]);
            assertEquals(id + " *   glassbox-host   Ready     Active         Leader           28.2.2", lines[1]);
            assertTrue(lines[2].matches("[0-9a-z]{25}     worker1         Ready     Active                          28\\.2\\.2"), lines[2]);
        }
    }

    @Test
    void theSameSeedGivesTheSameTokens() {
        String a;
        try (World w = World.sim()) {
            a = ok(w.engine(), "docker swarm init").out();
        }
        try (World w = World.sim()) {
            assertEquals(a, ok(w.engine(), "docker swarm init").out());
        }
    }

    @Test
    void aWrongTokenIsRefusedAndTheNodeStaysOut() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            ok(e, "node add worker1");
            ok(e, "docker swarm init");
            Result bad = e.run("docker -H worker1 swarm join --token SWMTKN-1-" + "a".repeat(50) + "-" + "b".repeat(25) + " 10.0.2.15:2377");
            assertEquals("Error response from daemon: rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster\n", bad.err());
            assertEquals(1, bad.exitStatus());
            assertEquals("Error response from daemon: invalid join token\n", e.run("docker -H worker1 swarm join --token nope 10.0.2.15:2377").err());
            assertEquals(2, ok(e, "docker node ls").out().split("\n").length);
        }
    }

    @Test
    void aNonManagerIsToldSo() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            Result r = e.run("docker node ls");
            assertEquals("Error response from daemon: " + Cluster.NOT_MANAGER + "\n", r.err());
            assertEquals(1, r.exitStatus());
            threeNodes(e);
            assertEquals("Error response from daemon: " + Cluster.WORKER + "\n", e.run("docker -H worker1 service ls").err());
            assertEquals("Error response from daemon: This node is already part of a swarm. Use \"docker swarm leave\" to leave this swarm and join"
                    + " another one.\n", e.run("docker swarm init").err());
        }
    }

    @Test
    void leaveMarksTheNodeDownAndRmRemovesIt() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            threeNodes(e);
            assertTrue(e.run("docker swarm leave").err().contains("Use `--force` to ignore this message."));
            assertTrue(e.run("docker node rm worker1").err().contains("is not down and can't be removed"));
            assertEquals("Node left the swarm.\n", ok(e, "docker -H worker1 swarm leave").out());
            assertTrue(ok(e, "docker node ls").out().contains("worker1         Down      Active"));
            assertEquals("worker1\n", ok(e, "docker node rm worker1").out());
            assertTrue(!ok(e, "docker node ls").out().contains("worker1"));
            assertEquals("worker2\n", ok(e, "docker node update --availability drain worker2").out());
            assertTrue(ok(e, "docker node inspect --pretty worker2").out().contains(" Availability:         \tDrain\n"));
        }
    }
}
