package dev.glassbox.daemon;

import dev.glassbox.image.FileEntry;
import dev.glassbox.kernel.HostFs;
import dev.glassbox.trace.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker fills an empty volume with what the image has at the mount path the first time a container
 * mounts it ({@code nocopy} turns that off): the merged view of the container's layers at that path,
 * read layer by layer from the bottom, whiteouts and opaque directories applied.
 */
final class VolumeCopy {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private VolumeCopy() {}

    static void seed(Daemon d, Container c) {
        for (MountPoint m : c.mounts) {
            if (!m.type().equals("volume") || m.mode().contains("nocopy") || !d.kernel.fs().readTree(m.source()).isEmpty()) {
                continue;
            }
            List<String> layers = new ArrayList<>(c.lowerdirs);
            java.util.Collections.reverse(layers);
            layers.add(c.upperdir());
            List<FileEntry> entries = merged(d.kernel.fs(), layers, m.destination());
            if (entries.isEmpty()) {
                continue;
            }
            d.kernel.fs().unpackLayer(m.source(), entries);
            d.tracer.did(Layer.DAEMON, null, "copy to volume", m.name().length() > 12 ? m.name().substring(0, 12) : m.name(), "Volume " + m.name()
                    + " is empty and the image has " + entries.size() + " entries at " + m.destination() + ": the daemon copies them in before the volume hides them.",
                    "cp -a " + c.merged() + m.destination() + "/. " + m.source() + "/");
        }
    }

    /** The union of the layers' trees under {@code path}, bottom layer first. */
    static List<FileEntry> merged(HostFs fs, List<String> bottomFirst, String path) {
        Map<String, FileEntry> out = new LinkedHashMap<>();
        for (String layer : bottomFirst) {
            String base = layer + path;
            if (!fs.exists(base)) {
                continue;
            }
            for (FileEntry e : fs.readTree(base)) {
                String name = e.path().substring(e.path().lastIndexOf('/') + 1);
                String parent = e.path().contains("/") ? e.path().substring(0, e.path().lastIndexOf('/') + 1) : "";
                if (name.equals(OPAQUE)) {
                    out.keySet().removeIf(p -> p.startsWith(parent) && !p.equals(parent.isEmpty() ? "" : parent.substring(0, parent.length() - 1)));
                } else if (name.startsWith(WHITEOUT)) {
                    String gone = parent + name.substring(WHITEOUT.length());
                    out.keySet().removeIf(p -> p.equals(gone) || p.startsWith(gone + "/"));
                } else {
                    if (e.type() != FileEntry.Type.DIR) {
                        out.keySet().removeIf(p -> p.startsWith(e.path() + "/"));
                    }
                    out.put(e.path(), e);
                }
            }
        }
        List<FileEntry> list = new ArrayList<>(out.values());
        list.removeIf(e -> e.type() == FileEntry.Type.HARDLINK && !out.containsKey(e.link()));
        list.sort((a, b) -> Changes.walkOrder(a.path(), b.path()));
        return list;
    }
}
