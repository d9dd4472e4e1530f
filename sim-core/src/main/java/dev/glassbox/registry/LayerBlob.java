package dev.glassbox.registry;

import dev.glassbox.api.DockerException;
import dev.glassbox.image.Digest;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.Layer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/** A layer blob as a registry serves it, read into a {@link Layer}: its entries and the diff id of the tar inside. */
public final class LayerBlob {
    /** The OCI image spec's gzip layer; Docker's is {@link ImageJson#LAYER_TYPE}. */
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final Set<String> GZIP = Set.of(ImageJson.LAYER_TYPE, OCI_LAYER);
    private static final String TAR = "application/vnd.oci.image.layer.v1.tar";

    private LayerBlob() {}

    public static Layer read(byte[] blob, Digest digest, String mediaType) {
        boolean gzip = GZIP.contains(mediaType);
        if (!gzip && !TAR.equals(mediaType)) {
            throw DockerException.unsupported("glassbox: unsupported layer type " + mediaType);
        }
        MessageDigest inner = Digest.sha256();
        long[] count = {0};
        try (InputStream unzipped = gzip ? new GZIPInputStream(new ByteArrayInputStream(blob), 64 * 1024) : new ByteArrayInputStream(blob);
                InputStream tar = new DigestInputStream(unzipped, inner) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        count[0] += b < 0 ? 0 : 1;
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        count[0] += Math.max(0, n);
                        return n;
                    }
                }) {
            List<FileEntry> entries = LayerArchive.readTar(tar);
            tar.transferTo(OutputStream.nullOutputStream());
            Digest diffId = Digest.finish(inner);
            return new Layer(digest, blob.length, gzip ? diffId : digest, count[0], entries);
        } catch (IOException e) {
            throw DockerException.server("glassbox: cannot read layer " + digest + ": " + e.getMessage());
        }
    }
}
