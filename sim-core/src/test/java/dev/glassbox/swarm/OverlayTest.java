package dev.glassbox.swarm;

import static dev.glassbox.EngineAsserts.fails;
import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.daemon.SwarmNetworks;
import dev.glassbox.world.World;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Overlay networks across the hosts of a swarm: the ingress network, attachable overlays, VXLAN between hosts. */
class OverlayTest {
    private static final Pattern HOP = Pattern.compile("^\\s+\\d+\\s+(\\S+)\\s+(.+?)\\s{2,}", Pattern.MULTILINE);

    /** "host action" of each hop of a packet trace, in order. */
    static List<String> hops(String trace) {
        Matcher m = HOP.matcher(trace);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2).strip());
        }
        return out;
    }

    @Test
    void outsideASwarmOverlayIsRefusedAndTheWorldIsUnchanged() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            String before = ok(e, "docker network ls").out();
            fails(e, "docker network create -d overlay appnet", 1, "Error response from daemon: " + SwarmNetworks.NOT_MANAGER + "\n");
            assertEquals(before, ok(e, "docker network ls").out());
        }
    }

    @Test
    void swarmInitGivesEveryNodeTheIngressNetworkAndWorkersCannotCreateOverlays() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            SwarmTest.threeNodes(e);
            for (String host : List.of("glassbox-host", "worker1", "worker2")) {
                String ls = ok(e, "docker -H " + host + " network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'").out();
                assertTrue(ls.contains("ingress overlay swarm\n"), ls);
            }
            String inspect = ok(e, "docker network inspect -f '{{.Ingress}} {{.Attachable}} {{json .IPAM.Config}} {{json .Options}}' ingress").out();
            assertEquals("true false [{\"Subnet\":\"10.0.0.0/24\",\"Gateway\":\"10.0.0.1\"}] "
                    + "{\"com.docker.network.driver.overlay.vxlanid_list\":\"4096\"}\n", inspect);
            // each node's load balancer has its own ingress address: the host's side of the routing mesh
            String links = ok(e, "docker -H worker1 network inspect -f '{{.Id}}' ingress").out();
            assertEquals(26, links.length(), links);
            fails(e, "docker -H worker1 network create -d overlay appnet", 1, "Error response from daemon: Cannot create a multi-host network"
                    + " from a worker node. Please create the network from a manager node.\n");
            ok(e, "docker network create -d overlay appnet");
            fails(e, "docker network create -d overlay appnet", 1, "Error response from daemon: network with name appnet already exists\n");
            assertEquals("10.0.1.0/24 4097 false\n", ok(e, "docker network inspect -f '{{(index .IPAM.Config 0).Subnet}} "
                    + "{{index .Options \"com.docker.network.driver.overlay.vxlanid_list\"}} {{.Attachable}}' appnet").out());
        }
    }

    @Test
    void containersOnAnAttachableOverlayReachEachOtherAcrossHostsThroughVxlan() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            SwarmTest.threeNodes(e);
            ok(e, "docker network create -d overlay --attachable appnet");
            ok(e, "docker -H worker1 run -d --name c1 --network appnet busybox sleep 1000");
            ok(e, "docker -H worker2 run -d --name c2 --network appnet busybox sleep 1000");
            String ip1 = ok(e, "docker -H worker1 inspect -f '{{.NetworkSettings.Networks.appnet.IPAddress}}' c1").out().strip();
            String ip2 = ok(e, "docker -H worker2 inspect -f '{{.NetworkSettings.Networks.appnet.IPAddress}}' c2").out().strip();
            assertEquals("10.0.1.2", ip1);
            assertEquals("10.0.1.3", ip2); // one IPAM for the swarm: worker2 does not hand out worker1's address again
            ok(e, "docker -H worker1 exec c1 ping -c 1 " + ip2);
            // the overlay's embedded DNS knows the containers on the other hosts too, while they run
            assertTrue(ok(e, "docker -H worker1 exec c1 ping -c 1 c2").out().startsWith("PING c2 (" + ip2 + "): 56 data bytes\n"));
            ok(e, "node use worker1");
            String trace = ok(e, "packet trace c1 " + ip2).out();
            assertEquals(List.of("worker1 route", "worker1 veth", "worker1 bridge forward", "worker1 VXLAN encap", "worker1 LAN",
                    "worker2 VXLAN decap", "worker2 bridge forward", "worker2 veth", "worker2 echo reply"), hops(trace));
            assertTrue(trace.contains("outer:   IP 10.0.2.16."), trace);
            assertTrue(trace.contains(" > 10.0.2.17.4789: VXLAN, flags [I] (0x08), vni 4097\n      headers: IP " + ip1 + " > " + ip2
                    + ": ICMP echo request"), trace);
            // the overlay's bridge has no address on the host: the host has no route into the overlay
            assertTrue(e.run("docker -H worker2 run --rm busybox ping -c 1 -W 1 " + ip1).err().contains("Network is unreachable"));
            ok(e, "docker -H worker2 stop -t 0 c2");
            assertEquals(1, e.run("docker -H worker1 exec c1 ping -c 1 -W 1 c2").exitStatus());
            ok(e, "docker -H worker2 start c2");
            // the manager will not remove an overlay that containers on other hosts are using
            String busy = e.run("docker network rm appnet").err();
            assertTrue(busy.startsWith("Error response from daemon: error while removing network: network appnet has active endpoints (name:\"c1\" id:\""), busy);
            // a network that is not attachable is for services only
            ok(e, "node use glassbox-host");
            ok(e, "docker network create -d overlay private");
            fails(e, "docker -H worker1 run --rm --network private busybox true", 125, "docker: Error response from daemon: Could not attach"
                    + " to network private: rpc error: code = PermissionDenied desc = network private not manually attachable\n\nRun 'docker run"
                    + " --help' for more information\n");
        }
    }

    @Test
    void serviceTasksJoinTheirOverlayAndTheNameResolvesToTheVirtualIp() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            SwarmTest.threeNodes(e);
            ok(e, "docker network create -d overlay --attachable appnet");
            ok(e, "docker service create -d --name api --replicas 2 --network appnet nginx");
            ok(e, "docker -H worker2 run -d --name client --network appnet busybox sleep 1000");
            String hosts = ok(e, "docker -H worker2 exec client cat /etc/hosts").out();
            String vip = ok(e, "docker -H worker2 exec client nslookup api").out();
            assertTrue(vip.contains("Name:\tapi\nAddress: 10.0.1.2\n"), vip); // the VIP, allocated before the tasks
            assertTrue(hosts.contains("10.0.1.3\ttasks.api\n") && hosts.contains("10.0.1.4\ttasks.api\n"), hosts);
            ok(e, "node use worker2");
            List<String> first = hops(ok(e, "packet trace client api:80").out());
            List<String> second = hops(ok(e, "packet trace client api:80").out());
            assertEquals("worker2 IPVS", first.get(0));
            // round robin over the tasks in slot order: api.1 on glassbox-host, then api.2 on worker1
            assertEquals("glassbox-host connected", first.get(first.size() - 1));
            assertEquals("worker1 connected", second.get(second.size() - 1));
            assertTrue(first.contains("worker2 VXLAN encap") && first.contains("glassbox-host VXLAN decap"), first.toString());
            ok(e, "node use glassbox-host");
            assertEquals("api\n", ok(e, "docker service rm api").out());
            fails(e, "docker service create --name bad --network nosuch nginx", 1, "Error response from daemon: network nosuch not found\n");
        }
    }

    @Test
    void leavingTheSwarmTakesTheNodesOverlaysAway() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            SwarmTest.threeNodes(e);
            ok(e, "docker network create -d overlay --attachable appnet");
            ok(e, "docker service create -d --name api --replicas 3 --network appnet nginx");
            ok(e, "docker -H worker1 swarm leave");
            String ls = ok(e, "docker -H worker1 network ls --format '{{.Name}}'").out();
            assertEquals("bridge\nhost\nnone\n", ls);
            assertEquals("", ok(e, "docker -H worker1 ps -aq").out());
            String ps = ok(e, "docker service ps api").out();
            assertEquals(3, ps.lines().filter(l -> l.contains("Running         Running")).count(), ps);
            assertEquals(1, e.run("docker network rm appnet").exitStatus());
            ok(e, "docker service rm api");
            ok(e, "docker network rm appnet");
            assertFalse(ok(e, "docker -H worker2 network ls").out().contains("appnet"));
        }
    }
}
