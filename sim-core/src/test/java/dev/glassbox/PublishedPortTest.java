package dev.glassbox;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.kernel.NatRule;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Subsystem;
import dev.glassbox.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A published port as Docker's default (userland-proxy=true) makes it: a DNAT rule for the host's
 * addresses, and docker-proxy for 127.0.0.1, which the nat table never sees.
 */
class PublishedPortTest {
    private static List<String> kernelNet(Engine e) {
        return e.lastTrace().events().stream().filter(ev -> ev.layer() == Layer.KERNEL && ev.subsystem() == Subsystem.NETWORK)
                .map(TraceEvent::action).toList();
    }

    @Test
    void ruleAndProxyRenderDockersOwnCommands() {
        NatRule r = new NatRule("tcp", "0.0.0.0", 8080, "172.17.0.2", 80, "docker0");
        assertEquals("iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80", r.iptables());
        assertEquals("iptables -t nat -A GLASSBOX-glassbox0 ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
                r.iptables("GLASSBOX-glassbox0"));
        assertEquals("docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80", r.proxyCommand());
        assertEquals("-d 127.0.0.1/32 ! -i docker0 -p udp -m udp --dport 53 -j DNAT --to-destination 172.17.0.3:53",
                new NatRule("udp", "127.0.0.1", 53, "172.17.0.3", 53, "docker0").ruleSpec());
    }

