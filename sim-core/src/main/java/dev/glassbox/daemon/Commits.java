package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.image.Digest;
import dev.glassbox.image.FileEntry;
import dev.glassbox.image.HistoryEntry;
import dev.glassbox.image.Image;
import dev.glassbox.image.ImageConfig;
import dev.glassbox.image.ImageRef;
import dev.glassbox.image.Layer;
import dev.glassbox.registry.ImageJson;
import dev.glassbox.registry.LayerArchive;
import dev.glassbox.trace.Tracer;
import java.util.ArrayList;
import java.util.List;

/**
 * docker commit: the container's upperdir archived as a reproducible layer, a config with the
 * container's settings, the new diff id and one more history entry, stored like a pulled image.
 */
final class Commits {
    private final Daemon d;

    Commits(Daemon d) {
        this.d = d;
    }

    String commit(Container c, Api.CommitOptions o) {
        ImageRef ref = o.reference().isEmpty() ? null : ImageRef.parse(o.reference()).withDefaultTag();
        try (Tracer.Span s = d.tracer.open(dev.glassbox.trace.Layer.DAEMON, null, "commit", c.name,
                "The daemon archives the container's writable layer as a new image layer on top of the image it came from.", "")) {
            ConfigDraft draft = draft(c);
            for (String line : o.changes()) {
                draft.apply(line);
            }
            boolean freeze = o.pause() && c.status == Container.Status.RUNNING;
            if (freeze) {
                d.tasks.pause(c.cgroup());
            }
            List<FileEntry> entries;
            try {
                entries = d.images.storage.driver.diff(c.rootfs);
            } finally {
                if (freeze) {
                    d.tasks.resume(c.cgroup());
                }
            }
            if (d.options.remapped()) {
                entries = d.options.usernsRemap().unshift(entries); // the layer holds the container's own ids, as a layer pulled does
            }
            Layer layer = LayerArchive.layer(entries);
            boolean empty = entries.isEmpty();
            d.tracer.note(dev.glassbox.trace.Layer.DAEMON, null, "archive layer", layer.diffId().shortId(), entries.size()
                    + " entries of the upperdir become a tar (whiteouts as .wh. files), sorted with fixed owners and times so its digest is reproducible"
                    + (empty ? "; it is empty, so the image gets no new layer." : "."), "tar -cf - -C " + c.upperdir() + " . | sha256sum");
            Image img = image(c, o, draft, empty ? null : layer);
            String id = d.images.store(img, c.image, ref, o.author());
            d.tracer.did(dev.glassbox.trace.Layer.DAEMON, null, "image committed", img.id().shortId(), "Image " + img.id().shortId()
                    + " is stored" + (ref == null ? " without a name." : " and the name " + ref.familiar() + " points at it."), "");
            d.events.container(c, "commit", java.util.Map.of("comment", o.comment(), "imageID", id, "imageRef", ref == null ? "" : ref.familiar()));
            return id;
        }
    }

    private static ConfigDraft draft(Container c) {
        ImageConfig base = c.image.config();
        ConfigDraft x = new ConfigDraft();
        base.env().forEach(x::putEnv);
        c.config.env().forEach(x::putEnv);
        x.entrypoint = c.config.entrypoint() != null ? c.config.entrypoint() : base.entrypoint();
        x.cmd = c.config.cmd() != null && !c.config.cmd().isEmpty() ? c.config.cmd() : c.config.entrypoint() != null ? null : base.cmd();
        x.workingDir = c.config.workingDir().isEmpty() ? base.workingDir() : c.config.workingDir();
        x.user = c.config.user().isEmpty() ? base.user() : c.config.user();
        x.exposedPorts.addAll(base.exposedPorts());
        x.exposedPorts.addAll(c.config.exposedPorts());
        x.labels.putAll(base.labels());
        x.labels.putAll(c.config.labels());
        x.stopSignal = c.config.stopSignal().isEmpty() ? base.stopSignal() : c.config.stopSignal();
        return x;
    }

    private Image image(Container c, Api.CommitOptions o, ConfigDraft x, Layer layer) {
        ImageConfig base = c.image.config();
        long now = d.now() / 1000;
        List<String> cmd = c.config.cmd() != null && !c.config.cmd().isEmpty() ? c.config.cmd() : base.cmd();
        List<HistoryEntry> history = new ArrayList<>(base.history());
        history.add(new HistoryEntry(now, cmd == null ? "" : String.join(" ", cmd), layer == null, o.comment()));
        List<Digest> diffIds = new ArrayList<>(base.diffIds());
        List<Layer> layers = new ArrayList<>(c.image.layers());
        if (layer != null) {
            diffIds.add(layer.diffId());
            layers.add(layer);
        }
        ImageConfig config = new ImageConfig(base.architecture(), base.os(), now, x.envList(), x.entrypoint, x.cmd, x.workingDir,
                x.user, new ArrayList<>(x.exposedPorts), x.labels, x.stopSignal, history, diffIds);
        return ImageJson.image(config, layers);
    }
}
