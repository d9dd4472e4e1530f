package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** docker ps and docker port name the addresses where a published port answers on the Linux kernel, and it answers on each. */
class LinuxPublishedPortsTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "pub";
    }

    private static String ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r.out();
    }

    private static boolean answers(String ip, int port) {
        for (int i = 0; i < 50; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(ip, port), 500);
                return true;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    @Test
    void thePortsColumnShowsLoopbackAndTheGatewayWhereThePortAnswers() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (Engine e = LinuxEngine.open(host.options)) {
            ok(e, "docker pull -q busybox");
            ok(e, "docker run -d -p " + port + ":80 --name web busybox httpd -f -p 80");
            String gateway = ok(e, "docker network inspect -f '{{(index .IPAM.Config 0).Gateway}}' bridge").strip();
            String ports = ok(e, "docker ps --format '{{.Ports}}'");
            assertEquals("127.0.0.1:" + port + "->80/tcp, " + gateway + ":" + port + "->80/tcp\n", ports);
            assertEquals("80/tcp -> 127.0.0.1:" + port + "\n80/tcp -> " + gateway + ":" + port + "\n", ok(e, "docker port web"));
            assertTrue(answers("127.0.0.1", port), "the port answers on loopback");
            assertTrue(answers(gateway, port), "the port answers on the gateway " + gateway);
            assertEquals("\n", ok(e, "docker inspect -f '{{(index (index .HostConfig.PortBindings \"80/tcp\") 0).HostIp}}' web"),
                    "the request is kept as it was made");
            ok(e, "docker rm -f web");
        }
    }
}
