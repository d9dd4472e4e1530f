package dev.glassbox.world;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.trace.Trace;
import dev.glassbox.trace.TraceEvent;
import dev.glassbox.trace.TraceJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two sim hosts on one LAN: a container on one reaches a port published on the other by the LAN address. */
class WorldTest {
    /** glassbox-host (10.0.2.15) with a client container, node2 (10.0.2.16) with nginx published on 8080. */
    private static Engine twoHosts(World w) {
        Engine e = w.engine();
        assertEquals("node2\n", ok(e, "node add node2").out());
        ok(e, "docker -H node2 run -d --name web -p 8080:80 nginx");
        ok(e, "docker run -d --name client busybox sleep 1000");
        return e;
    }

    @Test
    void aContainerReachesAPortPublishedOnTheOtherHostByItsLanAddress() {
        try (World w = World.sim()) {
            Engine e = twoHosts(w);
            Result page = ok(e, "docker exec client wget -qO- http://10.0.2.16:8080/");
            assertTrue(page.out().contains("Welcome to nginx!"), page.text());
            List<String> hops = w.engine().lastTrace().events().stream().filter(ev -> !ev.host().isEmpty() && ev.layer().name().equals("KERNEL")
                    && ev.subsystem() != null && ev.subsystem().name().equals("NETWORK")).map(ev -> ev.host() + " " + ev.action()).toList();
            int masq = hops.indexOf("glassbox-host MASQUERADE");
            int lan = hops.indexOf("glassbox-host LAN");
            int dnat = hops.indexOf("node2 DNAT");
            int forward = hops.indexOf("node2 bridge forward");
            int connected = hops.indexOf("node2 connected");
            assertTrue(masq >= 0 && masq < lan && lan < dnat && dnat < forward && forward < connected, hops.toString());
            // nginx on node2 sees the connection come from glassbox-host's eth0: the source was masqueraded
            assertTrue(ok(e, "docker -H node2 logs web").out().contains("10.0.2.15 - - "), "masqueraded source");
            // each host has its own daemon: the other's containers are not in its list
            assertEquals("client\n", ok(e, "docker ps --format {{.Names}}").out());
            assertEquals("web\n", ok(e, "docker --host node2 ps --format {{.Names}}").out());
        }
    }

