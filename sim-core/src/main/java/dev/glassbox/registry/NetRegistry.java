package dev.glassbox.registry;

import dev.glassbox.api.DockerException;
import dev.glassbox.kernel.Errno;
import dev.glassbox.kernel.Kernel;
import dev.glassbox.kernel.SysError;
import dev.glassbox.kernel.TcpConnection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A registry on this host reached through the kernel's own network: each request is a TCP connection
 * the kernel opens from the host's network namespace ({@link dev.glassbox.kernel.Net#connect}), so on
 * the sim kernel {@code localhost:5000} goes through docker-proxy, the bridge and the veth into the
 * {@code registry:2} container, whose program answers. Plain HTTP/1.1, one request per connection.
 * Only loopback names are dialled, as Docker treats only 127.0.0.0/8 as an insecure (plain HTTP) registry.
 */
public final class NetRegistry extends DistributionClient {
    /** How long the daemon waits for an answer, in the kernel's time. */
    private static final long TIMEOUT_MILLIS = 30_000;

    private final Kernel kernel;
    private final String ip;
    private final int port;
    private final String userAgent;

    private NetRegistry(String domain, Kernel kernel, String ip, int port) {
        super(domain);
        this.kernel = kernel;
        this.ip = ip;
        this.port = port;
        this.userAgent = "docker/28.2.2 go/go1.24.3 git-commit/e6534b4 kernel/" + kernel.info().release()
                + " os/linux arch/amd64 UpstreamClient(Docker-Client/28.2.2 \\(linux\\))";
    }

    /** The factory {@link Registries} routes other domains by: loopback ones over this kernel's network. */
    public static Function<String, Registry> on(Kernel kernel) {
        return domain -> at(domain, kernel);
    }

    /** The registry at {@code localhost:PORT} or {@code 127.x.y.z:PORT} (port 80 when none); any other domain is out of reach. */
    public static Registry at(String domain, Kernel kernel) {
        int colon = domain.lastIndexOf(':');
        String host = (colon < 0 ? domain : domain.substring(0, colon)).toLowerCase(Locale.ROOT);
        String port = colon < 0 ? "80" : domain.substring(colon + 1);
        boolean loopback = host.equals("localhost") || host.matches("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
        if (!loopback || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw Registries.unreachable(domain);
        }
        return new NetRegistry(domain, kernel, host.equals("localhost") ? "127.0.0.1" : host, Integer.parseInt(port));
    }

    @Override
    protected Reply exchange(String method, String target, Map<String, String> headers, byte[] body) {
        String path = pathOf(target);
        String dialed = ip + ":" + port;
        TcpConnection c;
        try {
            c = kernel.net().connect(ip, port);
        } catch (SysError e) {
            throw e.errno() == Errno.ECONNREFUSED ? refused(method, target, dialed)
                    : dialFailed(method, target, dialed, e.errno().text().toLowerCase(Locale.ROOT));
        }
        try (c) {
            c.send(request(method, path, headers, body));
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            for (byte[] b = c.receive(TIMEOUT_MILLIS); b.length > 0; b = c.receive(TIMEOUT_MILLIS)) {
                in.writeBytes(b);
            }
            return parse(in.toByteArray(), method.equals("HEAD"), method, target);
        } catch (SysError e) {
            throw DockerException.server(method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT) + " \"" + shown(target) + "\": "
                    + (e.errno() == Errno.ETIMEDOUT ? "net/http: timeout awaiting response headers"
                            : "read tcp " + dialed + ": " + e.errno().text().toLowerCase(Locale.ROOT)));
        }
    }

    /** The path and query of a target; an absolute URL must name this registry (the only one the daemon dials here). */
    private String pathOf(String target) {
        if (!target.startsWith("http://")) {
            return target;
        }
        String rest = target.substring("http://".length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        if (!authority.equalsIgnoreCase(domain()) && !authority.equals(ip + ":" + port)) {
            throw DockerException.server("glassbox: the registry at " + domain() + " sent the daemon to " + authority
                    + ", another host than the one it dials");
        }
        return slash < 0 ? "/" : rest.substring(slash);
    }

    private byte[] request(String method, String path, Map<String, String> headers, byte[] body) {
        StringBuilder b = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(domain()).append("\r\n")
                .append("User-Agent: ").append(userAgent).append("\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            b.append("Content-Length: ").append(body.length).append("\r\n");
        }
        b.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** An HTTP/1.1 response read to the connection's end: status line, headers, then Content-Length bytes of body. */
    private Reply parse(byte[] raw, boolean head, String method, String target) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            throw DockerException.server(method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT) + " \"" + shown(target)
                    + "\": EOF");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].matches("[0-9]{3}")) {
            throw DockerException.server(method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT) + " \"" + shown(target)
                    + "\": net/http: HTTP/1.x transport connection broken: malformed HTTP response \"" + lines[0] + "\"");
        }
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        int from = end + 4;
        int length = raw.length - from;
        String declared = headers.get("content-length");
        if (declared != null && declared.matches("[0-9]+")) {
            length = Math.min(length, Integer.parseInt(declared));
        }
        byte[] body = head ? new byte[0] : java.util.Arrays.copyOfRange(raw, from, from + length);
        return new Reply(Integer.parseInt(status[1]), Map.copyOf(headers), body);
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
