package dev.glassbox.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The Linux kernel's embedded DNS: it answers over TCP as well as UDP (a 2-byte length before each
 * message), and after a persistent daemon restarts, every running container on a user network answers
 * at 127.0.0.11 again at once.
 */
class LinuxDnsRestartTest extends OnHostRoot {
    @Override
    protected String tag() {
        return "dnr";
    }

    private static Result ok(Engine e, String line) {
        Result r = e.run(line);
        assertEquals(0, r.exitStatus(), line + "\n" + r.text());
        return r;
    }

    @Test
    void containersOnAUserNetworkAnswerAgainAfterTheDaemonRestarts() {
        String before;
        try (Engine e = LinuxEngine.open(host.options)) {
            ok(e, "docker pull -q busybox");
            ok(e, "docker network create back");
            ok(e, "docker run -d --name db --network back --restart always busybox sleep 1000");
            ok(e, "docker run -d --name web --network back --restart always busybox sleep 1000");
            before = ok(e, "docker exec web nslookup db").out();
            assertTrue(before.contains("Name:\tdb\nAddress: "), before);
        }
        try (Engine e = LinuxEngine.open(host.options)) {
            assertEquals("running running\n", ok(e, "docker inspect -f '{{.State.Status}}' db").out().strip() + " "
                    + ok(e, "docker inspect -f '{{.State.Status}}' web").out());
            String ip = ok(e, "docker inspect -f '{{.NetworkSettings.Networks.back.IPAddress}}' db").out().strip();
            Result web = ok(e, "docker exec web nslookup db");
            assertTrue(web.out().contains("Name:\tdb\nAddress: " + ip + "\n"), web.out());
            Result db = ok(e, "docker exec db nslookup web");
            assertTrue(db.out().contains("Name:\tweb\n"), db.out());
            ok(e, "docker rm -f db web");
            ok(e, "docker network rm back");
        }
    }

    @Test
    void theServerAnswersOverTcpWithALengthPrefix() throws Exception {
        try (Engine e = LinuxEngine.open(host.options)) {
            ok(e, "docker pull -q busybox");
            ok(e, "docker network create tcpnet");
            ok(e, "docker run -d --name one --network tcpnet --network-alias uno busybox sleep 1000");
            int pid = Integer.parseInt(ok(e, "docker inspect -f '{{.State.Pid}}' one").out().strip());
            String ip = ok(e, "docker inspect -f '{{.NetworkSettings.Networks.tcpnet.IPAddress}}' one").out().strip();
            byte[] answer = overTcp(pid, query(0x4242, "uno"));
            assertEquals(0x42, answer[0] & 0xff);
            assertEquals(0x42, answer[1] & 0xff);
            assertEquals(0, answer[3] & 0x0f, "NOERROR");
            assertEquals(1, ((answer[6] & 0xff) << 8) | (answer[7] & 0xff), "one answer");
            String got = (answer[answer.length - 4] & 0xff) + "." + (answer[answer.length - 3] & 0xff) + "."
                    + (answer[answer.length - 2] & 0xff) + "." + (answer[answer.length - 1] & 0xff);
            assertEquals(ip, got);
            byte[] missing = overTcp(pid, query(7, "nobody-here"));
            assertEquals(3, missing[3] & 0x0f, "NXDOMAIN over TCP too");
            ok(e, "docker rm -f one");
            ok(e, "docker network rm tcpnet");
        }
    }

    /** A standard query for the A record of {@code name}. */
    private static byte[] query(int id, String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            b.write(label.length());
            b.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes(new byte[] {0, 0, 1, 0, 1});
        return b.toByteArray();
    }

    /** Sends {@code q} to 127.0.0.11:53 over TCP from inside process {@code pid}'s network namespace; the reply without its prefix. */
    private static byte[] overTcp(int pid, byte[] q) throws Exception {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                EmbeddedDns.enterNetNs(pid);
                try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(EmbeddedDns.ADDRESS, 53))) {
                    ByteBuffer out = ByteBuffer.allocate(2 + q.length).putShort((short) q.length).put(q).flip();
                    while (out.hasRemaining()) {
                        ch.write(out);
                    }
                    ByteBuffer len = ByteBuffer.allocate(2);
                    while (len.hasRemaining() && ch.read(len) >= 0) {
                        // reading the length
                    }
                    ByteBuffer body = ByteBuffer.allocate(len.flip().getShort() & 0xffff);
                    while (body.hasRemaining() && ch.read(body) >= 0) {
                        // reading the message
                    }
                    reply.complete(body.array());
                }
            } catch (Throwable x) {
                reply.completeExceptionally(x);
            }
        }, "glassbox-test-dns-tcp");
        t.setDaemon(true);
        t.start();
        return reply.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
}
