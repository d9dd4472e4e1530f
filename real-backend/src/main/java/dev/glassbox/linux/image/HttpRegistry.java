package dev.glassbox.linux.image;

import dev.glassbox.api.DockerException;
import dev.glassbox.registry.DistributionClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A registry reached over the OCI distribution API ({@link DistributionClient}), plain HTTP with
 * java.net, on loopback only. Any host that is not loopback (127.0.0.0/8, {@code localhost},
 * {@code [::1]}) is refused before a connection is made, and no redirect is followed off loopback:
 * traffic stays on the machine.
 */
public final class HttpRegistry extends DistributionClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String dialed;
    private final HttpClient http;

    private HttpRegistry(String domain, String connectHost, String port) {
        super(domain);
        this.dialed = (connectHost.contains(":") ? "[" + connectHost + "]" : connectHost) + ":" + port;
        this.base = URI.create("http://" + dialed);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The registry at {@code domain} ({@code localhost:5000}, {@code 127.0.0.1:5000}, {@code [::1]:5000};
     * port 80 when none is given). Throws, before any connection, when the host is not loopback.
     */
    public static HttpRegistry at(String domain) {
        String host;
        String port = "80";
        if (domain.startsWith("[")) {
            int close = domain.indexOf(']');
            host = close < 0 ? domain : domain.substring(1, close);
            if (close >= 0 && domain.length() > close + 1) {
                if (domain.charAt(close + 1) != ':') {
                    throw refused(domain);
                }
                port = domain.substring(close + 2);
            }
        } else {
            int colon = domain.lastIndexOf(':');
            host = colon < 0 ? domain : domain.substring(0, colon);
            port = colon < 0 ? port : domain.substring(colon + 1);
        }
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw refused(domain);
        }
        return new HttpRegistry(domain, loopbackAddress(host).orElseThrow(() -> refused(domain)), port);
    }

    /** The one line a non-loopback registry gets: glassbox never talks to the network outside the machine. */
    static DockerException refused(String domain) {
        return DockerException.invalid("glassbox: refusing to contact the registry " + domain
                + ": only registries on loopback (127.0.0.0/8, localhost, [::1]) are allowed");
    }

    /** The literal address to dial for a loopback host, without any name lookup; empty for any other host. */
    static Optional<String> loopbackAddress(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return Optional.of("127.0.0.1");
        }
        if (h.matches("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")) {
            return Optional.of(h);
        }
        if (h.equals("::1") || h.matches("(0{1,4}:){7}0{0,3}1") || h.matches("(0{1,4}:){1,6}:0{0,3}1")) {
            return Optional.of("::1");
        }
        return Optional.empty();
    }

    @Override
    protected Reply exchange(String method, String target, Map<String, String> headers, byte[] body) {
        URI uri = base.resolve(target);
        checkLoopback(uri);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> h = new TreeMap<>();
            r.headers().map().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    h.put(k.toLowerCase(Locale.ROOT), v.get(0));
                }
            });
            return new Reply(r.statusCode(), Map.copyOf(h), r.body());
        } catch (ConnectException e) {
            throw refused(method, shownPath(uri), dialed);
        } catch (IOException e) {
            throw DockerException.server(method + " " + shown(shownPath(uri)) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DockerException.server(method + " " + shown(shownPath(uri)) + ": interrupted");
        }
    }

    /** The path and query of a URL on the dialled address, shown with the domain the user typed. */
    private String shownPath(URI uri) {
        boolean ours = uri.getAuthority() != null && uri.getAuthority().equals(base.getAuthority());
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return ours ? path : uri.toString();
    }

    private static void checkLoopback(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().replaceAll("^\\[|\\]$", "");
        if (!"http".equals(uri.getScheme()) || loopbackAddress(host).isEmpty()) {
            throw refused(uri.getAuthority());
        }
    }
}
