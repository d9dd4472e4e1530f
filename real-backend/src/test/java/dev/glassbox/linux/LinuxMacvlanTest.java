package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The macvlan driver on the host's kernel: the parent is a dummy eth0 in a network namespace the daemon
 * makes under its state root (never the host's eth0); two containers, children of it, reach each other;
 * network rm takes the namespace away.
 */
class LinuxMacvlanTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "mvl";
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    @Test
    void twoContainersOnAMacvlanNetworkReachEachOtherAndNothingIsLeft() {
        Path ns = host.root.toAbsolutePath().normalize().resolve("run/netns/glassbox-lan");
        try (Engine e = LinuxEngine.open(host.options, true)) {
            Result bad = e.run("docker network create -d macvlan --subnet 192.168.50.0/24 -o parent=eth9 lan");
            assertEquals("Error response from daemon: invalid subinterface vlan name eth9, example formatting is eth0.10\n", bad.err());
            ok(e, "docker network create -d macvlan --subnet 192.168.50.0/24 -o parent=eth0 lan");
            assertTrue(Files.exists(ns), "the daemon's own namespace holds the parent");
            ok(e, "docker run -d --name mva --network lan busybox sleep 300");
            String addr = ok(e, "docker exec mva ip addr show eth0").out();
            assertTrue(addr.matches("(?s)\\d+: eth0@if\\d+: <BROADCAST,MULTICAST,UP,LOWER_UP.*"), addr);
            assertTrue(addr.contains("inet 192.168.50.2/24"), addr);
            Result ping = ok(e, "docker run --rm --network lan busybox ping -c 1 -W 2 192.168.50.2");
            assertTrue(ping.out().contains("1 packets received"), ping.out());
            Cmd.Result hostLinks = Cmd.run(java.util.List.of("ip", "-o", "link", "show", "type", "macvlan"), 10_000);
            assertFalse(hostLinks.stdout().contains("192.168.50"), "no child on the host");
            ok(e, "docker rm -f mva");
            ok(e, "docker network rm lan");
            assertFalse(Files.exists(ns), "network rm takes the namespace away");
        }
    }

    @Test
    void ipvlanIsRefusedInOneLineOnTheLinuxKernel() {
        try (Engine e = LinuxEngine.open(host.options, true)) {
            Result r = e.run("docker network create -d ipvlan --subnet 192.168.51.0/24 -o parent=eth0 ivl");
            assertEquals(1, r.exitStatus());
            assertEquals("Error response from daemon: glassbox: ipvlan networks run on the sim kernel only; this kernel does not offer the"
                    + " ipvlan driver\n", r.err());
            assertFalse(ok(e, "docker network ls").out().contains("ivl"));
        }
    }
}
