package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.fails;
import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Subsystem;
import java.util.List;
import dev.glassbox.world.World;
import org.junit.jupiter.api.Test;

/**
 * The macvlan driver on the sim kernel: containers are children of the host's eth0, stations of their own on
 * the world's LAN 10.0.2.0/24 beside the hosts, with no bridge and no NAT; the host cannot reach its own.
 */
class MacvlanTest {
    private static final String LAN = "docker network create -d macvlan --subnet 10.0.2.0/24 --ip-range 10.0.2.128/25 --gateway 10.0.2.2 -o parent=eth0 lan";

    private static Engine withLan(World w) {
        Engine e = w.engine();
        ok(e, LAN);
        ok(e, "docker run -d --name ca --network lan busybox sleep 1000");
        ok(e, "docker run -d --name cb --network lan busybox sleep 1000");
        return e;
    }

    @Test
    void inspectShowsTheDriverTheParentAndTheRange() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            ok(e, LAN);
            assertEquals("macvlan map[parent:eth0]\n", ok(e, "docker network inspect -f '{{.Driver}} {{.Options}}' lan").out());
            assertEquals("[{\"Subnet\":\"10.0.2.0/24\",\"IPRange\":\"10.0.2.128/25\",\"Gateway\":\"10.0.2.2\"}]\n",
                    ok(e, "docker network inspect -f '{{json .IPAM.Config}}' lan").out());
            assertTrue(ok(e, "docker network ls --format '{{.Name}} {{.Driver}}'").out().contains("lan macvlan\n"));
        }
    }

    @Test
    void theContainerHasItsOwnMacOnAChildOfEth0AndNoBridge() {
        try (World w = World.sim()) {
            Engine e = withLan(w);
            String addr = ok(e, "docker exec ca ip addr show eth0").out();
            assertTrue(addr.matches("(?s)\\d+: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP.*"), addr);
            assertTrue(addr.contains("link/ether 02:42:0a:00:02:80 brd ff:ff:ff:ff:ff:ff"), addr);
            assertTrue(addr.contains("inet 10.0.2.128/24"), addr);
            assertEquals("10.0.2.129\n", ok(e, "docker inspect -f '{{.NetworkSettings.Networks.lan.IPAddress}}' cb").out());
            Result route = ok(e, "docker exec ca ip route");
            assertTrue(route.out().startsWith("default via 10.0.2.2 dev eth0"), route.out());
            Result host = ok(e, "docker run --rm --network host busybox ip link");
            assertFalse(host.out().contains("veth"), "no veth on the host: " + host.out());
        }
    }

    @Test
    void containersOnOneParentReachEachOtherInsideIt() {
        try (World w = World.sim()) {
            Engine e = withLan(w);
            Result ping = ok(e, "docker exec ca ping -c 1 10.0.2.129");
            assertTrue(ping.out().contains("1 packets received"), ping.out());
            Result trace = ok(e, "packet trace ca 10.0.2.129");
            assertTrue(trace.out().contains("macvlan bridge"), trace.out());
            assertFalse(trace.out().contains("bridge forward"), trace.out());
            assertFalse(trace.out().contains("NAT"), trace.out());
            assertFalse(trace.out().contains("veth"), trace.out());
        }
    }

    @Test
    void theHostCannotReachItsOwnMacvlanContainersNorTheyIt() {
        try (World w = World.sim()) {
            Engine e = withLan(w);
            Result fromHost = e.run("docker run --rm --network host busybox ping -c 1 -W 1 10.0.2.128");
            assertNotEquals(0, fromHost.exitStatus(), fromHost.text());
            assertTrue(fromHost.out().contains("0 packets received"), fromHost.text());
            Result toHost = e.run("docker exec ca ping -c 1 -W 1 10.0.2.15");
            assertNotEquals(0, toHost.exitStatus(), toHost.text());
        }
    }

    @Test
    void anotherHostOnTheLanReachesTheContainerDirectly() {
        try (World w = World.sim()) {
            Engine e = withLan(w);
            ok(e, "node add node2");
            ok(e, "docker run -d --name web --network lan nginx");
            Result ping = ok(e, "docker -H node2 run --rm --network host busybox ping -c 1 10.0.2.130");
            assertTrue(ping.out().contains("1 packets received"), ping.out());
            Result page = ok(e, "docker -H node2 run --rm --network host busybox wget -qO- http://10.0.2.130/");
            assertTrue(page.out().contains("Welcome to nginx!"), page.text());
            List<String> hops = e.lastTrace().events().stream().filter(ev -> ev.layer() == Layer.KERNEL && ev.subsystem() == Subsystem.NETWORK
                    && List.of("route", "LAN", "DNAT", "MASQUERADE", "bridge forward", "connected").contains(ev.action())).map(ev -> ev.host() + " " + ev.action() + ": " + ev.sentence()).toList();
            assertTrue(hops.stream().anyMatch(h -> h.startsWith("node2 LAN: ") && h.contains("the macvlan child eth0 (02:42:0a:00:02:82)")), hops.toString());
            assertTrue(hops.stream().noneMatch(h -> h.contains("DNAT") || h.contains("MASQUERADE") || h.contains("bridge forward")), hops.toString());
            String log = ok(e, "docker logs web").out();
            assertTrue(log.contains("\n10.0.2.16 - - "), "the source is node2's own address, no NAT on the way: " + log);
            Result back = ok(e, "docker exec ca ping -c 1 10.0.2.16");
            assertTrue(back.out().contains("1 packets received"), back.out());
        }
    }

    @Test
    void withoutAParentTheDriverMakesADummyAndItsContainersReachOnlyEachOther() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            String id = ok(e, "docker network create -d macvlan --subnet 192.168.50.0/24 iso").out().strip();
            assertEquals("map[]\n", ok(e, "docker network inspect -f '{{.Options}}' iso").out());
            assertTrue(ok(e, "docker run --rm --network host busybox ip link").out().contains("dm-" + id.substring(0, 12)));
            ok(e, "docker run -d --name cx --network iso busybox sleep 1000");
            ok(e, "docker run -d --name cy --network iso busybox sleep 1000");
            assertTrue(ok(e, "docker exec cx ping -c 1 192.168.50.3").out().contains("1 packets received"));
            assertNotEquals(0, e.run("docker exec cx ping -c 1 -W 1 10.0.2.15").exitStatus());
            ok(e, "docker rm -f cx cy");
            ok(e, "docker network rm iso");
            assertFalse(ok(e, "docker run --rm --network host busybox ip link").out().contains("dm-"), "the dummy goes with the network");
        }
    }

    @Test
    void badInputIsRefusedInDockersWordsAndChangesNothing() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            fails(e, "docker network create -d macvlan --subnet 192.168.50.0/24 -o parent=eth9 lan", 1,
                    "Error response from daemon: invalid subinterface vlan name eth9, example formatting is eth0.10\n");
            fails(e, "docker network create -d macvlan --subnet 192.168.50.0/24 -o parent=lo lan", 1,
                    "Error response from daemon: loopback interface is not a valid macvlan parent link\n");
            fails(e, "docker network create -d macvlan --subnet 192.168.50.0/24 -o parent=eth0 -o macvlan_mode=wide lan", 1,
                    "Error response from daemon: requested macvlan mode 'wide' is not valid, 'bridge' mode is the macvlan driver default\n");
            fails(e, "docker network create -d macvlan --gateway 10.0.2.2 -o parent=eth0 lan", 1,
                    "every ip-range or gateway must have a corresponding subnet\n");
            assertFalse(ok(e, "docker network ls --format '{{.Name}}'").out().contains("lan"));
            ok(e, "docker network create -d macvlan --subnet 192.168.50.0/24 -o parent=eth0 lan");
            fails(e, "docker network create -d macvlan --subnet 192.168.50.128/25 -o parent=eth0 lan2", 1,
                    "Error response from daemon: invalid pool request: Pool overlaps with other one on this address space\n");
            ok(e, "docker network create -d macvlan --subnet 192.168.60.0/24 -o parent=eth0 lan2");
            fails(e, "docker network create -d macvlan --subnet 192.168.70.0/24 -o parent=eth0 -o macvlan_mode=passthru lan3", 1,
                    "Error response from daemon: cannot use mode passthru, macvlan network "
                            + ok(e, "docker network inspect -f '{{.Id}}' lan").out().strip() + " is already using parent interface eth0\n");
        }
    }

    @Test
    void connectAndDisconnectAddAndTakeAwayAMacvlanChild() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            ok(e, LAN);
            ok(e, "docker run -d --name cc busybox sleep 1000");
            ok(e, "docker network connect lan cc");
            String addr = ok(e, "docker exec cc ip addr show eth1").out();
            assertTrue(addr.contains("eth1@if2") && addr.contains("inet 10.0.2.128/24"), addr);
            ok(e, "docker network disconnect lan cc");
            fails(e, "docker exec cc ip addr show eth1", 1, "ip: can't find device 'eth1'\n");
            ok(e, "docker network rm lan");
        }
    }
}
