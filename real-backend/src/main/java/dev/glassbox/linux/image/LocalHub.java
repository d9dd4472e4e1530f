package dev.glassbox.linux.image;

import dev.glassbox.registry.Lazy;
import dev.glassbox.api.DockerException;
import dev.glassbox.image.HistoryEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import dev.glassbox.linux.CmdException;
import dev.glassbox.registry.ImageJson;
import dev.glassbox.registry.LayerArchive;
import dev.glassbox.registry.Registry;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * docker.io as the Linux kernel sees it: no internet, so {@code busybox} and {@code nginx} are built
 * here from the host's own binaries (Debian's busybox-static and nginx). nginx sits on the busybox
 * layer, so the two images share it as on Docker Hub. Builds are reproducible: sorted entries, root
 * owners, mtime 0 and a fixed creation date, so the same host binaries always give the same digests.
 * Each image is built and hashed the first time it is resolved, then kept in memory (a few MB).
 *
 * <p>Its {@link #baseUrl()} is {@code glassbox-local://host}: nothing is fetched over HTTP, and the
 * trace should not pretend it is.
 */
public final class LocalHub implements Registry {
    /** The Created of every image here: fixed, so that only the host's binaries decide the digests. */
    public static final long CREATED = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
    public static final String BASE_URL = "glassbox-local://host";
    static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final String BUILDER = "glassbox LocalHub";

    private record Built(Image image, String origin) {}

    private final BusyboxLayer busybox;
    private final NginxLayer nginx;
    private final BusyboxLayer.Version busyboxVersion;
    private final String nginxVersion;
    private final Lazy<Layer> busyboxLayer;
    private final Map<String, Map<String, Supplier<Built>>> repositories = new TreeMap<>();

    /**
     * Images from the binaries at these paths. When {@code nginx} is not an executable file, the nginx
     * image serves its page with busybox httpd instead, and says so.
     */
    public LocalHub(Path busybox, Path nginx) {
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException("glassbox: no busybox at " + busybox + " (apt-get install busybox-static)");
        }
        this.busybox = new BusyboxLayer(busybox);
        this.nginx = Files.isExecutable(nginx) ? new NginxLayer(nginx) : null;
        this.busyboxVersion = this.busybox.version();
        this.nginxVersion = this.nginx == null ? null : this.nginx.version();
        this.busyboxLayer = new Lazy<>(() -> LayerArchive.layer(this.busybox.entries()));
        Lazy<Built> bb = new Lazy<>(this::buildBusybox);
        Lazy<Built> web = new Lazy<>(this.nginx == null ? this::buildHttpd : this::buildNginx);
        tag("library/busybox", bb, "latest", busyboxVersion.number());
        tag("library/nginx", web, "latest");
        if (nginxVersion != null) {
            tag("library/nginx", web, nginxVersion);
        }
    }

    /** The host's /bin/busybox and /usr/sbin/nginx. */
    public static LocalHub fromHost() {
        return new LocalHub(Path.of("/bin/busybox"), Path.of(NginxLayer.BINARY));
    }

    /** Whether the nginx image holds the real nginx (else busybox httpd stands in for it). */
    public boolean hasNginx() {
        return nginx != null;
    }

    private void tag(String path, Supplier<Built> image, String... tags) {
        Map<String, Supplier<Built>> byTag = repositories.computeIfAbsent(path, p -> new TreeMap<>());
        for (String t : tags) {
            byTag.put(t, image);
        }
    }

    @Override
    public String domain() {
        return ImageRef.DOCKER_HUB;
    }

    @Override
    public String baseUrl() {
        return BASE_URL;
    }

    @Override
    public boolean hasRepository(String path) {
        return repositories.containsKey(path);
    }

    @Override
    public List<String> references() {
        List<String> out = new ArrayList<>();
        repositories.forEach((path, tags) -> tags.keySet().forEach(tag -> out.add(path.substring("library/".length()) + ":" + tag)));
        return out;
    }

    @Override
    public Optional<Image> resolve(ImageRef ref) {
        return built(ref).map(Built::image);
    }

    /** Where the image's files come from, for the trace of {@code docker pull}. */
    @Override
    public String origin(ImageRef ref) {
        return built(ref).map(Built::origin).orElse("");
    }

    private Optional<Built> built(ImageRef ref) {
        Map<String, Supplier<Built>> tags = repositories.get(ref.path());
        if (!domain().equals(ref.domain()) || tags == null) {
            return Optional.empty();
        }
        try {
            if (ref.digest() != null) {
                return tags.values().stream().distinct().map(Supplier::get)
                        .filter(b -> b.image().manifestDigest().equals(ref.digest())).findFirst();
            }
            return Optional.ofNullable(tags.get(ref.tag() == null ? "latest" : ref.tag())).map(Supplier::get);
        } catch (IllegalStateException | UncheckedIOException | CmdException e) {
            // a host file gone or unreadable since start: an answer the user can read, and a retry next time
            throw DockerException.server("glassbox could not build " + ref.familiar() + " from this host's files: "
                    + e.getMessage());
        }
    }

    private String busyboxStep() {
        return "glassbox: COPY host:" + busybox.host() + " /bin/busybox (BusyBox v" + busyboxVersion.number() + ", "
                + busyboxVersion.build() + ") and link its applets";
    }

    private Built buildBusybox() {
        Layer layer = busyboxLayer.get();
        ImageConfig config = new ImageConfig(arch(), "linux", CREATED, List.of(PATH), null, List.of("sh"), "", "",
                List.of(), Map.of(), "", List.of(
                        new HistoryEntry(CREATED, busyboxStep(), false, BUILDER),
                        new HistoryEntry(CREATED, "CMD [\"sh\"]", true, BUILDER)),
                List.of(layer.diffId()));
        int links = (int) layer.entries().stream().filter(e -> e.link() != null).count();
        return new Built(ImageJson.image(config, List.of(layer)), "glassbox built it from this host's "
                + busybox.host() + " (BusyBox v" + busyboxVersion.number() + ", Debian's busybox-static) and "
                + links + " applet links; nothing was downloaded.");
    }

    private Built buildNginx() {
        List<Path> libs = nginx.libraries();
        Layer layer = LayerArchive.layer(nginx.entries(libs));
        String step = "glassbox: COPY host:" + nginx.host() + " (nginx " + nginxVersion + ") and the " + libs.size()
                + " files ldd names for it, nginx.conf, mime.types and index.html";
        Image image = web(layer, step, NginxLayer.CMD, "SIGQUIT");
        return new Built(image, "glassbox built it from this host's nginx " + nginxVersion + " (" + nginx.host()
                + ") and the " + libs.size() + " libraries ldd names for it, on the busybox layer; nothing was downloaded.");
    }

    private Built buildHttpd() {
        Layer layer = LayerArchive.layer(NginxLayer.httpdEntries());
        Image image = web(layer, "glassbox: COPY index.html /usr/share/nginx/html/ (this host has no nginx)",
                NginxLayer.HTTPD_CMD, "SIGTERM");
        return new Built(image, "This host has no nginx (" + NginxLayer.BINARY + "), so glassbox's nginx image runs"
                + " busybox httpd in its place: " + String.join(" ", NginxLayer.HTTPD_CMD) + ".");
    }

    private Image web(Layer top, String step, List<String> cmd, String stopSignal) {
        Layer base = busyboxLayer.get();
        ImageConfig config = new ImageConfig(arch(), "linux", CREATED, List.of(PATH), null, cmd, "", "",
                List.of("80/tcp"), Map.of(), stopSignal, List.of(
                        new HistoryEntry(CREATED, busyboxStep(), false, BUILDER),
                        new HistoryEntry(CREATED, step, false, BUILDER),
                        new HistoryEntry(CREATED, "EXPOSE map[80/tcp:{}]", true, BUILDER),
                        new HistoryEntry(CREATED, "STOPSIGNAL " + stopSignal, true, BUILDER),
                        new HistoryEntry(CREATED, "CMD " + json(cmd), true, BUILDER)),
                List.of(base.diffId(), top.diffId()));
        return ImageJson.image(config, List.of(base, top));
    }

    private static String json(List<String> words) {
        return "[" + String.join(" ", words.stream().map(w -> "\"" + w + "\"").toList()) + "]";
    }

    /** The OCI name of the JVM's architecture: amd64, arm64, ... */
    static String arch() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> a;
        };
    }
}
