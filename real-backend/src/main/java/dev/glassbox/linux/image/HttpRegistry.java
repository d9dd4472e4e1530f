package dev.glassbox.linux.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.api.DockerException;
import dev.glassbox.image.Digest;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import dev.glassbox.registry.ImageJson;
import dev.glassbox.registry.LayerBlob;
import dev.glassbox.registry.Registry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A registry reached over the OCI distribution API, plain HTTP, on loopback only: pulls a manifest by
 * tag or digest, its config and its layers (each checked against its digest), and pushes blobs and
 * manifests. Any host that is not loopback (127.0.0.0/8, {@code localhost}, {@code [::1]}) is refused
 * before a connection is made, and no redirect is followed off loopback: traffic stays on the machine.
 */
public final class HttpRegistry implements Registry {
    static final String ACCEPT = String.join(", ", ImageJson.MANIFEST_TYPE, OciLayout.OCI_MANIFEST);
    private static final List<String> INDEX_TYPES = List.of("application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.index.v1+json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final java.util.Set<Integer> REDIRECTS = java.util.Set.of(301, 302, 303, 307, 308);

    private final String domain;
    private final URI base;
    private final String dialed;
    private final HttpClient http;

    private HttpRegistry(String domain, String connectHost, String port) {
        this.domain = domain;
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
    public String domain() {
        return domain;
    }

    @Override
    public String baseUrl() {
        return "http://" + domain;
    }

    @Override
    public boolean hasRepository(String path) {
        ping();
        return send(get("/v2/" + path + "/tags/list").build(), "GET").statusCode() == 200;
    }

    /** None: listing a registry's catalog is a request glassbox does not make for completion. */
    @Override
    public List<String> references() {
        return List.of();
    }

    /** Never empty: a missing repository or tag throws in Docker's words. */
    @Override
    public Optional<Image> resolve(ImageRef ref) {
        ping();
        String reference = ref.digest() != null ? ref.digest().toString() : ref.tag() == null ? "latest" : ref.tag();
        String path = "/v2/" + ref.path() + "/manifests/" + reference;
        HttpResponse<byte[]> m = send(get(path).header("Accept", ACCEPT).build(), "GET");
        if (m.statusCode() == 404) {
            throw notFound(ref, m);
        }
        expect(m, 200, "GET", path);
        String type = m.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
        if (INDEX_TYPES.contains(type)) {
            throw DockerException.unsupported("glassbox: " + ref.familiar() + " is a multi-platform image index; glassbox pulls single-platform manifests only");
        }
        byte[] manifestBytes = m.body();
        Digest manifestDigest = Digest.of(manifestBytes);
        if (ref.digest() != null && !ref.digest().equals(manifestDigest)) {
            throw DockerException.server("manifest verification failed for digest " + ref.digest());
        }
        JsonNode manifest = tree(manifestBytes);
        Digest configDigest = Digest.parse(manifest.path("config").path("digest").asText());
        byte[] configBytes = blob(ref.path(), configDigest);
        ImageConfig config = ImageJson.parseConfig(configBytes);
        List<Layer> layers = new ArrayList<>();
        for (JsonNode l : manifest.path("layers")) {
            Digest digest = Digest.parse(l.path("digest").asText());
            layers.add(LayerBlob.read(blob(ref.path(), digest), digest, l.path("mediaType").asText()));
        }
        if (!layers.stream().map(Layer::diffId).toList().equals(config.diffIds())) {
            throw DockerException.server("glassbox: the layers of " + ref.familiar() + " do not match its config's rootfs.diff_ids");
        }
        return Optional.of(new Image(configDigest, manifestDigest, config, layers));
    }

    @Override
    public boolean hasBlob(String path, Digest digest) {
        ping();
        String p = "/v2/" + path + "/blobs/" + digest;
        HttpResponse<byte[]> r = send(request(p).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), "HEAD");
        if (r.statusCode() == 404) {
            return false;
        }
        expect(r, 200, "HEAD", p);
        return true;
    }

    @Override
    public void putBlob(String path, Digest digest, byte[] bytes) {
        String p = "/v2/" + path + "/blobs/uploads/";
        HttpResponse<byte[]> started = send(request(p).POST(HttpRequest.BodyPublishers.noBody()).build(), "POST");
        expect(started, 202, "POST", p);
        String location = started.headers().firstValue("Location")
                .orElseThrow(() -> DockerException.server("glassbox: the registry at " + domain + " gave no upload location"));
        URI upload = base.resolve(location);
        String sep = upload.getRawQuery() == null ? "?" : "&";
        URI put = URI.create(upload + sep + "digest=" + digest);
        checkLoopback(put);
        HttpResponse<byte[]> done = send(HttpRequest.newBuilder(put).timeout(TIMEOUT).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), "PUT");
        expect(done, 201, "PUT", put.getRawPath());
    }

