package dev.glassbox.engineapi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A small client of a glassbox daemon's socket ({@code unix:///path} or {@code tcp://host:port}): a
 * whole GET, or a stream read line by line. What the visualizer uses to watch a daemon; the JDK's
 * HttpClient cannot reach a UNIX socket.
 */
public final class DaemonClient {
    private final SocketAddress address;
    private final StandardProtocolFamily family;
    private final String text;

    private DaemonClient(SocketAddress address, StandardProtocolFamily family, String text) {
        this.address = address;
        this.family = family;
        this.text = text;
    }

    /** {@code unix:///path/glassbox.sock} or {@code tcp://127.0.0.1:2375}; anything else is refused in one line. */
    public static DaemonClient of(String url) {
        if (url.startsWith("unix://")) {
            String path = url.substring("unix://".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("a unix:// address needs the socket's path: unix:///path/to/glassbox.sock");
            }
            return new DaemonClient(UnixDomainSocketAddress.of(Path.of(path)), StandardProtocolFamily.UNIX, url);
        }
        if (url.startsWith("tcp://")) {
            URI u = URI.create("http://" + url.substring("tcp://".length()));
            if (u.getHost() == null || u.getPort() < 0) {
                throw new IllegalArgumentException("a tcp:// address needs a host and a port: tcp://127.0.0.1:2375");
            }
            return new DaemonClient(new InetSocketAddress(u.getHost(), u.getPort()), StandardProtocolFamily.INET, url);
        }
        throw new IllegalArgumentException("a daemon's address is unix:///PATH or tcp://HOST:PORT, not " + url);
    }

    @Override
    public String toString() {
        return text;
    }

    private Wire connect(String path) throws IOException {
        return connect("GET", path, null);
    }

    private Wire connect(String method, String path, byte[] body) throws IOException {
        SocketChannel ch = SocketChannel.open(family);
        try {
            ch.connect(address);
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot reach the daemon at " + text + ": " + e.getMessage(), e);
        }
        Wire w = new Wire(ch);
        String head = method + " " + path + " HTTP/1.1\r\nHost: api.moby.localhost\r\nUser-Agent: glassbox-web\r\nConnection: close\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n") + "\r\n";
        w.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            w.write(body);
        }
        return w;
    }

    /** The body of a GET; an answer other than 200 is an IOException with the daemon's message. */
    public byte[] get(String path) throws IOException {
        return exchange("GET", path, null);
    }

    /** The body of a POST of JSON; an answer other than 200 is an IOException with the daemon's message. */
    public byte[] post(String path, byte[] json) throws IOException {
        return exchange("POST", path, json);
    }

    private byte[] exchange(String method, String path, byte[] json) throws IOException {
        try (Wire w = connect(method, path, json)) {
            Head h = head(w);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (h.chunked) {
                readChunks(w, b -> out.writeBytes(b));
            } else if (h.length >= 0) {
                out.writeBytes(w.readExactly((int) h.length));
            } else {
                byte[] b;
                while ((b = w.readSome(65536)).length > 0) {
                    out.writeBytes(b);
                }
            }
            if (h.status != 200) {
                throw new IOException("the daemon at " + text + " answered " + h.status + ": " + out.toString(StandardCharsets.UTF_8).strip());
            }
            return out.toByteArray();
        }
    }

    /**
     * Reads a streamed answer line by line until it ends or {@code lines} throws; returns when the
     * daemon closes the stream. What the visualizer's feed of a daemon's steps runs on.
     */
    public void follow(String path, Consumer<String> lines) throws IOException {
        try (Wire w = connect(path)) {
            Head h = head(w);
            if (h.status != 200) {
                throw new IOException("the daemon at " + text + " answered " + h.status);
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            Consumer<byte[]> sink = b -> {
                for (byte x : b) {
                    if (x == '\n') {
                        lines.accept(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(x);
                    }
                }
            };
            if (h.chunked) {
                readChunks(w, sink);
            } else {
                byte[] b;
                while ((b = w.readSome(65536)).length > 0) {
                    sink.accept(b);
                }
            }
        }
    }

    private record Head(int status, long length, boolean chunked) {}

    private static Head head(Wire w) throws IOException {
        String status = line(w);
        if (status == null || !status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        String h;
        while ((h = line(w)) != null && !h.isEmpty()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        return new Head(code, length, chunked);
    }

    private static void readChunks(Wire w, Consumer<byte[]> sink) throws IOException {
        while (true) {
            String size = line(w);
            if (size == null) {
                return;
            }
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                return;
            }
            sink.accept(w.readExactly(n));
            line(w);
        }
    }

    private static String line(Wire w) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = w.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return c < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
    }
}