    @Test
    void eachHostDrawsItsOwnIdsFromItsOwnSeed() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            ok(e, "node add node2");
            String a = ok(e, "docker run -d busybox sleep 60").out().strip();
            String b = ok(e, "docker -H node2 run -d busybox sleep 60").out().strip();
            String hostA = w.engine().hostState().toString();
            String hostB = w.named("node2").orElseThrow().hostState().toString();
            for (int i = 0; i + 16 <= a.length(); i += 8) { // a stream shifted would show one host's ids among the other's overlay dirs
                assertFalse(hostB.contains(a.substring(i, i + 16)), "glassbox-host's id " + a + " in node2's state");
                assertFalse(hostA.contains(b.substring(i, i + 16)), "node2's id " + b + " in glassbox-host's state");
            }
        }
    }

    @Test
    void packetTraceShowsTheHopsOnBothHosts() {
        try (World w = World.sim()) {
            Engine e = twoHosts(w);
            Result r = ok(e, "packet trace client 10.0.2.16:8080");
            String out = r.out();
            assertTrue(out.contains("glassbox-host  MASQUERADE"), out);
            assertTrue(out.contains("glassbox-host  LAN             glassbox-host → node2"), out);
            assertTrue(out.contains("node2          DNAT            10.0.2.16:8080"), out);
            assertTrue(out.contains("node2          connected       172.17.0.2:80"), out);
            assertTrue(out.contains("headers: IP 10.0.2.15."), "after MASQUERADE the source is the host's: " + out);
            assertTrue(out.endsWith("  answered\n"), out);
        }
    }

    @Test
    void theGatewayAndUnusedLanAddressesStayOutside() {
        try (World w = World.sim()) {
            Engine e = twoHosts(w);
            Result r = e.run("packet trace client 10.0.2.17:8080");
            assertNotEquals(0, r.exitStatus());
            assertTrue(r.out().contains("blocked"), r.out());
        }
    }

    @Test
    void removingANodeStopsItsContainersAndItsAddressGoesSilent() {
        try (World w = World.sim()) {
            Engine e = twoHosts(w);
            Engine node2 = w.named("node2").orElseThrow();
            assertEquals("node2\n", ok(e, "node rm node2").out());
            List<String> stops = e.lastTrace().events().stream().filter(ev -> ev.action().equals("stop container") && ev.host().equals("node2"))
                    .map(TraceEvent::action).toList();
            assertFalse(stops.isEmpty(), "node2's daemon stopped web: " + e.lastTrace().events().stream().map(TraceEvent::action).toList());
            assertFalse(ok(e, "node ls").out().contains("node2"));
            assertTrue(e.state().path("world").isMissingNode(), "one host again: the state is a lone host's");
            Result gone = e.run("docker -H node2 ps");
            assertEquals("glassbox: no such node: node2\n", gone.err());
            Result silent = e.run("docker exec client wget -qO- -T 2 http://10.0.2.16:8080/");
            assertNotEquals(0, silent.exitStatus());
            assertEquals("exited", node2.hostState().at("/daemon/containers/web/status").asText(), "web was stopped, not left running");
            assertEquals(0, node2.hostState().at("/daemon/containers/web/pid").asInt());
        }
    }

    @Test
    void nodeLsMarksTheCurrentHostAndUseSwitchesIt() {
        try (World w = World.sim()) {
            Engine e = twoHosts(w);
            assertEquals("""
                    NAME              ADDRESS     CONTAINERS
                    glassbox-host *   10.0.2.15   1
                    node2             10.0.2.16   1
                    """, ok(e, "node ls").out());
            assertEquals("node2\nCurrent node is now \"node2\"\n", ok(e, "node use node2").out());
            assertEquals("web\n", ok(e, "docker ps --format {{.Names}}").out());
            assertTrue(ok(e, "node ls").out().contains("node2 *"));
            assertEquals("node2\n", ok(e, "docker run --rm --network host busybox hostname").out(), "node2's kernel has its own hostname");
        }
    }

    @Test
    void badNodeCommandsSayWhatIsWrongInOneLine() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            assertFail(e, "node use nosuch", "glassbox: no such node: nosuch\n");
            assertFail(e, "node add glassbox-host", "glassbox: node glassbox-host already exists\n");
            assertFail(e, "node add -bad", "glassbox: invalid node name \"-bad\": a hostname is letters, digits and '-' (labels of at most 63,"
                    + " not starting or ending with '-'), joined by dots\n");
            assertFail(e, "node rm glassbox-host", "glassbox: node glassbox-host is the first host, the one this session started on: it cannot be removed\n");
            for (int i = 2; i <= World.MAX_NODES; i++) {
                ok(e, "node add n" + i);
            }
            assertFail(e, "node add one-too-many", "glassbox: the world already has 8 nodes, its limit: remove one with 'node rm NAME' first\n");
            ok(e, "node use n3");
            assertFail(e, "node rm n3", "glassbox: node n3 is the current node: 'node use' another one first\n");
            Result flag = e.run("docker -H");
            assertEquals(125, flag.exitStatus());
            assertTrue(flag.err().startsWith("flag needs an argument: 'H' in -H\n"), flag.err());
            assertEquals(2, e.run("node frob").exitStatus());
        }
    }

    private static void assertFail(Engine e, String line, String err) {
        Result r = e.run(line);
        assertEquals(err, r.err(), line);
        assertNotEquals(0, r.exitStatus(), line);
    }

    @Test
    void theSameScriptGivesTheSameOutputAndTraceEveryTime() {
        assertEquals(script(), script());
    }

    private static List<String> script() {
        List<String> out = new ArrayList<>();
        try (World w = World.sim()) {
            Engine e = twoHosts(w);
            for (String line : List.of("docker exec client wget -qO- http://10.0.2.16:8080/", "packet trace client 10.0.2.16:8080",
                    "node add node3", "docker -H node3 run -d -p 9090:80 --name other nginx", "docker -H node3 ps", "node ls",
                    "docker -H node2 logs web", "node rm node3")) {
                Result r = e.run(line);
                out.add(r.text());
                out.add(TraceJson.trace(e.lastTrace()).toString());
            }
        }
        return out;
    }

    @Test
    void stateAtEachStepCoversBothHostsGoingForwardAndBack() {
        try (World w = World.sim()) {
            Engine e = twoHosts(w);
            ok(e, "docker -H node2 run -d --name api -p 9000:80 nginx");
            Trace t = e.lastTrace();
            JsonNode before = t.stateAt(-1);
            JsonNode after = t.stateAt(t.events().size() - 1);
            assertEquals(e.state(), after);
            assertEquals(1, before.at("/world/nodes/1/daemon/containers").size(), before.at("/world/nodes/1").toString());
            assertEquals(2, after.at("/world/nodes/1/daemon/containers").size());
            assertEquals(1, after.at("/daemon/containers").size(), "glassbox-host is untouched");
            JsonNode back = after;
            for (int i = t.events().size() - 1; i >= 0; i--) {
                back = t.undo(back, i);
            }
            assertEquals(before, back);
            assertTrue(t.events().stream().filter(ev -> ev.layer().name().equals("DAEMON")).allMatch(ev -> ev.host().equals("node2")),
                    "the daemon steps are node2's");
        }
    }

    @Test
    void withOneHostTheWorldIsALoneEngineByteForByte() {
        List<String> lines = List.of("docker run -d --name web -p 8080:80 nginx", "docker run --rm busybox wget -qO- http://10.0.2.15:8080/",
                "packet trace web 172.17.0.1", "docker ps -a", "node ls");
        try (World w = World.sim(); Engine alone = Engine.sim()) {
            for (String line : lines.subList(0, 4)) {
                Result a = w.engine().run(line);
                Result b = alone.run(line);
                assertEquals(b, a, line);
                assertEquals(TraceJson.trace(alone.lastTrace()).toString(), TraceJson.trace(w.engine().lastTrace()).toString(), line);
            }
            assertEquals("NAME              ADDRESS     CONTAINERS\nglassbox-host *   10.0.2.15   1\n", w.engine().run("node ls").out());
        }
    }
}