    @Test
    void runAddsTheRuleThenStartsTheProxyAndRmTakesBothAwayInReverse() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d -p 8080:80 --name web nginx");
            List<String> up = kernelNet(e);
            assertTrue(up.indexOf("add DNAT rule") >= 0 && up.indexOf("start docker-proxy") == up.indexOf("add DNAT rule") + 1, up.toString());
            TraceEvent start = e.lastTrace().events().stream().filter(ev -> ev.action().equals("start docker-proxy")).findFirst().orElseThrow();
            assertEquals("docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80", start.equivalent());
            assertEquals(1, e.state().at("/host/nat").size());
            assertEquals(1, e.state().at("/host/proxies").size());
            assertEquals(8080, e.state().at("/host/proxies/0/hostPort").asInt());
            ok(e, "docker rm -f web");
            List<String> down = kernelNet(e);
            assertTrue(down.indexOf("stop docker-proxy") >= 0 && down.indexOf("delete DNAT rule") == down.indexOf("stop docker-proxy") + 1,
                    down.toString());
            assertEquals(0, e.state().at("/host/nat").size());
            assertEquals(0, e.state().at("/host/proxies").size());
        }
    }

    @Test
    void fromTheHostLoopbackGoesThroughTheProxyAndOtherAddressesThroughDnat() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d -p 8080:80 --name web nginx");
            Result loop = ok(e, "docker run --rm --network host busybox wget -qO- http://127.0.0.1:8080/");
            assertTrue(loop.out().contains("Welcome to nginx!"), loop.text());
            List<String> viaLoopback = kernelNet(e);
            assertTrue(viaLoopback.contains("proxy") && viaLoopback.contains("bridge forward"), viaLoopback.toString());
            assertFalse(viaLoopback.contains("DNAT"), "loopback traffic is not NATed: " + viaLoopback);
            assertTrue(ok(e, "docker logs web").out().contains("172.17.0.1 - - "), "nginx sees docker-proxy's connection, from the gateway");

            for (String address : List.of("172.17.0.1", "10.0.2.15")) {
                Result direct = ok(e, "docker run --rm --network host busybox wget -qO- http://" + address + ":8080/");
                assertTrue(direct.out().contains("Welcome to nginx!"), direct.text());
                List<String> viaDnat = kernelNet(e);
                assertTrue(viaDnat.contains("DNAT"), viaDnat.toString());
                assertFalse(viaDnat.contains("proxy"), address + " is the nat table's: " + viaDnat);
            }
        }
    }

    @Test
    void withoutItsProxyAPublishedPortIsRefusedOnLoopbackAndTheRuleAloneStillServesTheOtherAddresses() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d -p 8080:80 --name web nginx");
            ok(e, "docker rm -f web");
            ok(e, "docker run -d -p 8081:80 --name web2 nginx");
            assertEquals(1, e.run("docker run --rm --network host busybox wget -qO- http://127.0.0.1:8080/").exitStatus(), "withdrawn");
            Result other = e.run("docker run --rm --network host busybox wget -qO- http://127.0.0.1:9999/");
            assertEquals(1, other.exitStatus(), "never published: " + other.text());
            assertTrue(ok(e, "docker run --rm --network host busybox wget -qO- http://127.0.0.1:8081/").out().contains("Welcome to nginx!"));
        }
    }

    @Test
    void aHostIpBindingListensOnThatAddressOnly() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d -p 127.0.0.1:8080:80 --name web nginx");
            assertTrue(ok(e, "docker run --rm --network host busybox wget -qO- http://127.0.0.1:8080/").out().contains("Welcome to nginx!"));
            assertEquals(1, e.run("docker run --rm --network host busybox wget -qO- http://10.0.2.15:8080/").exitStatus(),
                    "the rule matches -d 127.0.0.1 only, and nothing listens on 10.0.2.15:8080");
        }
    }

    @Test
    void packetTraceShowsTheProxyHopForLoopbackAndTheDnatHopForTheGateway() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web -p 8080:80 nginx");
            ok(e, "docker run -d --name hostcli --network host busybox sleep 300");
            assertEquals(List.of("proxy", "route", "bridge forward", "veth", "connected"), hops(ok(e, "packet trace hostcli 127.0.0.1:8080")));
            assertEquals(List.of("DNAT", "route", "bridge forward", "veth", "connected"), hops(ok(e, "packet trace hostcli 172.17.0.1:8080")));
        }
    }

    @Test
    void aContainerReachesAPublishedPortOnItsGatewayThroughTheProxyAsTheRuleSkipsItsBridge() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web -p 8080:80 nginx");
            Result r = ok(e, "docker run --rm busybox wget -qO- http://172.17.0.1:8080/");
            assertTrue(r.out().contains("Welcome to nginx!"), r.text());
            List<String> net = kernelNet(e);
            assertTrue(net.contains("proxy"), net.toString());
            assertFalse(net.contains("DNAT"), "! -i docker0: the rule does not rewrite a container's packets: " + net);
            ok(e, "docker run -d --name cli busybox sleep 300");
            assertEquals(List.of("route", "veth", "proxy", "route", "bridge forward", "veth", "connected"),
                    hops(ok(e, "packet trace cli 172.17.0.1:8080")));
            ok(e, "docker run -d --name lo -p 127.0.0.1:8081:80 nginx");
            assertEquals(1, e.run("docker run --rm busybox wget -qO- http://172.17.0.1:8081/").exitStatus(),
                    "a port published on 127.0.0.1 only is not reachable on the gateway");
        }
    }

    @Test
    void aContainerReachesAPublishedPortOnTheHostsOwnAddressThroughTheProxy() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web -p 8080:80 nginx");
            ok(e, "docker run -d --name cli busybox sleep 300");
            Result r = ok(e, "docker exec cli wget -qO- http://10.0.2.15:8080/");
            assertTrue(r.out().contains("Welcome to nginx!"), r.text());
            Result t = ok(e, "packet trace cli 10.0.2.15:8080");
            assertEquals(List.of("route", "veth", "proxy", "route", "bridge forward", "veth", "connected"), hops(t), t.out());
            assertEquals(List.of("route", "veth", "echo reply"), hops(ok(e, "packet trace cli 10.0.2.15")), "the host answers a ping on eth0's address");
        }
    }

    @Test
    void packetTraceShowsWholeTcpHeadersAndALocalSourceAddress() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web -p 8080:80 nginx");
            ok(e, "docker run -d --name hostcli --network host busybox sleep 300");
            Result t = ok(e, "packet trace hostcli 10.0.2.15:8080");
            assertTrue(t.out().contains("      headers: IP 10.0.2.15.32768 > 10.0.2.15.8080: Flags [S], ttl 64\n"), t.out());
        }
    }

    private static List<String> hops(Result r) {
        return r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+.*")).map(l -> l.trim().split("\\s{2,}")[1]).toList();
    }
}
