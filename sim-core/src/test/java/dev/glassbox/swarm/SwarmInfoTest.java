package dev.glassbox.swarm;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.world.World;
import org.junit.jupiter.api.Test;

/** docker info's Swarm section follows the node in and out of the swarm. */
class SwarmInfoTest {
    @Test
    void infoShowsTheSwarmAsTheNodeSeesIt() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            assertTrue(ok(e, "docker info").out().contains("\n Swarm: inactive\n"));
            SwarmTest.threeNodes(e);
            String nodeId = ok(e, "docker node ls").out().lines().filter(l -> l.contains(" * ")).findFirst().orElseThrow().split(" ")[0];
            String manager = ok(e, "docker info").out();
            assertTrue(manager.contains("\n Swarm: active\n  NodeID: " + nodeId + "\n  Is Manager: true\n  ClusterID: "), manager);
            assertTrue(manager.contains("\n  Managers: 1\n  Nodes: 3\n  Default Address Pool: 10.0.0.0/8  \n  SubnetSize: 24\n  Data Path Port: 4789\n"), manager);
            assertTrue(manager.contains("\n  Node Address: 10.0.2.15\n  Manager Addresses:\n   10.0.2.15:2377\n Kernel Version: "), manager);
            String worker = ok(e, "docker -H worker1 info").out();
            assertTrue(worker.matches("(?s).*\n Swarm: active\n  NodeID: \\w{25}\n  Is Manager: false\n  Node Address: 10\\.0\\.2\\.16\n"
                    + "  Manager Addresses:\n   10\\.0\\.2\\.15:2377\n Kernel Version: .*"), worker);
            assertEquals("active true\n", ok(e, "docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'").out());
            ok(e, "docker -H worker1 swarm leave");
            assertTrue(ok(e, "docker -H worker1 info").out().contains("\n Swarm: inactive\n"));
            assertTrue(ok(e, "docker info").out().contains("\n  Nodes: 2\n"));
        }
    }
}
