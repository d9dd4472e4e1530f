package dev.glassbox.kernel;

import dev.glassbox.trace.Layer;
import dev.glassbox.trace.Subsystem;
import dev.glassbox.trace.Tracer;
import java.util.Objects;

/**
 * One kernel-layer trace step as both kernels record it: the subsystem, the action, the object it
 * concerns, the sentence that tells what happened and why, and the real-world equivalent (the
 * syscall or command line). The catalogs ({@link CgroupEvents}, {@link NetEvents},
 * {@link MountEvents}, {@link ProcessEvents}) make every one of them, so a sentence is written once
 * for the sim kernel and the Linux kernel alike.
 */
public record KernelEvent(Subsystem subsystem, String action, String object, String sentence, String equivalent) {
    public KernelEvent {
        Objects.requireNonNull(subsystem, "subsystem");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(sentence, "sentence");
        Objects.requireNonNull(equivalent, "equivalent");
    }

    /** Records this step before it changes anything (see {@link Tracer#note}). */
    public void note(Tracer tracer) {
        if (tracer != null) {
            tracer.note(Layer.KERNEL, subsystem, action, object, sentence, equivalent);
        }
    }

    /** Records this step after it has happened, so the state changes are its own (see {@link Tracer#did}). */
    public void did(Tracer tracer) {
        if (tracer != null) {
            tracer.did(Layer.KERNEL, subsystem, action, object, sentence, equivalent);
        }
    }

    /** {@code echo VALUE > FILE}: how a cgroup or /proc file is written from a shell. */
    static String echo(String value, String file) {
        return "echo " + value + " > " + file;
    }
}
