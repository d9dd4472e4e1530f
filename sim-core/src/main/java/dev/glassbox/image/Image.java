package dev.glassbox.image;

import java.util.List;

/**
 * An image as the daemon stores it: its id is the digest of its config JSON, {@code manifestDigest}
 * the digest of the manifest it was pulled by (what {@code RepoDigests} shows).
 */
public record Image(Digest id, Digest manifestDigest, ImageConfig config, List<Layer> layers) {
    public Image {
        layers = List.copyOf(layers);
    }

    public long size() {
        long n = 0;
        for (Layer l : layers) {
            n += l.contentSize();
        }
        return n;
    }
}
