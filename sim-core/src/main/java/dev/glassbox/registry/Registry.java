package dev.glassbox.registry;

import dev.glassbox.image.Image;
import dev.glassbox.image.ImageRef;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code docker pull} finds images: the sim kernel's simulated Docker Hub, or on the Linux
 * kernel the teaching images built from the host's own binaries.
 */
public interface Registry {
    /** The registry's domain, as in an image reference: {@code docker.io}. */
    String domain();

    /** The base URL the trace shows for its HTTP requests: {@code https://registry-1.docker.io}. */
    default String baseUrl() {
        return "https://registry-1.docker.io";
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
}
