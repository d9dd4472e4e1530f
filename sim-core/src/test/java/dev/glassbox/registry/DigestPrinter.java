package dev.glassbox.registry;

import dev.glassbox.image.Image;
import dev.glassbox.image.Layer;

/** Prints every catalog image's digests, one line each; run in a second JVM to compare runs. */
final class DigestPrinter {
    private DigestPrinter() {}

    static String digests(java.util.List<Catalog.Entry> entries) {
        StringBuilder b = new StringBuilder();
        for (Catalog.Entry e : entries) {
            Image image = e.image().get();
            b.append(e.path()).append(' ').append(image.id()).append(' ').append(image.manifestDigest());
            for (Layer l : image.layers()) {
                b.append(' ').append(l.diffId()).append('/').append(l.digest());
            }
            b.append('\n');
        }
        return b.toString();
    }

    public static void main(String[] args) {
        System.out.print(digests(Catalog.standard()));
    }
}
