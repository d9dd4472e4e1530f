package dev.glassbox;

import static dev.glassbox.EngineAsserts.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.api.Api;
import org.junit.jupiter.api.Test;

/** docker stats' NET I/O reads the sim kernel's per-interface counters, which count the frames that crossed each link. */
class NetIoStatsTest {
    @Test
    void trafficShowsInNetIoOnBothEnds() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name web nginx");
            ok(e, "docker run -d --name cli busybox sleep 300");
            assertEquals("0B / 0B\n", ok(e, "docker stats --no-stream --format '{{.NetIO}}' web").out(), "no traffic yet");
            Result page = ok(e, "docker exec cli wget -qO- http://172.17.0.2/");
            Api.Stats web = e.api().stats("web");
            Api.Stats cli = e.api().stats("cli");
            assertEquals(java.util.Set.of("eth0"), web.networks().keySet(), "loopback is not counted");
            assertTrue(web.txBytes() > page.out().length(), "nginx sent the page and the headers: " + web);
            assertEquals(web.txBytes(), cli.rxBytes(), "what one end sent over the bridge the other received");
            assertEquals(web.rxBytes(), cli.txBytes());
            assertEquals(web.networks().get("eth0").txPackets(), cli.networks().get("eth0").rxPackets());
            String io = ok(e, "docker stats --no-stream --format '{{.NetIO}}' web").out();
            assertTrue(io.matches("\\d+(\\.\\d+)?k?B / \\d+(\\.\\d+)?k?B\n") && !io.equals("0B / 0B\n"), io);
            long before = e.api().stats("cli").txBytes();
            ok(e, "docker exec cli ping -c 2 172.17.0.2");
            assertEquals(before + 2 * 98, e.api().stats("cli").txBytes(), "two echo requests of 98 bytes each");
        }
    }

    @Test
    void aContainerWithoutANetworkHasNoCounters() {
        try (Engine e = Engine.sim()) {
            ok(e, "docker run -d --name lone --network none busybox sleep 300");
            assertEquals("0B / 0B\n", ok(e, "docker stats --no-stream --format '{{.NetIO}}' lone").out());
            assertTrue(e.api().stats("lone").networks().isEmpty());
        }
    }
}
