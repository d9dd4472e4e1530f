package dev.glassbox.engineapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A bare HTTP/1.1 client on one UNIX socket connection: writes exactly what a test says, reads the bytes back. */
final class RawClient implements AutoCloseable {
    final SocketChannel ch;
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();

    RawClient(Path socket) throws IOException {
        ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
    }

    /** A response head, and its body once read. */
    record Response(String statusLine, Map<String, String> headers, byte[] body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    void send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder b = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: api.moby.localhost\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            b.append("Content-Length: ").append(body.length).append("\r\n");
        }
        b.append("\r\n");
        writeRaw(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            writeRaw(body);
        }
    }

    void writeRaw(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** A whole request and its whole response (Content-Length, chunked, or none for HEAD/204/304/101). */
    Response call(String method, String path, String jsonBody) throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        if (jsonBody != null) {
            h.put("Content-Type", "application/json");
        }
        send(method, path, h, jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8));
        Response head = readHead();
        return new Response(head.statusLine(), head.headers(), readBody(method, head));
    }

    Response readHead() throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("connection closed before a response");
        }
        Map<String, String> h = new LinkedHashMap<>();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            h.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        return new Response(status, h, new byte[0]);
    }

    byte[] readBody(String method, Response head) throws IOException {
        int s = head.status();
        if (method.equals("HEAD") || s == 204 || s == 304 || s == 101) {
            return new byte[0];
        }
        if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                int n = Integer.parseInt(line().trim(), 16);
                if (n == 0) {
                    line();
                    return out.toByteArray();
                }
                out.write(exactly(n));
                line();
            }
        }
        String cl = head.header("Content-Length");
        return cl == null ? untilClose() : exactly(Integer.parseInt(cl));
    }

    /** The next chunk of a chunked body, or null at its end. */
    byte[] chunk() throws IOException {
        int n = Integer.parseInt(line().trim(), 16);
        if (n == 0) {
            line();
            return null;
        }
        byte[] b = exactly(n);
        line();
        return b;
    }

    private boolean fill() throws IOException {
        in.compact();
        int n = ch.read(in);
        in.flip();
        return n >= 0;
    }

    int read() throws IOException {
        while (!in.hasRemaining()) {
            if (!fill()) {
                return -1;
            }
        }
        return in.get() & 0xff;
    }

    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = read(); ; c = read()) {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
            }
            if (c == '\n') {
                String s = b.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
    }

    byte[] exactly(int n) throws IOException {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = read();
            if (c < 0) {
                throw new IOException("closed after " + i + " of " + n + " bytes");
            }
            out[i] = (byte) c;
        }
        return out;
    }

    byte[] untilClose() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int c = read(); c >= 0; c = read()) {
            out.write(c);
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
