package dev.glassbox.daemon;

import dev.glassbox.image.FileEntry;
import dev.glassbox.image.HistoryEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.Layer;
import dev.glassbox.registry.ImageJson;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The builder's side of the image store: the classic build cache (a child of the same parent made by
 * the same instruction, with the same config), each step's commit as a new image, and the files of an
 * image as its layers stack them.
 */
final class BuildImages {
    private final Daemon d;

    BuildImages(Daemon d) {
        this.d = d;
    }

    /**
     * moby's ImageGetCached: an image whose parent is {@code parentId}, whose last history line is
     * {@code createdBy} and whose config is the one the step would write.
     */
    Optional<Images.Stored> probe(String parentId, String createdBy, BuildConfig cfg) {
        try (Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "cache lookup", createdBy,
                "The classic builder looks for an image made before from the same parent by the same instruction with the same config.", "")) {
            for (Images.Stored st : d.images.byId.values()) {
                List<HistoryEntry> h = st.image().config().history();
                if (!st.parent().equals(parentId) || h.isEmpty() || !h.get(h.size() - 1).createdBy().equals(createdBy)) {
                    continue;
                }
                if (cfg.sameRuntime(st.image().config())) {
                    d.tracer.note(dev.glassbox.trace.Layer.DAEMON, null, "cache hit", st.image().id().shortId(), "Image "
                            + st.image().id().shortId() + " is a child of " + shortOf(parentId) + " made by this instruction: the step is reused.", "");
                    return Optional.of(st);
                }
            }
            d.tracer.note(dev.glassbox.trace.Layer.DAEMON, null, "cache miss", shortOf(parentId), "No child of " + shortOf(parentId)
                    + " was made by this instruction: the step runs, and every later step misses too.", "");
            return Optional.empty();
        }
    }

    private static String shortOf(String id) {
        return id.isEmpty() ? "scratch" : id.substring(7, 19);
    }

    /** The step's image: the parent's layers, plus {@code layer} when the step changed files. Answers its id. */
    String commit(Image parent, BuildConfig cfg, String createdBy, Layer layer, String author) {
        long now = d.now() / 1000;
        ImageConfig config = cfg.next(now, createdBy, layer == null ? null : layer.diffId());
        List<Layer> layers = new ArrayList<>(parent == null ? List.of() : parent.layers());
        if (layer != null) {
            layers.add(layer);
            d.tracer.note(dev.glassbox.trace.Layer.DAEMON, null, "layer diff", layer.diffId().shortId(), layer.entries().size()
                    + " entries changed in this step become a new layer.", "tar -cf - . | sha256sum");
        }
        Image img = ImageJson.image(config, layers);
        String id = d.images.store(img, parent, null, author);
        cfg.adopt(config);
        d.tracer.did(dev.glassbox.trace.Layer.DAEMON, null, "commit step", img.id().shortId(), "The step is committed as image "
                + img.id().shortId() + (layer == null ? ", a change of config only (an empty layer in its history)." : " with one more layer."), "");
        return id;
    }

    /** The files of an image, by relative path, as its layers stack them (whiteouts applied). */
    static TreeMap<String, FileEntry> files(Image img) {
        TreeMap<String, FileEntry> out = new TreeMap<>();
        if (img == null) {
            return out;
        }
        for (Layer l : img.layers()) {
            for (FileEntry e : l.entries()) {
                String path = strip(e.path());
                String base = path.substring(path.lastIndexOf('/') + 1);
                String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
                if (base.equals(".wh..wh..opq")) {
                    removeUnder(out, dir);
                } else if (base.startsWith(".wh.")) {
                    String gone = (dir.isEmpty() ? "" : dir + "/") + base.substring(4);
                    out.remove(gone);
                    removeUnder(out, gone);
                } else {
                    if (e.type() != FileEntry.Type.DIR) {
                        removeUnder(out, path);
                    }
                    out.put(path, e);
                }
            }
        }
        return out;
    }

    static String strip(String path) {
        String p = path.startsWith("./") ? path.substring(2) : path;
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static void removeUnder(TreeMap<String, FileEntry> files, String dir) {
        String prefix = dir.isEmpty() ? "" : dir + "/";
        files.subMap(prefix, prefix + Character.MAX_VALUE).clear();
    }

    /** The file at an absolute path, following symlinks in its directories; null when there is none. */
    static FileEntry lookup(Map<String, FileEntry> files, String absolute) {
        String rel = absolute.replaceAll("^/+", "");
        return rel.isEmpty() ? FileEntry.dir(".", 0755) : files.get(rel);
    }
}
