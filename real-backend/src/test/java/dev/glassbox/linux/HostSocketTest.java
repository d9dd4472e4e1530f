package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.SysError;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Linux kernel's Net.connect: a loopback socket that sends, receives to the end, and times out. */
class HostSocketTest {
    @Test
    void sendsReceivesAndReadsTheEndOfTheStream() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try (HostSocket c = HostSocket.connect("127.0.0.1", server.getLocalPort()); Socket peer = server.accept()) {
                c.send("ping".getBytes(StandardCharsets.US_ASCII));
                InputStream in = peer.getInputStream();
                assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), in.readNBytes(4));
                assertEquals(Errno.ETIMEDOUT, assertThrows(SysError.class, () -> c.receive(50)).errno());
                peer.getOutputStream().write("pong".getBytes(StandardCharsets.US_ASCII));
                peer.close();
                StringBuilder got = new StringBuilder();
                for (byte[] b = c.receive(5000); b.length > 0; b = c.receive(5000)) {
                    got.append(new String(b, StandardCharsets.US_ASCII));
                }
                assertEquals("pong", got.toString());
            }
        }
    }

    @Test
    void onlyLoopbackIsDialled() {
        assertEquals(Errno.ENETUNREACH, assertThrows(SysError.class, () -> HostSocket.connect("192.0.2.1", 80)).errno());
        assertEquals(Errno.EINVAL, assertThrows(SysError.class, () -> HostSocket.connect("example.org", 80)).errno(), "no name lookup");
    }
}
