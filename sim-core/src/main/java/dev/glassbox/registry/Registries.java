package dev.glassbox.registry;

import dev.glassbox.api.DockerException;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The daemon's registry router: {@code docker.io} goes to the kernel's hub (the sim kernel's
 * {@link SimHub}, the Linux kernel's images built from the host), any other domain to the registry a
 * factory makes for it ({@code localhost:5000} → an HTTP client on loopback). The factory may throw a
 * {@link DockerException} in Docker's words when a domain is out of reach.
 */
public final class Registries implements Registry {
    private final Registry hub;
    private final Function<String, Registry> others;
    private final Map<String, Registry> made = new ConcurrentHashMap<>();

    public Registries(Registry hub, Function<String, Registry> others) {
        this.hub = hub;
        this.others = others;
    }

    /**
     * What Docker says when nothing answers at {@code domain}: a refused connection on loopback, a
     * failed lookup elsewhere (the sim kernel has no network outside the machine).
     */
    public static DockerException unreachable(String domain) {
        int colon = domain.lastIndexOf(':');
        String host = colon < 0 ? domain : domain.substring(0, colon);
        if (host.equals("localhost") || host.matches("127(\\.\\d{1,3}){3}")) {
            String ip = host.equals("localhost") ? "127.0.0.1" : host;
            String port = colon < 0 ? "80" : domain.substring(colon + 1);
            return DockerException.server("Get \"http://" + domain + "/v2/\": dial tcp " + ip + ":" + port
                    + ": connect: connection refused");
        }
        return DockerException.server("Get \"https://" + domain + "/v2/\": dial tcp: lookup " + host
                + ": glassbox's sim registry serves only docker.io");
    }

    @Override
    public String domain() {
        return hub.domain();
    }

    @Override
    public String baseUrl() {
        return hub.baseUrl();
    }

    @Override
    public Registry forDomain(String domain) {
        return domain.equals(hub.domain()) ? hub.forDomain(domain) : made.computeIfAbsent(domain, others);
    }

    @Override
    public boolean hasRepository(String path) {
        return hub.hasRepository(path);
    }

    /** The hub's references only: other registries are not listed (that would be a request per completion). */
    @Override
    public List<String> references() {
        return hub.references();
    }

    @Override
    public Optional<Image> resolve(ImageRef ref) {
        return forDomain(ref.domain()).resolve(ref);
    }

    @Override
    public String origin(ImageRef ref) {
        return forDomain(ref.domain()).origin(ref);
    }
}
