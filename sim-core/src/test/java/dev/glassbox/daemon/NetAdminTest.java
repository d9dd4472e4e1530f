package dev.glassbox.daemon;

import static dev.glassbox.EngineAsserts.fails;
import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.trace.TraceEvent;
import org.junit.jupiter.api.Test;

/** With NET_ADMIN, ip really changes the container's network namespace; without it the kernel refuses, in busybox's words. */
class NetAdminTest {
    private static final String ADMIN = "docker run --rm --cap-add NET_ADMIN busybox sh -c ";

    @Test
    void addressesAndRoutesChangeAndShowInIpAndPing() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            assertEquals("default via 172.17.0.1 dev eth0 \n10.8.0.0/16 via 10.9.0.1 dev eth0 \n10.9.0.0/24 dev eth0 scope link  src 10.9.0.2 \n"
                    + "172.17.0.0/16 dev eth0 scope link  src 172.17.0.2 \n",
                    ok(e, ADMIN + "'ip addr add 10.9.0.2/24 dev eth0 && ip route add 10.8.0.0/16 via 10.9.0.1 && ip route'").out());
            assertTrue(ok(e, ADMIN + "'ip addr add 10.9.0.2/24 dev eth0 && ip addr show eth0'").out()
                    .contains("    inet 10.9.0.2/24 brd 10.9.0.255 scope global eth0\n"));
            assertEquals("172.17.0.0/16 dev eth0 scope link  src 172.17.0.2 \n",
                    ok(e, ADMIN + "'ip route del default && ip route'").out());
            Result down = e.run(ADMIN + "'ip link set eth0 down; ip route; ping -c 1 172.17.0.1'");
            assertEquals("PING 172.17.0.1 (172.17.0.1): 56 data bytes\n", down.out());
            assertEquals("ping: sendto: Network is unreachable\n", down.err());
            assertEquals(1, down.exitStatus());
            assertTrue(ok(e, ADMIN + "'ip link set eth0 down && ip link set eth0 up && ip route add default via 172.17.0.1 && ping -c 1 172.17.0.1'")
                    .out().contains("1 packets received"), "the connected route comes back with the link, the default route is added again");
            String link = ok(e, ADMIN + "'ip link set dev eth0 mtu 1400 && ip link set dev eth0 address 02:00:00:00:00:01 && ip link show eth0'").out();
            assertTrue(link.contains("mtu 1400 ") && link.contains("link/ether 02:00:00:00:00:01 "), link);
            assertTrue(ok(e, ADMIN + "'ip link set eth0 down && ip link set eth0 name net0 && ip link set net0 up && ip route'").out()
                    .contains("172.17.0.0/16 dev net0 scope link  src 172.17.0.2"));
        }
    }

    @Test
    void theKernelsErrorsAreBusyboxs() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            fails(e, ADMIN + "'ip addr add 172.17.0.2/16 dev eth0'", 2, "ip: RTNETLINK answers: File exists\n");
            fails(e, ADMIN + "'ip addr del 10.9.0.7/24 dev eth0'", 2, "ip: RTNETLINK answers: Cannot assign requested address\n");
            fails(e, ADMIN + "'ip addr add 10.9.0.2/24 dev eth9'", 1, "ip: can't find device 'eth9'\n");
            fails(e, ADMIN + "'ip route add 10.6.0.0/16 via 10.99.0.1'", 2, "ip: RTNETLINK answers: Network is unreachable\n");
            fails(e, ADMIN + "'ip route add default via 172.17.0.1'", 2, "ip: RTNETLINK answers: File exists\n");
            fails(e, ADMIN + "'ip route del 10.7.0.0/16'", 2, "ip: RTNETLINK answers: No such process\n");
            fails(e, ADMIN + "'ip link set dev eth9 up'", 2, "ip: SIOCGIFFLAGS: No such device\n");
            fails(e, ADMIN + "'ip link set eth0 name lo'", 2, "ip: SIOCSIFNAME: File exists\n");
            fails(e, ADMIN + "'ip link set eth0 name net0'", 2, "ip: SIOCSIFNAME: Device or resource busy\n");
            fails(e, ADMIN + "'ip link set dev eth0 mtu abc'", 2, "ip: invalid argument 'abc' to 'mtu'\n");
            fails(e, ADMIN + "'ip link set dev eth0 address zz'", 1, "ip: \"zz\" is invalid lladdr\n");
        }
    }

    @Test
    void withoutNetAdminNothingChangesAndEachChangeIsAKernelEvent() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker pull -q busybox");
            fails(e, "docker run --rm busybox ip addr add 10.9.0.2/24 dev eth0", 2, "ip: RTNETLINK answers: Operation not permitted\n");
            fails(e, "docker run --rm busybox ip route del default", 2, "ip: RTNETLINK answers: Operation not permitted\n");
            fails(e, "docker run --rm busybox ip link set eth0 down", 2, "ip: SIOCSIFFLAGS: Operation not permitted\n");
            ok(e, "docker run -d --name net busybox sleep 1000");
            fails(e, "docker exec net ip link set eth0 mtu 1400", 2, "ip: SIOCSIFMTU: Operation not permitted\n");
            assertTrue(ok(e, "docker exec net ip link show eth0").out().contains("mtu 1500 "));
            ok(e, "docker exec --privileged net ip link set eth0 mtu 1400");
            TraceEvent mtu = e.lastTrace().events().stream().filter(ev -> ev.action().equals("link set")).findFirst().orElseThrow();
            assertEquals("ip link set dev eth0 mtu 1400", mtu.equivalent());
            assertEquals("eth0", mtu.object());
            assertTrue(ok(e, "docker exec net ip link show eth0").out().contains("mtu 1400 "));
        }
    }
}
