package dev.glassbox.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.api.DockerException;
import dev.glassbox.image.Digest;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The daemon's side of the distribution API (Registry HTTP API v2), whatever carries its requests:
 * pulls a manifest by tag or digest, its config and its layers (each checked against its digest), and
 * pushes blobs and manifests, with the registry's errors in Docker's words. A subclass carries one
 * HTTP exchange: the Linux kernel's with java.net, the sim kernel's over a connection the kernel opens
 * from the host's network namespace ({@link NetRegistry}).
 */
public abstract class DistributionClient implements Registry {
    /** The OCI image spec's manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** The manifests a pull accepts, as Docker's Accept header lists them. */
    public static final String ACCEPT = String.join(", ", ImageJson.MANIFEST_TYPE, OCI_MANIFEST);
    private static final List<String> INDEX_TYPES = List.of("application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.index.v1+json");
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP answer: its status, its headers by lower-case name, its body. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private final String domain;

    protected DistributionClient(String domain) {
        this.domain = domain;
    }

    /**
     * One HTTP/1.1 exchange. {@code target} is a path with its query ({@code /v2/…}) on this registry,
     * or an absolute URL the registry gave (a Location header). A connection that fails throws a
     * {@link DockerException} in Docker's words ({@link #refused}).
     */
    protected abstract Reply exchange(String method, String target, Map<String, String> headers, byte[] body);

    /** Docker's line when nothing listens: {@code Get "http://localhost:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused}. */
    protected DockerException refused(String method, String target, String dialed) {
        return dialFailed(method, target, dialed, "connection refused");
    }

    /** Go's net/http words for a connection that failed: {@code Get "URL": dial tcp ADDR: connect: REASON}. */
    protected DockerException dialFailed(String method, String target, String dialed, String reason) {
        return DockerException.server(method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT) + " \"" + shown(target)
                + "\": dial tcp " + dialed + ": connect: " + reason);
    }

    /** The URL as Docker prints it: with the domain the user typed. */
    protected String shown(String target) {
        return target.startsWith("http://") || target.startsWith("https://") ? target : "http://" + domain + target;
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
        return exchange("GET", "/v2/" + path + "/tags/list", Map.of(), null).status() == 200;
    }

    /** None: listing a registry's catalog is a request glassbox does not make for completion. */
    @Override
    public List<String> references() {
        return List.of();
    }

    /** {@code GET /v2/}: Docker's first request to a registry, and where a refused connection shows. */
    @Override
    public void ping() {
        Reply r = exchange("GET", "/v2/", Map.of(), null);
        if (r.status() == 401) {
            throw DockerException.unsupported("glassbox: the registry at " + domain + " asks for a login, which glassbox does not do");
        }
        expect(r, 200, "GET", "/v2/");
    }

    /** Never empty: a missing repository or tag throws in Docker's words. */
    @Override
    public Optional<Image> resolve(ImageRef ref) {
        ping();
        String reference = ref.digest() != null ? ref.digest().toString() : ref.tag() == null ? "latest" : ref.tag();
        String path = "/v2/" + ref.path() + "/manifests/" + reference;
        Reply m = exchange("GET", path, Map.of("Accept", ACCEPT), null);
        if (m.status() == 404) {
            throw notFound(ref, m);
        }
        expect(m, 200, "GET", path);
        String type = m.header("Content-Type").orElse("").split(";")[0].strip();
        if (INDEX_TYPES.contains(type)) {
            throw DockerException.unsupported("glassbox: " + ref.familiar() + " is a multi-platform image index; glassbox pulls single-platform manifests only");
        }
        Digest manifestDigest = Digest.of(m.body());
        if (ref.digest() != null && !ref.digest().equals(manifestDigest)) {
            throw DockerException.server("manifest verification failed for digest " + ref.digest());
        }
        JsonNode manifest = tree(m.body());
        Digest configDigest = Digest.parse(manifest.path("config").path("digest").asText());
        ImageConfig config = ImageJson.parseConfig(blob(ref.path(), configDigest));
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
        String p = "/v2/" + path + "/blobs/" + digest;
        Reply r = exchange("HEAD", p, Map.of(), null);
        if (r.status() == 404) {
            return false;
        }
        expect(r, 200, "HEAD", p);
        return true;
    }

    @Override
    public void putBlob(String path, Digest digest, byte[] bytes) {
        String p = "/v2/" + path + "/blobs/uploads/";
        Reply started = exchange("POST", p, Map.of(), new byte[0]);
        expect(started, 202, "POST", p);
        String location = started.header("Location")
                .orElseThrow(() -> DockerException.server("glassbox: the registry at " + domain + " gave no upload location"));
        String put = location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
        Reply done = exchange("PUT", put, Map.of("Content-Type", "application/octet-stream"), bytes);
        expect(done, 201, "PUT", put);
    }

    @Override
    public boolean mountBlob(String path, Digest digest, String from) {
        String p = "/v2/" + path + "/blobs/uploads/?mount=" + digest + "&from=" + from;
        Reply r = exchange("POST", p, Map.of(), new byte[0]);
        if (r.status() == 202) {
            // the registry would not mount it and opened an upload session instead: end it
            r.header("Location").ifPresent(location -> exchange("DELETE", location, Map.of(), null));
            return false;
        }
        expect(r, 201, "POST", p);
        return true;
    }

    @Override
    public Digest putManifest(String path, String tag, String mediaType, byte[] manifest) {
        String p = "/v2/" + path + "/manifests/" + tag;
        Reply r = exchange("PUT", p, Map.of("Content-Type", mediaType), manifest);
        expect(r, 201, "PUT", p);
        Digest ours = Digest.of(manifest);
        String theirs = r.header("Docker-Content-Digest").orElse(ours.toString());
        if (!theirs.equals(ours.toString())) {
            throw DockerException.server("glassbox: the registry stored the manifest as " + theirs + ", not " + ours);
        }
        return ours;
    }

    /** A blob; a registry may redirect to where its storage serves it (the subclass decides which URLs it follows). */
    private byte[] blob(String path, Digest digest) {
        String p = "/v2/" + path + "/blobs/" + digest;
        Reply r = exchange("GET", p, Map.of(), null);
        for (int hops = 0; hops < 5 && REDIRECTS.contains(r.status()); hops++) {
            r = exchange("GET", r.header("Location").orElse(p), Map.of(), null);
        }
        expect(r, 200, "GET", p);
        if (!Digest.of(r.body()).equals(digest)) {
            throw DockerException.server("filesystem layer verification failed for digest " + digest);
        }
        return r.body();
    }

    private void expect(Reply r, int status, String method, String target) {
        if (r.status() != status) {
            throw DockerException.server(registryError(r.body()).orElse("glassbox: " + method + " " + shown(target) + " answered "
                    + r.status() + ", not " + status));
        }
    }

    /** The distribution API's error body as Docker words it: {@code manifest unknown: manifest unknown}. */
    public static Optional<String> registryError(byte[] body) {
        try {
            JsonNode first = JSON.readTree(body).path("errors").path(0);
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
    private static DockerException notFound(ImageRef ref, Reply r) {
        String cause = registryError(r.body()).orElse("manifest unknown: manifest unknown");
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
