package dev.glassbox.registry;

import dev.glassbox.api.DockerException;
import dev.glassbox.image.Digest;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code docker pull} finds images and {@code docker push} sends them: the sim kernel's
 * simulated Docker Hub, on the Linux kernel the teaching images built from the host's own binaries,
 * or a real registry on loopback. {@link #forDomain} picks the registry an image reference names.
 */
public interface Registry {
    /** What Docker Hub answers a push made without {@code docker login}. */
    String DENIED = "denied: requested access to the resource is denied";

    /** The registry's domain, as in an image reference: {@code docker.io}. */
    String domain();

    /** The base URL the trace shows for its HTTP requests: {@code https://registry-1.docker.io}. */
    default String baseUrl() {
        return "https://registry-1.docker.io";
    }

    /**
     * The registry serving {@code domain}: this one for its own domain. A single registry reaches no
     * other, so anything else fails as Docker does when nothing listens there; {@link Registries}
     * routes other domains.
     */
    default Registry forDomain(String domain) {
        if (domain.equals(domain())) {
            return this;
        }
        throw Registries.unreachable(domain);
    }

    /** Whether a repository exists, by path: {@code library/nginx}, {@code progrium/stress}. */
    boolean hasRepository(String path);

    /** Every repository:tag served, in the short form people type ({@code nginx:1.27}). */
    List<String> references();

    /**
     * The image a normalised reference names: by manifest digest when it has one, else by tag,
     * {@code latest} when it has neither.
     */
    Optional<Image> resolve(ImageRef ref);

    /**
     * One sentence for the trace of {@code docker pull} on where the image's files come from, when a
     * registry is not simply serving what was pushed to it; empty otherwise.
     */
    default String origin(ImageRef ref) {
        return "";
    }

    /**
     * {@code GET /v2/}: the request Docker opens a push with, where a registry that is not there shows
     * (a refused connection); nothing for a registry that is not reached over HTTP.
     */
    default void ping() {
    }

    // ---- push: the three requests of the distribution API, driven by the daemon one blob at a time

    /** {@code HEAD /v2/PATH/blobs/DIGEST}: whether the repository has the blob already. */
    default boolean hasBlob(String path, Digest digest) {
        throw DockerException.server(DENIED);
    }

    /** {@code POST /v2/PATH/blobs/uploads/}, then {@code PUT} the bytes to the upload URL with {@code ?digest=}. */
    default void putBlob(String path, Digest digest, byte[] bytes) {
        throw DockerException.server(DENIED);
    }

    /**
     * {@code POST /v2/PATH/blobs/uploads/?mount=DIGEST&from=FROM}: asks the registry to link a blob it
     * keeps for another repository instead of receiving it again; false when it would not.
     */
    default boolean mountBlob(String path, Digest digest, String from) {
        return false;
    }

    /** {@code PUT /v2/PATH/manifests/TAG} with the manifest's media type; answers the digest the registry gives it. */
    default Digest putManifest(String path, String tag, String mediaType, byte[] manifest) {
        throw DockerException.server(DENIED);
    }
}
