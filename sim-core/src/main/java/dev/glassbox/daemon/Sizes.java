package dev.glassbox.daemon;

import dev.glassbox.api.Api;
import dev.glassbox.trace.Layer;

/**
 * A container's sizes as {@code ps -s} and {@code inspect -s} show them: SizeRw, the bytes of the files
 * in its writable layer (what it changed), and SizeRootFs, those plus its image's layers (all it sees).
 */
record Sizes(long rw, long rootFs) {
    static Sizes of(Daemon d, Container c) {
        long rw = d.images.storage.driver.changedBytes(c.rootfs);
        d.tracer.note(Layer.DAEMON, null, "measure", c.name, "The daemon adds up the files of " + c.name + "'s writable layer (" + rw
                + " bytes) and of its image's layers for SizeRootFs.", "du -sb " + c.upperdir());
        return new Sizes(rw, rw + c.image.size());
    }

    /** inspect -s: SizeRw and SizeRootFs after GraphDriver, where Docker's document has them. */
    static java.util.Map<String, Object> into(java.util.Map<String, Object> view, Sizes z) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        view.forEach((k, v) -> {
            out.put(k, v);
            if (k.equals("GraphDriver")) {
                out.put("SizeRw", z.rw());
                out.put("SizeRootFs", z.rootFs());
            }
        });
        return out;
    }

    static Api.ContainerSummary withSizes(Api.ContainerSummary s, Sizes z) {
        return new Api.ContainerSummary(s.id(), s.names(), s.image(), s.imageId(), s.command(), s.created(), s.state(), s.status(), s.ports(),
                s.labels(), s.health(), z.rw(), z.rootFs());
    }
}
