package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.kernel.NatRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The userland proxy on loopback, against a local echo server: no root needed. */
class PortProxyTest {
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** An upstream that answers each connection with "hello " and the first line it got. */
    private static ServerSocket upstream() throws IOException {
        ServerSocket up = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!up.isClosed()) {
                try (Socket c = up.accept()) {
                    String line = new String(c.getInputStream().readNBytes(3), StandardCharsets.UTF_8);
                    c.getOutputStream().write(("hello " + line).getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return up;
    }

    private static String ask(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            out.write("abc".getBytes(StandardCharsets.UTF_8));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void relaysOnLoopbackAndIsClosedTheMomentItIsWithdrawn() throws IOException {
        List<Double> millis = new ArrayList<>();
        try (ServerSocket up = upstream(); PortProxy proxy = new PortProxy()) {
            for (int i = 0; i < 30; i++) {
                int port = freePort();
                NatRule r = new NatRule("tcp", "0.0.0.0", port, "127.0.0.1", up.getLocalPort(), "glassbox0");
                proxy.publish(r);
                assertEquals("hello abc", ask(port));
                assertEquals(List.of(r), proxy.rules());
                long t0 = System.nanoTime();
                proxy.withdraw(r);
                millis.add((System.nanoTime() - t0) / 1e6);
                assertTrue(refused(port), "port " + port + " refuses as soon as withdraw returns");
                assertEquals(List.of(), proxy.rules());
            }
        }
        Collections.sort(millis);
        double median = millis.get(millis.size() / 2);
        System.out.printf("PortProxy.withdraw: median %.3f ms over %d%n", median, millis.size());
        assertTrue(median < 5, "withdraw takes " + median + " ms (median)");
    }

    @Test
    void aPortAlreadyTakenIsRefusedAndLoopbackOnly() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); PortProxy proxy = new PortProxy()) {
            NatRule r = new NatRule("tcp", "0.0.0.0", taken.getLocalPort(), "127.0.0.1", 80, "glassbox0");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> proxy.publish(r));
            assertTrue(e.getMessage().contains("port is already allocated"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> proxy.publish(new NatRule("tcp", "192.0.2.2", 8080, "127.0.0.1", 80, "glassbox0")));
            assertThrows(IllegalArgumentException.class, () -> proxy.publish(new NatRule("udp", "0.0.0.0", 8080, "127.0.0.1", 80, "glassbox0")));
            assertEquals(List.of(), proxy.rules());
        }
    }
}
