package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.api.Api;
import org.junit.jupiter.api.Test;

/** docker stats' NET I/O on the Linux kernel reads the kernel's counters of the container's interfaces. */
class LinuxNetIoStatsTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "nio";
    }

    private static String ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r.out();
    }

    @Test
    void trafficBetweenTwoContainersShowsInBothCounters() {
        try (Engine e = LinuxEngine.open(host.options)) {
            ok(e, "docker pull -q busybox");
            ok(e, "docker run -d --name web busybox sh -c 'mkdir /www && head -c 20000 /dev/zero | tr \"\\\\0\" x > /www/index.html && httpd -f -p 80 -h /www'");
            ok(e, "docker run -d --name cli busybox sleep 60");
            String ip = ok(e, "docker inspect -f '{{.NetworkSettings.IPAddress}}' web").strip();
            long before = e.api().stats("web").txBytes();
            String page = "";
            for (int i = 0; i < 50 && page.length() < 20000; i++) {
                page = e.run("docker exec cli wget -qO- http://" + ip + "/").out();
            }
            assertEquals(20000, page.length(), "the page came");
            Api.Stats web = e.api().stats("web");
            Api.Stats cli = e.api().stats("cli");
            assertTrue(web.networks().containsKey("eth0") && !web.networks().containsKey("lo"), web.networks().toString());
            assertTrue(web.txBytes() - before > 20000, "the server sent the page: " + web);
            assertTrue(cli.rxBytes() > 20000, "the client received it: " + cli);
            String io = ok(e, "docker stats --no-stream --format '{{.NetIO}}' web");
            assertTrue(io.matches("\\d+(\\.\\d+)?k?B / \\d+(\\.\\d+)?kB\n"), "received / sent: the request in, the page out: " + io);
            ok(e, "docker rm -f web cli");
        }
    }
}
