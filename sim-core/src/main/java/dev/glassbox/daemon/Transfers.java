package dev.glassbox.daemon;

import dev.glassbox.api.DockerException;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.HistoryEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import dev.glassbox.registry.ImageJson;
import dev.glassbox.registry.LayerArchive;
import dev.glassbox.trace.Tracer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * docker save, load and import: images to and from tar files on the daemon's host, through the
 * kernel's {@link dev.glassbox.kernel.HostFs} only (so the Linux kernel keeps them inside its state root).
 */
final class Transfers {
    private final Daemon d;

    Transfers(Daemon d) {
        this.d = d;
    }

    /** A relative path is taken under the data root's files/, the glassbox client's stand-in for a working directory. */
    String path(String file) {
        return file.startsWith("/") ? file : d.layout.dataRoot() + "/files/" + file;
    }

    void save(List<String> names, String file) {
        List<ImageArchives.Entry> entries = new ArrayList<>();
        for (String name : names) {
            Images.Stored s = d.images.get(name);
            List<ImageRef> tags = new ArrayList<>();
            ImageRef asked = ref(name);
            if (asked != null && d.images.tagsOf(s.image().id().toString()).contains(asked.toString())) {
                tags.add(asked);
            }
            entries.add(new ImageArchives.Entry(s.image(), tags));
        }
        try (Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "save", String.join(" ", names),
                "The daemon writes each image's config, manifest and uncompressed layer tars as blobs named by their digests.", "")) {
            byte[] tar = ImageArchives.write(entries);
            entries.forEach(e -> d.events.image(e.image().id().toString(), e.image().id().toString(), "save", e.image().config().labels()));
            String path = path(file);
            write(path, tar);
            d.tracer.did(dev.glassbox.trace.Layer.DAEMON, null, "archive written", file, tar.length + " bytes written to " + path + ".",
                    "docker save -o " + path);
        }
    }

    List<String> load(String file) {
        byte[] archive = read(file);
        List<String> out = new ArrayList<>();
        try (Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "load", file,
                "The daemon reads the archive's manifest.json, checks every blob against its digest and stores the images like pulled ones.", "")) {
            for (ImageArchives.Entry e : ImageArchives.read(archive)) {
                d.images.store(e.image(), null, null, "");
                d.events.image(e.image().id().toString(), e.image().id().toString(), "load", e.image().config().labels());
                for (ImageRef t : e.tags()) {
                    d.images.tags.put(t.toString(), e.image().id().toString());
                    out.add("Loaded image: " + t.familiar());
                }
                if (e.tags().isEmpty()) {
                    out.add("Loaded image ID: " + e.image().id());
                }
            }
        }
        return out;
    }

    void export(Container c, String file) {
        try (Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "export", c.name,
                "The daemon reads the container's layers from the bottom up, whiteouts applied, and writes what the container sees as one tar.", "")) {
            List<String> layers = new ArrayList<>(c.lowerdirs);
            java.util.Collections.reverse(layers);
            layers.add(c.upperdir());
            List<dev.glassbox.image.FileEntry> files = VolumeCopy.merged(d.kernel.fs(), layers, "");
            byte[] tar = ImageArchives.tar(d.options.remapped() ? d.options.usernsRemap().unshift(files) : files);
            String path = path(file);
            write(path, tar);
            d.tracer.did(dev.glassbox.trace.Layer.DAEMON, null, "archive written", file, tar.length + " bytes written to " + path + ".",
                    "docker export -o " + path + " " + c.id);
        }
    }

    String importImage(String file, String reference, String message, List<String> changes) {
        ImageRef ref = reference == null || reference.isEmpty() ? null : ImageRef.parse(reference).withDefaultTag();
        byte[] tar = read(file);
        List<FileEntry> entries;
        try {
            entries = LayerArchive.readTar(new ByteArrayInputStream(tar));
        } catch (IOException | RuntimeException e) {
            throw DockerException.invalid("archive/tar: invalid tar header");
        }
        ConfigDraft draft = new ConfigDraft();
        changes.forEach(draft::apply);
        try (Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "import", file,
                "The daemon makes the tarball the one layer of a new image with an otherwise empty config.", "")) {
            Layer layer = LayerArchive.layer(entries);
            long now = d.now() / 1000;
            String comment = message == null || message.isEmpty() ? "Imported from -" : message;
            ImageConfig config = new ImageConfig("amd64", "linux", now, draft.envList(), draft.entrypoint, draft.cmd, draft.workingDir,
                    draft.user, new ArrayList<>(draft.exposedPorts), draft.labels, draft.stopSignal,
                    List.of(new HistoryEntry(now, "", false, comment)), List.of(layer.diffId()));
            Image img = ImageJson.image(config, List.of(layer));
            String id = d.images.store(img, null, ref, "");
            d.events.image(id, id, "import", config.labels());
            return id;
        }
    }

    private static ImageRef ref(String name) {
        try {
            return ImageRef.parse(name).withDefaultTag();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private byte[] read(String file) {
        String path = path(file);
        try {
            if (!d.kernel.fs().exists(path)) {
                throw DockerException.notFound("open " + file + ": no such file or directory");
            }
            return d.kernel.fs().readFile(path);
        } catch (IllegalArgumentException e) {
            throw DockerException.invalid(e.getMessage());
        }
    }

    private void write(String path, byte[] data) {
        try {
            d.kernel.fs().writeFile(path, data);
        } catch (IllegalArgumentException e) {
            throw DockerException.invalid(e.getMessage());
        }
    }
}