    @Override
    public boolean mountBlob(String path, Digest digest, String from) {
        String p = "/v2/" + path + "/blobs/uploads/?mount=" + digest + "&from=" + from;
        HttpResponse<byte[]> r = send(request(p).POST(HttpRequest.BodyPublishers.noBody()).build(), "POST");
        if (r.statusCode() == 202) {
            r.headers().firstValue("Location").ifPresent(this::cancel);
            return false;
        }
        expect(r, 201, "POST", p);
        return true;
    }

    /** Ends an upload session the registry opened when it would not mount a blob. */
    private void cancel(String location) {
        URI uri = base.resolve(location);
        checkLoopback(uri);
        send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).DELETE().build(), "DELETE");
    }

    @Override
    public Digest putManifest(String path, String tag, String mediaType, byte[] manifest) {
        String p = "/v2/" + path + "/manifests/" + tag;
        HttpResponse<byte[]> r = send(request(p).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)).build(), "PUT");
        expect(r, 201, "PUT", p);
        Digest ours = Digest.of(manifest);
        String theirs = r.headers().firstValue("Docker-Content-Digest").orElse(ours.toString());
        if (!theirs.equals(ours.toString())) {
            throw DockerException.server("glassbox: the registry stored the manifest as " + theirs + ", not " + ours);
        }
        return ours;
    }

    /** {@code GET /v2/}: Docker's first request to a registry, and where a refused connection shows. */
    private void ping() {
        HttpResponse<byte[]> r = send(get("/v2/").build(), "GET");
        if (r.statusCode() == 401) {
            throw DockerException.unsupported("glassbox: the registry at " + domain + " asks for a login, which glassbox does not do");
        }
        expect(r, 200, "GET", "/v2/");
    }

    /** A blob; a registry may redirect to where its storage serves it, followed only while it stays on loopback. */
    private byte[] blob(String path, Digest digest) {
        String p = "/v2/" + path + "/blobs/" + digest;
        HttpResponse<byte[]> r = send(get(p).build(), "GET");
        for (int hops = 0; hops < 5 && REDIRECTS.contains(r.statusCode()); hops++) {
            URI next = r.request().uri().resolve(r.headers().firstValue("Location").orElse(""));
            checkLoopback(next);
            r = send(HttpRequest.newBuilder(next).timeout(TIMEOUT).GET().build(), "GET");
        }
        expect(r, 200, "GET", p);
        if (!Digest.of(r.body()).equals(digest)) {
            throw DockerException.server("filesystem layer verification failed for digest " + digest);
        }
        return r.body();
    }

    private HttpRequest.Builder request(String path) {
        URI uri = base.resolve(path);
        checkLoopback(uri);
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT);
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private static void checkLoopback(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().replaceAll("^\\[|\\]$", "");
        if (!"http".equals(uri.getScheme()) || loopbackAddress(host).isEmpty()) {
            throw refused(uri.getAuthority());
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request, String method) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw DockerException.server(method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT) + " \"" + shown(request.uri())
                    + "\": dial tcp " + dialed + ": connect: connection refused");
        } catch (IOException e) {
            throw DockerException.server(method + " " + shown(request.uri()) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DockerException.server(method + " " + shown(request.uri()) + ": interrupted");
        }
    }

    /** The URL as Docker prints it: with the domain the user typed, not the address dialled. */
    private String shown(URI uri) {
        return "http://" + domain + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private void expect(HttpResponse<byte[]> r, int status, String method, String path) {
        if (r.statusCode() != status) {
            throw DockerException.server(registryError(r).orElse("glassbox: " + method + " " + baseUrl() + path + " answered "
                    + r.statusCode() + ", not " + status));
        }
    }

    /** The distribution API's error body as Docker words it: {@code manifest unknown: manifest unknown}. */
    static Optional<String> registryError(HttpResponse<byte[]> r) {
        try {
            JsonNode first = JSON.readTree(r.body()).path("errors").path(0);
            if (!first.isObject()) {
                return Optional.empty();
            }
            String code = first.path("code").asText("").toLowerCase(Locale.ROOT).replace('_', ' ');
            return Optional.of(code + ": " + first.path("message").asText(""));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Docker's words for a 404 on a manifest: an unknown repository, or a tag it does not have. */
    private static DockerException notFound(ImageRef ref, HttpResponse<byte[]> r) {
        String cause = registryError(r).orElse("manifest unknown: manifest unknown");
        if (cause.startsWith("name unknown")) {
            return DockerException.notFound("repository " + ref.repository() + " not found: " + cause);
        }
        return DockerException.notFound("manifest for " + ref.familiar() + " not found: " + cause);
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw DockerException.server("glassbox: the registry's manifest is not JSON: " + e.getMessage());
        }
    }
}
