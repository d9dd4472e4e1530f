package dev.glassbox.image;

import java.util.List;

/**
 * A filesystem layer: its entries, the digest of its uncompressed tar ({@code diffId}, what the image
 * config lists) and of its gzip-compressed blob ({@code digest}, what the manifest and the registry
 * use), with both sizes.
 */
public record Layer(Digest digest, long size, Digest diffId, long uncompressedSize, List<FileEntry> entries) {
    public Layer {
        entries = List.copyOf(entries);
    }

    /** Sum of the apparent sizes of the regular files: what the layer adds to an image's size. */
    public long contentSize() {
        long n = 0;
        for (FileEntry e : entries) {
            n += e.type() == FileEntry.Type.FILE ? e.size() : 0;
        }
        return n;
    }
}
