package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.world.World;
import org.junit.jupiter.api.Test;

/**
 * The ipvlan driver (l2) on the sim kernel: like macvlan, containers are children of eth0 on the world's LAN, but they
 * share eth0's MAC address and are told apart by IP; the host still cannot reach its own children.
 */
class IpvlanTest {
    private static final String LAN = "docker network create -d ipvlan --subnet 10.0.2.0/24 --ip-range 10.0.2.128/25 --gateway 10.0.2.2"
            + " -o parent=eth0 lan";

    @Test
    void childrenShareTheParentsMacAndReachEachOtherAndTheOtherHosts() {
        try (World w = World.sim()) {
            Engine e = w.engine();
            ok(e, "node add node2");
            ok(e, LAN);
            assertEquals("ipvlan map[parent:eth0]\n", ok(e, "docker network inspect -f '{{.Driver}} {{.Options}}' lan").out());
            ok(e, "docker run -d --name ca --network lan busybox sleep 1000");
            ok(e, "docker run -d --name cb --network lan busybox sleep 1000");
            String addr = ok(e, "docker exec ca ip addr show eth0").out();
            assertTrue(addr.contains("link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff"), "eth0's own MAC: " + addr);
            assertTrue(addr.contains("inet 10.0.2.128/24"), addr);
            String trace = ok(e, "packet trace ca 10.0.2.129").out();
            assertTrue(trace.contains(" ipvlan l2 ") && trace.contains("are ipvlan children of eth0"), trace);
            // another host on the LAN reaches the container at its own address; ARP answers with eth0's MAC
            String lan = ok(e, "docker -H node2 run --rm busybox ping -c 1 10.0.2.128").out();
            assertTrue(lan.contains("1 packets received"), lan);
            ok(e, "node use node2");
            ok(e, "docker run -d --name probe busybox sleep 1000");
            String across = ok(e, "packet trace probe 10.0.2.128").out();
            assertTrue(across.contains("the ipvlan child eth0 (52:54:00:12:34:56) that hangs off eth0 of glassbox-host answered ARP"), across);
            ok(e, "node use glassbox-host");
            // the host cannot reach its own ipvlan children through their parent
            assertEquals(1, e.run("docker run --rm --network host busybox ping -c 1 -W 1 10.0.2.128").exitStatus());
            ok(e, "docker rm -f ca cb");
            ok(e, "docker network rm lan");
        }
    }
}
